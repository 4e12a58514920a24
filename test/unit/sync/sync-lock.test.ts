import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tryAcquireSyncLock } from '../../../src/main/sync/sync-lock';
import { writeSyncState } from '../../../src/main/sync/sync-state';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { createLoginRole } from '../../support/postgres-database';
import { openWorkspaceReplica, reflectCli, startReflectCli } from '../../support/reflect-cli';
import { tempDir } from '../../support/temp-dir';

const PAGES = { REFLECT_SYNC_PAGE_SIZE: '200' };

/** A workspace made and connected by the CLI, as an officer would. */
async function connectedWorkspace(customers: number) {
  const { database, central } = await centralWithClient();
  await seedCentral(central, customers);
  const officerUrl = `${await createLoginRole(database, 'reflect_officer')}?sslmode=disable`;
  const dataDir = join(tempDir(), 'ws');
  expect(reflectCli(['workspace', 'create', '--name', 'Desk', '--data-dir', dataDir]).code).toBe(0);
  expect(reflectCli(['central', 'connect', '--url', officerUrl, '--data-dir', dataDir]).code).toBe(
    0,
  );
  return { central, dataDir };
}

async function secondConnection(dataDir: string) {
  const replica = await openWorkspaceReplica(dataDir);
  onTestFinished(() => {
    replica.close();
  });
  return replica;
}

// Each test starts the CLI several times; on a busy machine that alone takes seconds.
describe('one sync per workspace across processes', { timeout: 90_000 }, () => {
  it('makes a second sync wait for the one holding the lock, and give up clearly if it stays', async () => {
    const { central, dataDir } = await connectedWorkspace(300);
    // This test process holds the lock through a connection of its own, as the app would.
    const replica = await secondConnection(dataDir);
    const held = tryAcquireSyncLock(replica, new Date());
    expect(held.acquired).toBe(true);

    const refused = reflectCli(['sync', '--once', '--data-dir', dataDir], {
      REFLECT_SYNC_LOCK_WAIT_SECONDS: '1',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `error SYNC_RUNNING: A sync of this workspace is already running in another window or process (process ${process.pid}, started ${held.holder.startedAt}).`,
    );
    expect(refused.stderr).toContain('sync again once the other has finished');
    expect(replica.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);

    // A patient one waits, then runs as soon as the lock is given back.
    const waiting = startReflectCli(['sync', '--once', '--data-dir', dataDir, '--json'], {
      REFLECT_SYNC_LOCK_WAIT_SECONDS: '60',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(waiting.running()).toBe(true);
    expect(replica.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    replica
      .prepare(`DELETE FROM sync_state WHERE key = 'sync.lock' AND value ->> '$.token' = ?`)
      .run(held.holder.token);
    expect(await waiting.exited).toBe(0);
    expect(JSON.parse(waiting.stdout())).toMatchObject({ state: 'idle' });
    expect(replicaDigests(replica)).toEqual(await centralDigests(central));
  });

  it('takes over a lock left by a process that is gone, or whose heartbeat stopped', async () => {
    const { dataDir } = await connectedWorkspace(50);
    const replica = await secondConnection(dataDir);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const lock = (pid: number, heartbeatAt: Date) =>
      writeSyncState(replica, 'sync.lock', {
        token: 'left-behind',
        pid,
        host: hostname(),
        startedAt: heartbeatAt.toISOString(),
        heartbeatAt: heartbeatAt.toISOString(),
      });

    lock(gone, new Date());
    const afterCrash = reflectCli(['sync', '--once', '--data-dir', dataDir], {
      REFLECT_SYNC_LOCK_WAIT_SECONDS: '0',
    });
    expect(afterCrash.stderr).not.toContain('error');
    expect(afterCrash.code).toBe(0);

    // A live pid (this very process) with a heartbeat a minute old: frozen, or a reused pid.
    lock(process.pid, new Date(Date.now() - 60_000));
    const afterFreeze = reflectCli(['sync', '--once', '--data-dir', dataDir], {
      REFLECT_SYNC_LOCK_WAIT_SECONDS: '0',
    });
    expect(afterFreeze.code).toBe(0);
    expect(
      replica.prepare(`SELECT count(*) FROM sync_state WHERE key = 'sync.lock'`).pluck().get(),
    ).toBe(0);
  });

  it('runs two syncs started together one after the other: one copies, the other finds it done', async () => {
    const { central, dataDir } = await connectedWorkspace(1500);
    const args = ['sync', '--once', '--data-dir', dataDir, '--json'];
    const env = { ...PAGES, REFLECT_SYNC_LOCK_WAIT_SECONDS: '60' };
    const first = startReflectCli(args, env);
    const second = startReflectCli(args, env);
    expect(await first.exited, first.stderr()).toBe(0);
    expect(await second.exited, second.stderr()).toBe(0);

    // Without the lock both would copy pages of the same snapshot side by side.
    const copiers = [first, second].filter((p) => p.stderr().includes('sync: snapshot customers'));
    expect(copiers).toHaveLength(1);
    const pages = copiers[0]?.stderr().match(/sync: snapshot customers/g) ?? [];
    expect(pages).toHaveLength(Math.ceil(1500 / 200));
    const replica = await secondConnection(dataDir);
    expect(replicaDigests(replica)).toEqual(await centralDigests(central));
  });
});
