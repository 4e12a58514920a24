/**
 * bench/owner-responsiveness: how long the window's thread (Electron's main process) is blocked
 * while an officer works and a full duplicate check runs, in two wirings over the same replica:
 *
 * - `owner`: the app's wiring, every call relayed to the database owner thread;
 * - `inProcess`: the earlier wiring, the services on the thread that answers the window (the
 *   check itself in a worker thread in both).
 *
 * The scripted session searches, opens profiles and lists duplicate clusters and cases, one call
 * after another, while the check runs. Reports the thread's event-loop delay (max and p99, from
 * `monitorEventLoopDelay`) and the calls' latency. Needs the built app (`npx electron-vite build`).
 *
 *   npm run bench:owner -- --customers 100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Result } from '../src/shared/ipc/contract';
import { detectionWorkerRunner } from '../src/main/dedupe/dedupe-runners';
import { generateCustomers } from '../src/main/demo/synthetic-data';
import { dispatch } from '../src/main/ipc/dispatch';
import { DeskLog } from '../src/main/logs/desk-log';
import { DatabaseOwner } from '../src/main/owner/database-owner';
import type { SecretStore } from '../src/main/secrets/keychain';
import { createServices } from '../src/main/services';
import { writeBundles } from '../test/support/synthetic-replica';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261207' },
  },
});
const customers = Number(values.customers);
const PASSPHRASE = 'bench passphrase for the owner';
const built = (name: string): string => pathToFileURL(resolve(`out/main/${name}.js`)).href;
// Passphrase workspaces need no keychain; the bench runs anywhere.
const noKeychain: SecretStore = {
  probe: () => Promise.resolve({ available: false, problem: 'not used by the bench' }),
  get: () => Promise.resolve(null),
  set: () => Promise.reject(new Error('not used')),
  delete: () => Promise.resolve(false),
};

type Call = (channel: string, input: unknown) => Promise<Result<unknown>>;

async function prepare(dataDir: string): Promise<void> {
  const services = createServices({
    dataDir,
    version: 'bench',
    secrets: noKeychain,
    scryptCost: 2 ** 14,
  });
  await services.workspace.create({ name: 'Bench', keyMode: 'passphrase', passphrase: PASSPHRASE });
  writeBundles(
    services.workspace.requireOpen().replica.raw,
    generateCustomers({ customers, seed: Number(values.seed) }),
    ['addresses'],
  );
  await services.workspace.close();
}

/** Searches, profiles, cluster and case lists, one after another until `until` settles. */
async function session(call: Call, until: Promise<unknown>) {
  const state = { done: false };
  void until.finally(() => {
    state.done = true;
  });
  const names = ['Anna', 'Jan Kowalski', 'maria', 'Peter Meyer', 'Eva', 'Lukas Bauer', 'Sofia'];
  const latencies: number[] = [];
  let failures = 0;
  for (let i = 0; !state.done; i += 1) {
    const steps: [string, unknown][] = [
      ['search:query', { text: names[i % names.length], limit: 20 }],
      ['subject:profile', { customerId: 1 + ((i * 7919) % customers) }],
      ['duplicates:clusters', { limit: 25 }],
      ['cases:list', {}],
    ];
    for (const [channel, input] of steps) {
      // Each call arrives as IPC does, in a task of its own (in-process answers would otherwise
      // chain as microtasks and starve the thread's events).
      await new Promise((next) => setImmediate(next));
      const started = performance.now();
      const result = await call(channel, input);
      latencies.push(performance.now() - started);
      if (!result.ok) failures += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { calls: latencies.length, failures, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

async function measure(call: Call) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const check = call('duplicates:check', { kind: 'full' });
  const calls = await session(call, check);
  const checked = await check;
  loop.disable();
  return {
    checkOk: checked.ok,
    checkSeconds: round((performance.now() - started) / 1000),
    mainThreadDelayMaxMs: round(loop.max / 1e6),
    mainThreadDelayP99Ms: round(loop.percentile(99) / 1e6),
    interactive: calls,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const dataDir = join(mkdtempSync(join(tmpdir(), 'reflect-bench-owner-')), 'workspace');
try {
  await prepare(dataDir);
  console.error(`prepared ${customers} customers`);

  const inProcess = createServices({
    dataDir,
    version: 'bench',
    secrets: noKeychain,
    detectionRunner: detectionWorkerRunner(new URL(built('dedupe-worker'))),
  });
  await inProcess.workspace.unlock({ passphrase: PASSPHRASE });
  const inProcessFigures = await measure((channel, input) =>
    dispatch(inProcess.handlers, channel, input),
  );
  await inProcess.workspace.close();
  console.error('in-process wiring measured');

  const owner = new DatabaseOwner({
    workerUrl: new URL(built('database-owner')),
    config: {
      dataDir,
      version: 'bench',
      jobWorkers: {
        sync: built('sync-worker'),
        export: built('export-worker'),
        dedupe: built('dedupe-worker'),
      },
      shell: { saveDialog: false, openDialog: false, reveal: false },
    },
    onEvent: () => undefined,
    onShell: () => Promise.resolve(null),
    log: new DeskLog({ dataDir, appVersion: 'bench' }),
  });
  owner.start();
  const call: Call = (channel, input) => owner.call(channel, input);
  await call('workspace:unlock', { passphrase: PASSPHRASE });
  const ownerFigures = await measure(call);
  await owner.stop();

  console.log(
    JSON.stringify(
      {
        bench: 'owner-responsiveness',
        customers,
        owner: ownerFigures,
        inProcess: inProcessFigures,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dirname(dataDir), { recursive: true, force: true });
}

function dirname(path: string): string {
  return resolve(path, '..');
}
