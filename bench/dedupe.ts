/**
 * bench/dedupe: duplicate detection over a replica of synthetic customers with known duplicates:
 * wall time of a full check and of an incremental one, pairs compared, peak RSS, and precision
 * and recall against the generator's ground truth at the "possible" and "likely" thresholds.
 *
 *   npm run bench:dedupe -- --customers 100000
 *   npm run bench:dedupe -- --customers 1000000
 *
 * Prints one JSON object. Only customers and addresses are written: they are all detection reads.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../src/main/db/migrate';
import { openEncryptedDatabase } from '../src/main/db/open';
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
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const changed = Number(values.changed);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mb = (bytes: number) => Math.round(bytes / 1e6);

const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-dedupe-'));
try {
  const raw = openEncryptedDatabase(join(dir, 'replica.db'), randomBytes(32), { create: true });
  const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
  await migrate(db);
  const loadStarted = performance.now();
  writeBundles(raw, generateCustomers({ customers, seed }), ['addresses']);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const truth = duplicateTruth({ customers, seed });

  // The worker's event loop is free while a check runs, so samples land during it too.
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const phases: Record<string, number> = {};
  let phaseStarted = performance.now();
  let phase = '';
  const full = runFullDetection(
    raw,
    (progress) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (progress.phase !== phase) {
        const now = performance.now();
        if (phase) phases[phase] = Math.round(now - phaseStarted);
        phase = progress.phase;
        phaseStarted = now;
      }
    },
    () => new Date(),
  );
  phases[phase] = Math.round(performance.now() - phaseStarted);
  const fullPeak = peakRss;

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

  // Quality is measured on a fresh full run, as the incremental one renamed records.
  runFullDetection(
    raw,
    () => undefined,
    () => new Date(),
  );
  const model = latestModel(raw);
  console.log(
    JSON.stringify(
      {
        customers,
        seed,
        trueDuplicatePairs: truth.length,
        loadSeconds: Number(loadSeconds.toFixed(1)),
        full: {
          ...full,
          phasesMs: phases,
          peakRssMb: mb(fullPeak),
          rssRiseMb: mb(fullPeak - rssBefore),
        },
        incremental: { changed, ...incremental },
        quality: {
          possible: measureQuality(raw, truth, POSSIBLE),
          likely: measureQuality(raw, truth, LIKELY),
        },
        model: model && {
          lambda: Number(model.lambda.toPrecision(3)),
          m: model.m.map((row) => row.map((x) => Number(x.toFixed(4)))),
          u: model.u.map((row) => row.map((x) => Number(x.toPrecision(3)))),
          estimatedFrom: model.estimatedFrom,
        },
      },
      null,
      2,
    ),
  );
  await db.destroy();
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
