/**
 * bench/demo-start: a fresh demo workspace's first start, step by step, both ways: from the
 * prepared central the build ships (out/demo; loading it, the install check, the desk's first
 * sync into a new encrypted replica) and from scratch (PGlite creating a cluster, every central
 * migration, seeding the synthetic customers). Then a second start of the same central (the
 * every-day unlock). The time to make the prepared copy is reported too (a build cost).
 *
 *   npm run bench:demo-start
 *
 * Prints one JSON object: seconds per step and in total.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplica } from '../src/main/db/connection';
import { DEMO_CUSTOMERS, DemoHost, type DemoStartStep } from '../src/main/demo/demo-host';
import {
  buildDemoSnapshot,
  DEMO_SNAPSHOT_ARCHIVE,
  DEMO_SNAPSHOT_MANIFEST,
} from '../src/main/demo/demo-snapshot';
import { createCentralClient } from '../src/main/sync/central-client';
import { Puller } from '../src/main/sync/pull';

const root = mkdtempSync(join(tmpdir(), 'reflect-bench-demo-'));

try {
  const built = performance.now();
  const snapshotDir = join(root, 'prepared');
  const { archive, manifest } = await buildDemoSnapshot('bench');
  const buildSeconds = round((performance.now() - built) / 1000);
  writeSnapshot(snapshotDir, archive, manifest);

  const prepared = await firstStart(join(root, 'from-prepared'), snapshotDir);
  const scratch = await firstStart(join(root, 'from-scratch'), null);

  const restarted = performance.now();
  const again = new DemoHost(join(root, 'from-prepared'));
  await again.start();
  const secondStartSeconds = round((performance.now() - restarted) / 1000);
  await again.stop();

  console.log(
    JSON.stringify(
      {
        customers: DEMO_CUSTOMERS,
        preparedCopyMegabytes: round(archive.length / 1e6),
        preparedCopyBuildSeconds: buildSeconds,
        fromPrepared: prepared,
        fromScratch: scratch,
        secondStartSeconds,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

async function firstStart(dataDir: string, snapshotDir: string | null) {
  const seconds: Record<string, number> = {};
  let current: string | null = null;
  let stepStarted = performance.now();
  const onStep = (step: DemoStartStep): void => {
    if (step.step === current) return;
    const now = performance.now();
    if (current) seconds[current] = round((now - stepStarted) / 1000);
    current = step.step === 'ready' ? null : step.step;
    stepStarted = now;
  };
  const started = performance.now();
  const host = new DemoHost(dataDir, { snapshotDir });
  const url = await host.start(onStep);
  const syncStarted = performance.now();
  const replica = await openReplica(join(dataDir, 'replica.db'), randomBytes(32), { create: true });
  const central = createCentralClient({ connectionString: url });
  await central.connect();
  const pulled = await new Puller(central, replica.raw).pull();
  await central.end();
  seconds['first-sync'] = round((performance.now() - syncStarted) / 1000);
  const totalSeconds = round((performance.now() - started) / 1000);
  await replica.close();
  await host.stop();
  return { seconds, totalSeconds, rowsPulled: pulled.snapshotRows, indexed: pulled.indexed };
}

function writeSnapshot(dir: string, archive: Uint8Array, manifest: object): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, DEMO_SNAPSHOT_ARCHIVE), archive);
  writeFileSync(join(dir, DEMO_SNAPSHOT_MANIFEST), JSON.stringify(manifest));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
