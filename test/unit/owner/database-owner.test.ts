import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Result } from '../../../src/shared/ipc/contract';
import type { AuditEntry, WorkspaceStatus } from '../../../src/shared/types';
import { DatabaseOwner } from '../../../src/main/owner/database-owner';
import { DeskLog } from '../../../src/main/logs/desk-log';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { writeBundles } from '../../support/synthetic-replica';
import { TEST_KEYCHAIN_SERVICE, testServices } from '../../support/workspace';

const built = (name: string): string => pathToFileURL(resolve(`out/main/${name}.js`)).href;

/** A workspace with `customers` synthetic people, closed again, for an owner to open. */
async function workspaceWith(customers: number): Promise<string> {
  const desk = testServices();
  await desk.workspace.create({ name: 'Owner test', keyMode: 'keychain' });
  writeBundles(
    desk.workspace.requireOpen().replica.raw,
    generateCustomers({ customers, seed: 11 }),
    ['addresses'],
  );
  await desk.workspace.close();
  return desk.dataDir;
}

function startOwner(dataDir: string) {
  const events: { event: string; payload: unknown }[] = [];
  const owner = new DatabaseOwner({
    workerUrl: new URL(built('database-owner')),
    config: {
      dataDir,
      version: '0.0.0-test',
      keychainService: TEST_KEYCHAIN_SERVICE,
      jobWorkers: {
        sync: built('sync-worker'),
        export: built('export-worker'),
        dedupe: built('dedupe-worker'),
      },
      shell: { saveDialog: false, openDialog: false, reveal: false },
    },
    onEvent: (event, payload) => events.push({ event, payload }),
    onShell: () => Promise.reject(new Error('no shell in this test')),
    log: new DeskLog({ dataDir, appVersion: '0.0.0-test' }),
  });
  owner.start();
  onTestFinished(() => owner.stop());
  const call = async <T>(channel: string, input: unknown = {}): Promise<T> => {
    const result = (await owner.call(channel, input)) as Result<T>;
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value;
  };
  const nextEvent = (name: string): Promise<unknown> =>
    new Promise((done) => {
      const seen = events.length;
      const timer = setInterval(() => {
        const found = events.slice(seen).find((e) => e.event === name);
        if (found) {
          clearInterval(timer);
          done(found.payload);
        }
      }, 5);
    });
  return { owner, events, call, nextEvent };
}

async function lockEntries(call: ReturnType<typeof startOwner>['call']): Promise<AuditEntry[]> {
  const entries = await call<AuditEntry[]>('audit:list', { limit: 50 });
  return entries.filter((e) => e.action === 'workspace.locked');
}

describe('the database owner', () => {
  it('answers every call from its own thread, with the contract the window knows', async () => {
    const { owner, call, events } = startOwner(await workspaceWith(50));
    expect(await owner.call('no:such-channel', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await owner.call('workspace:unlock', { passphrase: 7 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const status = await call<WorkspaceStatus>('workspace:unlock', {});
    expect(status.state).toBe('unlocked');
    expect(events.some((e) => e.event === 'workspace:state-changed')).toBe(true);
    // Many calls at once, each answered with its own result.
    const names = ['Anna', 'Jan', 'Maria', 'Peter', 'Eva', 'Lukas'];
    const answers = await Promise.all(
      names.map((text) => call<{ hits: unknown[] }>('search:query', { text, limit: 5 })),
    );
    expect(answers).toHaveLength(names.length);
    for (const answer of answers) expect(Array.isArray(answer.hits)).toBe(true);
  });

  it('stops a running duplicate check when locked, records why, and opens again with its data', async () => {
    const { call, nextEvent } = startOwner(await workspaceWith(6000));
    await call('workspace:unlock', {});
    const started = nextEvent('duplicates:progress');
    const check = call('duplicates:check', { kind: 'full' }).then(
      () => 'finished',
      (error: unknown) => (error as { code?: string }).code,
    );
    await started;
    const locked = await call<WorkspaceStatus>('workspace:lock');
    expect(locked).toMatchObject({ state: 'locked', lockedBecause: 'officer' });
    expect(await check).toBe('JOB_STOPPED');
    await expect(call('search:query', { text: 'Anna', limit: 5 })).rejects.toMatchObject({
      code: 'WORKSPACE_LOCKED',
    });

    await call('workspace:unlock', {});
    const [lock] = await lockEntries(call);
    expect(lock?.details).toEqual({ reason: 'officer', stoppedJobs: 1 });
    // What the stopped check left is not half a result: a new check runs to the end.
    const summary = await call<{ checked: number }>('duplicates:check', { kind: 'full' });
    expect(summary.checked).toBe(6000);
    const verification = await call<{ ok: boolean }>('audit:verify');
    expect(verification.ok).toBe(true);
  });

  it('stops a running sync when locked; the next sync catches up with nothing lost or doubled', async () => {
    const { database, central } = await centralWithClient();
    onTestFinished(() => central.end());
    await seedCentral(central, 4000);
    const dataDir = await workspaceWith(0);
    process.env.REFLECT_SYNC_PAGE_SIZE = '200';
    onTestFinished(() => {
      delete process.env.REFLECT_SYNC_PAGE_SIZE;
    });
    const { call, nextEvent } = startOwner(dataDir);
    await call('workspace:unlock', {});
    await call('sync:connect', { url: `${database.url}?sslmode=disable` });
    const started = nextEvent('sync:progress');
    const sync = call('sync:run').then(
      () => 'finished',
      (error: unknown) => (error as { code?: string }).code,
    );
    await started;
    await call('workspace:lock');
    expect(await sync).toBe('JOB_STOPPED');

    await call('workspace:unlock', {});
    // A stop is not a failure the officer must act on.
    expect(await call('sync:status')).toMatchObject({ lastError: null });
    await call('sync:run');
    const desk = testServices(dataDir);
    await desk.workspace.unlock({});
    expect(replicaDigests(desk.workspace.requireOpen().replica.raw)).toEqual(
      await centralDigests(central),
    );
  });

  it('locks itself after the idle time the desk sets, and says so', async () => {
    const { owner, call } = startOwner(await workspaceWith(20));
    await call('workspace:unlock', {});
    expect(await call('workspace:auto-lock')).toEqual({ minutes: 10 });
    await expect(call('workspace:set-auto-lock', { minutes: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await call('workspace:set-auto-lock', { minutes: 2 })).toEqual({ minutes: 2 });

    owner.reportIdle(119);
    expect((await call<WorkspaceStatus>('workspace:status')).state).toBe('unlocked');
    owner.reportIdle(120);
    // The idle report is not a call: wait for the owner to finish locking.
    for (let i = 0; i < 200; i += 1) {
      if ((await call<WorkspaceStatus>('workspace:status')).state === 'locked') break;
      await new Promise((done) => setTimeout(done, 10));
    }
    expect(await call('workspace:status')).toMatchObject({
      state: 'locked',
      lockedBecause: 'idle',
    });

    // "Never" keeps it open however long the workstation sits.
    await call('workspace:unlock', {});
    expect((await lockEntries(call))[0]?.details).toEqual({ reason: 'idle', stoppedJobs: 0 });
    await call('workspace:set-auto-lock', { minutes: null });
    owner.reportIdle(86_400);
    owner.lock('screen-locked');
    for (let i = 0; i < 200; i += 1) {
      if ((await call<WorkspaceStatus>('workspace:status')).state === 'locked') break;
      await new Promise((done) => setTimeout(done, 10));
    }
    // The screen lock still locks it: "never" is about idle time only.
    expect(await call('workspace:status')).toMatchObject({ lockedBecause: 'screen-locked' });
  });

  it('locks on quit and answers later calls with a named failure', async () => {
    const { owner, call } = startOwner(await workspaceWith(20));
    await call('workspace:unlock', {});
    await owner.stop();
    expect(await owner.call('workspace:status', {})).toMatchObject({
      ok: false,
      error: { code: 'DESK_RESTARTED', message: expect.stringMatching(/closing/) },
    });
  });
});
