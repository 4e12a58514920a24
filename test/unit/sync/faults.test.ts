import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { installCentral } from '../../../src/main/central/install';
import { dispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import type { SyncOverview } from '../../../src/shared/types';
import { closeCentralClient, createCentralClient } from '../../../src/main/sync/central-client';
import { listConflicts } from '../../../src/main/sync/conflicts';
import { listOutbox } from '../../../src/main/sync/outbox';
import { pushOutbox } from '../../../src/main/sync/push';
import { workerRunner, type SyncRunner } from '../../../src/main/sync/sync-runners';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { startPrivatePostgres } from '../../support/postgres';
import { createLoginRole } from '../../support/postgres-database';
import { queueEmailRectify } from '../../support/queued-rectify';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { testServices } from '../../support/workspace';

/** Short waits, so a test proves "ends" without taking long; real desks wait 10 s and 60 s. */
const TIMEOUTS = { connectMs: 2_000, statementMs: 2_000 };
/** Generous: proves the sync does not hang, not how fast it gives up. */
const BOUND_MS = 30_000;
// Many small pages: a fault made when the first one arrives (in the worker case, a message
// later) always lands while the sync still has work to do on central.
process.env.REFLECT_SYNC_PAGE_SIZE = '25';

/**
 * A desk connected to central through a TCP proxy, with `fault` run once at the first page of
 * the snapshot (after the push, in the middle of the pull).
 */
async function proxiedDesk(options: { centralUrl: string; runner?: SyncRunner; direct?: boolean }) {
  const target = new URL(options.centralUrl);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  let fault: (() => Promise<void> | void) | null = null;
  const services = testServices(undefined, {
    syncTimeouts: TIMEOUTS,
    ...(options.runner ? { syncRunner: options.runner } : {}),
    onSyncProgress: () => {
      const run = fault;
      fault = null;
      void run?.();
    },
  });
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  const url = options.direct ? options.centralUrl : proxy.through(options.centralUrl);
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  const { raw } = services.workspace.requireOpen().replica;
  return {
    services,
    proxy,
    raw,
    atFirstPage(run: () => Promise<void> | void) {
      fault = run;
    },
  };
}

async function seededCentral() {
  const { database, central: admin } = await centralWithClient();
  await seedCentral(admin, 300);
  const officerUrl = await createLoginRole(database, 'reflect_officer');
  return { database, admin, officerUrl, officer: new URL(officerUrl).username };
}

/** A sync through the IPC boundary, where an unexplained failure would become INTERNAL. */
async function syncThroughIpc(handlers: Handlers): Promise<SyncOverview> {
  const result = await dispatch(handlers, 'sync:run', {});
  if (!result.ok) throw new Error(`sync:run failed: ${result.error.code} ${result.error.message}`);
  return result.value as SyncOverview;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

describe('sync on a silent network', () => {
  it('ends as offline within the bound when packets stop in the middle of a pull, and catches up later', async () => {
    const { admin, officerUrl } = await seededCentral();
    const desk = await proxiedDesk({ centralUrl: officerUrl });
    desk.atFirstPage(() => desk.proxy.blackHole());

    const { value: overview, ms } = await timed(() => desk.services.sync.run());
    expect(ms).toBeLessThan(BOUND_MS);
    expect(overview.state).toBe('offline');
    expect(overview.lastError).toMatch(/did not answer in time \(this desk waits 2 s to connect/);

    // While the network stays silent, a new sync gives up on connecting just as surely.
    const again = await timed(() => desk.services.sync.run());
    expect(again.ms).toBeLessThan(BOUND_MS);
    expect(again.value.state).toBe('offline');

    desk.proxy.heal();
    expect((await desk.services.sync.run()).state).toBe('idle');
    expect(replicaDigests(desk.raw)).toEqual(await centralDigests(admin));
  });

  it('keeps an operation whose push met a silent network queued for a retry, not as a conflict', async () => {
    const { admin, officerUrl } = await seededCentral();
    const desk = await proxiedDesk({ centralUrl: officerUrl });
    await desk.services.sync.run();
    queueEmailRectify(desk.raw, 4, 'after.silence@example.org', { applyLocally: true });

    const target = new URL(officerUrl);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const client = createCentralClient({
      connectionString: proxy.through(officerUrl),
      ...{ statement_timeout: TIMEOUTS.statementMs, query_timeout: TIMEOUTS.statementMs + 2000 },
    });
    client.on('error', () => undefined);
    await client.connect();
    proxy.blackHole();
    const { value: push, ms } = await timed(() => pushOutbox(client, desk.raw));
    await closeCentralClient(client);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(push).toMatchObject({ applied: 0, conflicts: 0 });
    expect(push.lostConnection?.message).toBe('Query read timeout');
    expect(listConflicts(desk.raw)).toEqual([]);
    expect(listOutbox(desk.raw, 'pending')).toHaveLength(1);
    const email = await admin.query('SELECT email FROM reflect.customers WHERE customer_id = 4');
    expect(email.rows[0]).toEqual({ email: 'p4@example.org' });
  });
});

describe('every kind of lost connection is offline, never an internal error', () => {
  const cases: {
    name: string;
    fault: (ctx: { admin: pg.Client; officer: string; proxy: TcpProxy }) => Promise<void> | void;
    says: RegExp;
    worker?: boolean;
  }[] = [
    {
      name: 'the session ended by pg_terminate_backend',
      fault: ({ admin, officer, proxy }) =>
        proxy.hold(() =>
          admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [
            officer,
          ]),
        ),
      says: /ended the session|closed the connection/,
    },
    {
      name: 'the connection reset by the network (ECONNRESET)',
      fault: ({ proxy }) => proxy.reset(),
      says: /closed the connection in the middle of the sync/,
    },
    {
      name: 'the connection reset while the sync runs in a worker thread',
      fault: ({ proxy }) => proxy.reset(),
      says: /closed the connection in the middle of the sync/,
      worker: true,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { admin, officerUrl, officer } = await seededCentral();
      const desk = await proxiedDesk({
        centralUrl: officerUrl,
        ...(c.worker
          ? { runner: workerRunner(pathToFileURL(resolve('out/main/sync-worker.js'))) }
          : {}),
      });
      desk.atFirstPage(() => c.fault({ admin, officer, proxy: desk.proxy }));

      const overview = await syncThroughIpc(desk.services.handlers);
      expect(overview.state).toBe('offline');
      expect(overview.lastError).toMatch(c.says);
      expect(overview.lastError).toMatch(/changes wait in the outbox/);

      // The retry: the next sync, with central reachable, finishes the work.
      const retried = await desk.services.sync.run();
      expect(retried).toMatchObject({ state: 'idle', lastError: null });
      expect(replicaDigests(desk.raw)).toEqual(await centralDigests(admin));
    });
  }

  it('the server shut down in the middle of a sync, then refusing connections', async () => {
    // A cluster of its own: the shared one serves every other test file.
    const server = await startPrivatePostgres();
    let stopped = false;
    onTestFinished(() => {
      if (!stopped) server.stop();
    });
    const url = new URL(server.url);
    url.pathname = '/central';
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE central');
    await admin.end();
    const central = new pg.Client({ connectionString: url.toString() });
    await central.connect();
    await installCentral(central);
    await seedCentral(central, 300);
    await central.end();

    // Straight to the server, so the refusal afterwards is the server's own.
    const desk = await proxiedDesk({ centralUrl: url.toString(), direct: true });
    desk.atFirstPage(() => {
      server.stop();
      stopped = true;
    });
    const first = await syncThroughIpc(desk.services.handlers);
    expect(first.state).toBe('offline');
    expect(first.lastError).toMatch(/ended the session|closed the connection/);

    const next = await syncThroughIpc(desk.services.handlers);
    expect(next.state).toBe('offline');
    expect(next.lastError).toMatch(/refused the connection/);
  });
});
