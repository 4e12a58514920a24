import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/main/db/open';
import { createKeytarStore, KEYCHAIN_SERVICE } from '../../../src/main/secrets/keychain';
import { queueOperation } from '../../../src/main/sync/outbox';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';

const env = { ...process.env, REFLECT_SYNC_PAGE_SIZE: '200' };

function reflect(args: string[]) {
  const result = spawnSync(process.execPath, ['out/main/cli.js', ...args], {
    encoding: 'utf8',
    env,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts `reflect sync --once` and SIGKILLs it: after `ms`, or as soon as it reports progress in
 * `phase` (the CLI prints one line per page), or lets it finish if it is quicker.
 */
function syncKilled(
  dataDir: string,
  when: { ms: number } | { phase: 'snapshot' | 'replay' },
): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['out/main/cli.js', 'sync', '--once', '--data-dir', dataDir],
      {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const timer = 'ms' in when ? setTimeout(() => child.kill('SIGKILL'), when.ms) : undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      if ('phase' in when && chunk.toString().includes(`sync: ${when.phase}`))
        child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code ?? '?'}`);
    });
  });
}

async function openReplica(dataDir: string) {
  const meta = JSON.parse(readFileSync(join(dataDir, 'workspace.json'), 'utf8')) as {
    keychainAccount: string;
  };
  const key = await createKeytarStore(KEYCHAIN_SERVICE).get(meta.keychainAccount);
  return openEncryptedDatabase(join(dataDir, 'replica.db'), Buffer.from(key ?? '', 'hex'), {
    create: false,
  });
}

describe('reflect sync', () => {
  it('refuses a role without the privilege for central install with a clear message', async () => {
    const { database } = await centralWithClient();
    const viewerUrl = await createLoginRole(database, 'reflect_viewer');
    const result = reflect(['central', 'install', '--url', `${viewerUrl}?sslmode=disable`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: .*(permission denied|must be owner)/);
  });

  it('connects a desk, then survives SIGKILL during snapshot, replay and push and converges exactly once', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 1500);
    const officerUrl = `${await createLoginRole(database, 'reflect_officer')}?sslmode=disable`;
    const dataDir = join(tempDir(), 'ws');

    expect(reflect(['workspace', 'create', '--name', 'Desk', '--data-dir', dataDir]).code).toBe(0);
    const connected = reflect([
      'central',
      'connect',
      '--url',
      officerUrl,
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(connected.stderr).toBe('');
    expect(JSON.parse(connected.stdout)).toMatchObject({
      state: 'idle',
      connection: { sslMode: 'disable' },
    });
    // The password went to the keychain, not into the workspace files.
    const password = new URL(officerUrl).password;
    expect(readFileSync(join(dataDir, 'workspace.json'), 'utf8')).not.toContain(password);

    // Killed during the initial snapshot, with central changing in between.
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(await syncKilled(dataDir, { phase: 'snapshot' }));
      await central.query(
        `UPDATE reflect.customers SET name = name || ' *' WHERE customer_id % 97 = $1`,
        [i],
      );
      await central.query(`DELETE FROM reflect.events WHERE event_id % 101 = $1`, [i]);
    }
    expect(outcomes).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);

    // Queue 120 operations in the replica, then kill during their push.
    const replica = await openReplica(dataDir);
    const done = reflect(['sync', '--once', '--data-dir', dataDir]);
    expect(done.code).toBe(0);
    const queued = replica.transaction(() => {
      const ids: number[] = [];
      for (let id = 1; id <= 120; id++) {
        const version = replica
          .prepare('SELECT version FROM customers WHERE customer_id = ?')
          .pluck()
          .get(id);
        replica
          .prepare('UPDATE customers SET email = ? WHERE customer_id = ?')
          .run(`moved${id}@example.net`, id);
        queueOperation(
          replica,
          {
            kind: 'customer.rectify',
            payload: {
              customer_id: id,
              base_version: version,
              changes: { email: `moved${id}@example.net` },
            },
            rows: [{ table: 'customers', pk: id }],
          },
          new Date(),
        );
        ids.push(id);
      }
      return ids;
    })();
    replica.close();
    const pushOutcomes: string[] = [];
    // Push reports no pages: killed at two moments early in the run, at least one of them in it.
    for (const ms of [300, 450]) pushOutcomes.push(await syncKilled(dataDir, { ms }));
    expect(pushOutcomes).toContain('SIGKILL');

    // Then a replay with thousands of changes (every event, order and customer), killed midway.
    await central.query(`UPDATE reflect.events SET event_type = event_type || '!'`);
    await central.query(`UPDATE reflect.orders SET status = 'refunded'`);
    await central.query(`UPDATE reflect.customers SET status = 'inactive' WHERE customer_id > 120`);
    expect(await syncKilled(dataDir, { phase: 'replay' })).toBe('SIGKILL');

    const final = reflect(['sync', '--once', '--data-dir', dataDir, '--json']);
    expect(final.code).toBe(0);
    expect(JSON.parse(final.stdout)).toMatchObject({
      pendingOperations: 0,
      openConflicts: 0,
      state: 'idle',
    });
    const check = await openReplica(dataDir);
    expect(replicaDigests(check)).toEqual(await centralDigests(central));
    check.close();

    // Each queued operation was applied exactly once.
    const applied = await central.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reflect.audit_log WHERE action = 'customer.rectify'`,
    );
    expect(applied.rows[0]?.n).toBe(queued.length);
    const emails = await central.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reflect.customers WHERE email LIKE 'moved%@example.net'`,
    );
    expect(emails.rows[0]?.n).toBe(queued.length);
  });

  it('reports offline without failing when central cannot be reached', async () => {
    const { database } = await centralWithClient();
    const officerUrl = `${await createLoginRole(database, 'reflect_officer')}?sslmode=disable`;
    const dataDir = join(tempDir(), 'ws');
    reflect(['workspace', 'create', '--name', 'Desk', '--data-dir', dataDir]);
    expect(reflect(['central', 'connect', '--url', officerUrl, '--data-dir', dataDir]).code).toBe(
      0,
    );
    // The central server goes away (here: the desk's setting now points at a closed port).
    const replica = await openReplica(dataDir);
    replica
      .prepare(
        `UPDATE sync_state SET value = json_set(value, '$.port', 1) WHERE key = 'central.connection'`,
      )
      .run();
    replica.close();
    const result = reflect(['sync', '--once', '--data-dir', dataDir, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({ state: 'offline' });
  });
});
