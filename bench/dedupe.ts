/**
 * bench/dedupe: duplicate detection over a replica of synthetic customers with known duplicates:
 * wall time of a full check and of an incremental one, pairs compared, peak RSS, and precision
 * and recall against the generator's ground truth at the "possible" and "likely" thresholds.
 *
 *   npm run bench:dedupe -- --customers 100000
 *   npm run bench:dedupe -- --customers 1000000
 *   npm run bench:dedupe -- --customers 1000000 --keep /var/tmp/reflect-1m   (writes once, then
 *     measures copies of the kept replica: the minutes of writing are paid once)
 *
 * Prints one JSON object. Only customers and addresses are written: they are all detection reads.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../src/main/db/migrate';
import { openEncryptedDatabase } from '../src/main/db/open';
import { listClusters } from '../src/main/dedupe/candidate-clusters';
import { runFullDetection, runIncrementalDetection } from '../src/main/dedupe/detection-job';
import { LIKELY, POSSIBLE } from '../src/main/dedupe/match-model';
import { latestModel } from '../src/main/dedupe/dedupe-runs';
import { duplicateTruth, generateCustomers } from '../src/main/demo/synthetic-data';
import { measureQuality } from '../test/support/dedupe-quality';
import { writeBundles } from '../test/support/synthetic-replica';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    changed: { type: 'string', default: '1000' },
    // Internal: the measuring child process, on the replica the parent wrote.
    keep: { type: 'string' },
    measure: { type: 'string' },
    key: { type: 'string' },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const changed = Number(values.changed);
const mb = (bytes: number) => Math.round(bytes / 1e6);

if (values.measure && values.key) {
  console.log(JSON.stringify(measure(values.measure, values.key)));
} else {
  await main();
}

/**
 * Writing a million synthetic customers leaves the writer's garbage in this process, so the check
 * runs in a child process of its own: its peak RSS (getrusage) is the check's alone.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-dedupe-'));
  try {
    const path = join(dir, 'replica.db');
    const kept = values.keep ? join(values.keep, `replica-${customers}-${seed}.db`) : null;
    let key: Buffer;
    let loadSeconds: number | null = null;
    if (kept && existsSync(kept) && existsSync(`${kept}.key`)) {
      copyFileSync(kept, path);
      key = Buffer.from(readFileSync(`${kept}.key`, 'utf8'), 'hex');
    } else {
      key = randomBytes(32);
      const raw = openEncryptedDatabase(path, key, { create: true });
      const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
      await migrate(db);
      const loadStarted = performance.now();
      writeBundles(raw, generateCustomers({ customers, seed }), ['addresses']);
      loadSeconds = (performance.now() - loadStarted) / 1000;
      raw.pragma('wal_checkpoint(TRUNCATE)');
      await db.destroy();
      if (values.keep && kept) {
        mkdirSync(values.keep, { recursive: true, mode: 0o700 });
        copyFileSync(path, kept);
        // Synthetic data only: the bench's own throwaway key, kept beside it for the next run.
        writeFileSync(`${kept}.key`, key.toString('hex'), { mode: 0o600 });
      }
    }

    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        ...process.argv.slice(2),
        '--measure',
        path,
        '--key',
        key.toString('hex'),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`The measuring process failed: ${child.stderr}`);
    const measured = JSON.parse(child.stdout.slice(child.stdout.indexOf('{'))) as Record<
      string,
      unknown
    >;
    console.log(
      JSON.stringify(
        {
          customers,
          seed,
          loadSeconds: loadSeconds === null ? 'kept replica' : Number(loadSeconds.toFixed(1)),
          ...measured,
        },
        null,
        2,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(path: string, keyHex: string) {
  const raw = openEncryptedDatabase(path, Buffer.from(keyHex, 'hex'), { create: false });
  const truth = duplicateTruth({ customers, seed });
  const rssBefore = process.memoryUsage().rss;
  const phases: Record<string, number> = {};
  let phaseStarted = performance.now();
  let phase = '';
  const full = runFullDetection(
    raw,
    (progress) => {
      if (progress.phase === phase) return;
      const now = performance.now();
      if (phase) phases[phase] = Math.round(now - phaseStarted);
      phase = progress.phase;
      phaseStarted = now;
    },
    () => new Date(),
  );
  phases[phase] = Math.round(performance.now() - phaseStarted);
  // maxRSS is in kilobytes: the high-water mark of this process, the check included.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1000);
  const quality = {
    possible: measureQuality(raw, truth, POSSIBLE),
    likely: measureQuality(raw, truth, LIKELY),
  };
  const model = latestModel(raw);
  // The review screen's first page: every candidate pair read and joined into clusters.
  const listStarted = performance.now();
  const firstPage = listClusters(raw, { limit: 25 });
  const firstMs = performance.now() - listStarted;
  // The next page, nothing written since: the grouped clusters are reused.
  const nextStarted = performance.now();
  listClusters(raw, { limit: 25, offset: 25 });
  const clusterList = {
    ms: Math.round(firstMs),
    nextPageMs: Math.round(performance.now() - nextStarted),
    clusters: firstPage.total,
  };

  // A sync that changed some records: rename them slightly, then re-check only those.
  const rename = raw.prepare("UPDATE customers SET name = name || 'x' WHERE customer_id = ?");
  raw.transaction(() => {
    for (let k = 0; k < changed; k++) rename.run(1 + Math.floor((k * customers) / changed));
  })();
  const incremental = runIncrementalDetection(
    raw,
    () => undefined,
    () => new Date(),
  );
  raw.close();
  return {
    trueDuplicatePairs: truth.length,
    full: { ...full, phasesMs: phases, peakRssMb, rssBeforeMb: mb(rssBefore) },
    clusterList,
    incremental: { changed, ...incremental },
    quality,
    model: model && {
      lambda: Number(model.lambda.toPrecision(3)),
      m: model.m.map((row) => row.map((x) => Number(x.toFixed(4)))),
      u: model.u.map((row) => row.map((x) => Number(x.toPrecision(3)))),
      estimatedFrom: model.estimatedFrom,
    },
  };
}
