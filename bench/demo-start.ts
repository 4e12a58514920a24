/**
 * bench/demo-start: a fresh demo workspace's first start, step by step: the embedded PGlite
 * central starting, every central migration installed, the synthetic customers seeded (with the
 * duplicate truth), and the desk's first sync (snapshot of every table plus the search index)
 * into a new encrypted replica. Then a second start of the same central (the every-day unlock).
 *
 *   npm run bench:demo-start
 *
 * Prints one JSON object: seconds per step and in total.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReplica } from '../src/main/db/connection';
import { DEMO_CUSTOMERS, DemoHost, type DemoStartStep } from '../src/main/demo/demo-host';
import { createCentralClient } from '../src/main/sync/central-client';
import { Puller } from '../src/main/sync/pull';

const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-demo-'));
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

try {
  const started = performance.now();
  const host = new DemoHost(dir);
  const url = await host.start(onStep);

  const syncStarted = performance.now();
  const replica = await openReplica(join(dir, 'replica.db'), randomBytes(32), { create: true });
  const central = createCentralClient({ connectionString: url });
  await central.connect();
  const pulled = await new Puller(central, replica.raw).pull();
  await central.end();
  seconds['first-sync'] = round((performance.now() - syncStarted) / 1000);
  const total = round((performance.now() - started) / 1000);
  await replica.close();
  await host.stop();

  const restarted = performance.now();
  const again = new DemoHost(dir);
  await again.start();
  const restartSeconds = round((performance.now() - restarted) / 1000);
  await again.stop();

  console.log(
    JSON.stringify(
      {
        customers: DEMO_CUSTOMERS,
        rowsPulled: pulled.snapshotRows,
        customersIndexed: pulled.indexed,
        seconds,
        totalSeconds: total,
        secondStartSeconds: restartSeconds,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
