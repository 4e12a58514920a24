import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOperation } from '../../../src/main/central/operations';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { AppError } from '../../../src/shared/errors';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const PASSPHRASE = 'correct horse battery staple';

async function syncedDesk(name = 'desk') {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 5);
  const url = await createLoginRole(database, 'reflect_officer');
  const desk = testServices(join(tempDir(), name));
  await desk.workspace.create({ name, keyMode: 'passphrase', passphrase: PASSPHRASE });
  await desk.sync.connect({ url: `${url}?sslmode=disable` });
  await desk.sync.run();
  desk.subjects.profile(2);
  await desk.sync.run();
  const login = new URL(url).username;
  const deskId = desk.workspace.requireOpen().metadata.id;
  return { database, central, desk, login, deskId, url };
}

async function verify(desk: ReturnType<typeof testServices>) {
  const result = await dispatch(desk.handlers, 'audit:verify', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { ok: boolean; brokenAt?: number; reason?: string; central?: string };
}

describe('an audit trail nobody can forge or lose', () => {
  it('names the central login on local entries once connected, the fallback before', async () => {
    const { desk, login } = await syncedDesk();
    const entries = desk.workspace
      .requireOpen()
      .replica.raw.prepare('SELECT action, actor FROM audit_log ORDER BY seq')
      .all() as { action: string; actor: string }[];
    // Created before any connection: the desk's fallback; the last (a profile viewed): the login.
    expect(entries[0]?.actor).toBe('officer.test');
    expect(entries.at(-1)?.actor).toBe(login);
  });

  it('records the login that sent each desk entry and refuses the desk to any other login', async () => {
    const { database, central, login, deskId, url } = await syncedDesk();
    const held = await central.query<{ actor: string; claimed: string }>(
      `SELECT actor, details ->> 'desk_actor' AS claimed FROM reflect.audit_log WHERE desk_id = $1`,
      [deskId],
    );
    expect(held.rows.length).toBeGreaterThan(0);
    expect(new Set(held.rows.map((r) => r.actor))).toEqual(new Set([login]));

    const intruder = await database.connect(await createLoginRole(database, 'reflect_officer'));
    const forged = {
      seq: 999,
      at: new Date().toISOString(),
      actor: login,
      action: 'subject.viewed',
      subject: null,
      details: {},
      hash: 'f'.repeat(64),
    };
    expect(
      await applyOperation(intruder, {
        opId: randomUUID(),
        kind: 'audit.append',
        payload: { desk_id: deskId, entries: [forged] },
      }),
    ).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(new RegExp(`registered to the login ${login}`)),
    });
    // The desk's own login cannot replace an entry central holds with another one either.
    const ownerClient = await database.connect(url);
    expect(
      await applyOperation(ownerClient, {
        opId: randomUUID(),
        kind: 'audit.append',
        payload: { desk_id: deskId, entries: [{ ...forged, seq: 1 }] },
      }),
    ).toMatchObject({
      status: 'rejected',
      reason: 'entry #1 differs from the entry #1 central already holds for this desk',
    });
  });

  it('chains the central audit log and names the first row that does not hold', async () => {
    const { central } = await syncedDesk();
    expect(
      (await central.query<{ v: unknown }>('SELECT reflect.verify_audit_log() AS v')).rows[0]?.v,
    ).toMatchObject({
      ok: true,
    });
    await expect(
      central.query(`UPDATE reflect.audit_log SET action = 'x' WHERE chain_seq = 2`),
    ).rejects.toThrow(/append-only/);
    // Whoever can bypass the trigger still cannot hide the change.
    await central.query('ALTER TABLE reflect.audit_log DISABLE TRIGGER audit_log_append_only');
    await central.query(`UPDATE reflect.audit_log SET action = 'x' WHERE chain_seq = 2`);
    expect(
      (await central.query<{ v: unknown }>('SELECT reflect.verify_audit_log() AS v')).rows[0]?.v,
    ).toEqual({
      ok: false,
      entries: 1,
      broken_at: 2,
      reason: 'entry 2 was changed after it was written',
    });
  });

  it('compares the desk chain with central in audit verify and names the first difference', async () => {
    const { central, desk, deskId } = await syncedDesk();
    const intact = await verify(desk);
    expect(intact.ok).toBe(true);
    expect(intact.central).toMatch(/^Matches central for the \d+ entries it holds\.$/);

    await central.query('ALTER TABLE reflect.audit_log DISABLE TRIGGER audit_log_append_only');
    await central.query(
      `UPDATE reflect.audit_log SET details = details || '{"desk_hash": "bad"}' WHERE desk_id = $1 AND desk_seq = 2`,
      [deskId],
    );
    expect(await verify(desk)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'compared with central: central holds a different entry #2',
    });
    await central.query(`DELETE FROM reflect.audit_log WHERE desk_id = $1 AND desk_seq = 2`, [
      deskId,
    ]);
    expect(await verify(desk)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'compared with central: entry #2 was sent, but central does not hold it',
    });
  });

  it('resets only a damaged replica, and the reset continues the chain without losing entries', async () => {
    const { central, desk, deskId, url } = await syncedDesk();
    const { dataDir } = desk;
    const { workspace } = desk;
    await workspace.lock();
    // A healthy replica is never replaced.
    await expect(workspace.resetReplica({ passphrase: PASSPHRASE })).rejects.toThrow(
      /opens normally, so it is not damaged/,
    );
    await workspace.unlock({ passphrase: PASSPHRASE });
    const before = await workspace.requireOpen().audit.list({ limit: 1 });
    const lastSeq = before[0]?.seq ?? 0;
    await desk.sync.run();
    await workspace.lock();

    const path = join(dataDir, 'replica.db');
    const damaged = readFileSync(path);
    damaged.fill(0x41, 0, 4096);
    writeFileSync(path, damaged);
    const refused = await workspace.unlock({ passphrase: PASSPHRASE }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('DATABASE_CORRUPT');

    await workspace.resetReplica({ passphrase: PASSPHRASE });
    const [reset] = await workspace.requireOpen().audit.list({ limit: 1 });
    expect(reset?.action).toBe('workspace.replica-reset');
    // The entries after the last one written before the reset (sync, lock) continue the numbering.
    expect(reset?.seq).toBeGreaterThan(lastSeq);
    expect((await workspace.requireOpen().audit.verify()).ok).toBe(true);

    // The fresh replica lost its settings with the old file: the officer connects again.
    await desk.sync.connect({ url: `${url}?sslmode=disable` });
    await desk.sync.run();
    const heldReset = await central.query(
      `SELECT action FROM reflect.audit_log WHERE desk_id = $1 AND desk_seq = $2`,
      [deskId, reset?.seq],
    );
    expect(heldReset.rows[0]).toEqual({ action: 'workspace.replica-reset' });
    const after = await verify(desk);
    expect(after, JSON.stringify(after)).toMatchObject({ ok: true });
  });
});
