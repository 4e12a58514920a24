import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../../../central/migrations';
import { actAsDemoLogin } from '../../../src/main/demo/demo-officers';
import { DEMO_CUSTOMERS, DemoHost, type DemoStartStep } from '../../../src/main/demo/demo-host';
import {
  buildDemoSnapshot,
  DEMO_SNAPSHOT_ARCHIVE,
  DEMO_SNAPSHOT_MANIFEST,
  readDemoSnapshot,
  type DemoSnapshotManifest,
} from '../../../src/main/demo/demo-snapshot';

/** What a demo central holds, reduced to digests a second central must reproduce exactly. */
async function contentsOf(url: string) {
  const client = new pg.Client({ connectionString: asSuperuser(url) });
  await client.connect();
  try {
    await actAsDemoLogin(client, null);
    const digest = async (sql: string): Promise<string> =>
      (await client.query<{ d: string }>(sql)).rows[0]?.d ?? '';
    return {
      customers: await digest(
        `SELECT count(*) || ':' || md5(string_agg(c::text, '|' ORDER BY customer_id)) AS d FROM reflect.customers c`,
      ),
      orders: await digest(
        `SELECT count(*) || ':' || md5(string_agg(o::text, '|' ORDER BY order_id)) AS d FROM reflect.orders o`,
      ),
      truth: await digest(`SELECT count(*)::text AS d FROM reflect_demo.duplicate_truth`),
      schema: await digest(`SELECT max(version)::text AS d FROM reflect.schema_migrations`),
      logins: await digest(
        `SELECT string_agg(rolname, ',' ORDER BY rolname) AS d FROM pg_roles WHERE rolname LIKE 'demo\\_%'`,
      ),
    };
  } finally {
    await client.end();
  }
}

/** The embedded server's own login: the URL a start returns names a demo officer. */
function asSuperuser(url: string): string {
  const parsed = new URL(url);
  parsed.username = 'postgres';
  return parsed.toString();
}

function stepNames(steps: DemoStartStep[]): string[] {
  return steps.map((s) => s.step).filter((s, i, all) => s !== all[i - 1]);
}

describe('the prepared demo central the build ships', () => {
  const root = mkdtempSync(join(tmpdir(), 'reflect-demo-snapshot-'));
  const snapshotDir = join(root, 'prepared');
  let manifest: DemoSnapshotManifest;
  let scratch: Awaited<ReturnType<typeof contentsOf>>;

  beforeAll(async () => {
    const built = await buildDemoSnapshot('test-sources');
    manifest = built.manifest;
    mkdirSync(snapshotDir);
    writeFileSync(join(snapshotDir, DEMO_SNAPSHOT_ARCHIVE), built.archive);
    writeFileSync(join(snapshotDir, DEMO_SNAPSHOT_MANIFEST), JSON.stringify(built.manifest));
    const host = new DemoHost(join(root, 'scratch'));
    scratch = await contentsOf(await host.start());
    await host.stop();
  }, 180_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('describes itself: this app schema, the demo population, the digest of its archive', () => {
    expect(manifest).toMatchObject({
      format: 'reflect-demo-central/1',
      schemaVersion: centralMigrations.length,
      customers: DEMO_CUSTOMERS,
      sources: 'test-sources',
    });
    expect(readDemoSnapshot(snapshotDir)?.manifest).toEqual(manifest);
  });

  it('starts a first demo by loading it, with nothing seeded, and holds exactly what seeding writes', async () => {
    const steps: DemoStartStep[] = [];
    const host = new DemoHost(join(root, 'loaded'), { snapshotDir });
    const url = await host.start((step) => steps.push(step));
    expect(stepNames(steps)).toEqual(['start-database', 'unpack', 'install-schema', 'ready']);
    expect(await contentsOf(url)).toEqual(scratch);
    await host.stop();

    // The next unlock opens the folder it made; the copy is not read again.
    const again: DemoStartStep[] = [];
    const next = new DemoHost(join(root, 'loaded'), { snapshotDir: join(root, 'nowhere') });
    await next.start((step) => again.push(step));
    await next.stop();
    expect(stepNames(again)).toEqual(['start-database', 'install-schema', 'ready']);
  }, 120_000);

  it('is not used when it cannot be trusted: a changed archive, a bad manifest, a newer schema, none at all', () => {
    const copy = (name: string, change: (dir: string) => void): string => {
      const dir = join(root, name);
      mkdirSync(dir);
      for (const file of [DEMO_SNAPSHOT_ARCHIVE, DEMO_SNAPSHOT_MANIFEST]) {
        writeFileSync(join(dir, file), readFileSync(join(snapshotDir, file)));
      }
      change(dir);
      return dir;
    };
    const archive = (dir: string): string => join(dir, DEMO_SNAPSHOT_ARCHIVE);
    const manifestOf = (dir: string): string => join(dir, DEMO_SNAPSHOT_MANIFEST);
    const cut = copy('cut', (dir) => {
      const bytes = readFileSync(archive(dir));
      writeFileSync(archive(dir), bytes.subarray(0, bytes.length >> 1));
    });
    const garbled = copy('garbled', (dir) => writeFileSync(manifestOf(dir), '{"format":'));
    const newer = copy('newer', (dir) =>
      writeFileSync(
        manifestOf(dir),
        JSON.stringify({ ...manifest, schemaVersion: centralMigrations.length + 1 }),
      ),
    );
    const otherPopulation = copy('other-population', (dir) =>
      writeFileSync(manifestOf(dir), JSON.stringify({ ...manifest, customers: 10 })),
    );
    for (const dir of [cut, garbled, newer, otherPopulation, join(root, 'absent')]) {
      expect(readDemoSnapshot(dir), dir).toBeNull();
    }
  });

  it('falls back to creating and seeding when the archive does not load, and the demo still starts', async () => {
    const dir = join(root, 'unloadable');
    mkdirSync(dir);
    // A digest that matches, over bytes that are no data folder (as from another PGlite).
    const junk = Buffer.from('not a tar archive at all');
    writeFileSync(join(dir, DEMO_SNAPSHOT_ARCHIVE), junk);
    const sha256 = createHash('sha256').update(junk).digest('hex');
    writeFileSync(join(dir, DEMO_SNAPSHOT_MANIFEST), JSON.stringify({ ...manifest, sha256 }));
    expect(readDemoSnapshot(dir)).not.toBeNull();

    const steps: DemoStartStep[] = [];
    const host = new DemoHost(join(root, 'after-junk'), { snapshotDir: dir });
    const url = await host.start((step) => steps.push(step));
    expect(stepNames(steps)).toEqual([
      'start-database',
      'unpack',
      'install-schema',
      'seed',
      'duplicate-truth',
      'ready',
    ]);
    expect(await contentsOf(url)).toEqual(scratch);
    await host.stop();
  }, 120_000);

  it('begins again after a first start cut short, and never wipes a central that finished', async () => {
    const dataDir = join(root, 'cut-short');
    const centralDir = join(dataDir, 'demo-central');
    mkdirSync(centralDir, { recursive: true });
    // What a crash while unpacking leaves: the marker, and a folder that is no whole cluster.
    writeFileSync(join(dataDir, 'demo-central.unfinished'), '');
    writeFileSync(join(centralDir, 'PG_VERSION'), '17\n');
    const host = new DemoHost(dataDir, { snapshotDir });
    const url = await host.start();
    expect(await contentsOf(url)).toEqual(scratch);
    await host.stop();
    expect(() => readFileSync(join(dataDir, 'demo-central.unfinished'))).toThrow();

    // A finished central has no marker: what was written there survives the next start.
    const write = async (url: string, sql: string): Promise<unknown[]> => {
      const client = new pg.Client({ connectionString: asSuperuser(url) });
      await client.connect();
      try {
        await actAsDemoLogin(client, null);
        return (await client.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await client.end();
      }
    };
    const second = new DemoHost(dataDir, { snapshotDir });
    await write(
      await second.start(),
      `UPDATE reflect.customers SET email = 'kept@example.test' WHERE customer_id = 1`,
    );
    await second.stop();
    const third = new DemoHost(dataDir, { snapshotDir });
    expect(
      await write(await third.start(), `SELECT email FROM reflect.customers WHERE customer_id = 1`),
    ).toEqual([{ email: 'kept@example.test' }]);
    await third.stop();
  }, 120_000);
});
