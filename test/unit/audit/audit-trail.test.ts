import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/main/audit/audit-trail';
import { migrate } from '../../../src/main/db/migrate';
import { freshEncryptedDatabase } from '../../support/replica';

let trail: AuditTrail;
let db: ReturnType<typeof freshEncryptedDatabase>['db'];
let raw: ReturnType<typeof freshEncryptedDatabase>['raw'];

/** What someone editing the file with the key in hand could do: bypass the append-only triggers. */
async function dropGuards(): Promise<void> {
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
}

beforeEach(async () => {
  const replica = freshEncryptedDatabase();
  db = replica.db;
  raw = replica.raw;
  await migrate(db);
  let tick = 0;
  trail = new AuditTrail(replica, () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)));
  for (let i = 1; i <= 6; i++) {
    await trail.append({
      actor: 'officer.a',
      action: 'customer.viewed',
      subject: `customer:${i}`,
      details: { screen: 'profile', n: i },
    });
  }
});

describe('audit trail', () => {
  it('chains entries and verifies an untouched chain', async () => {
    const entries = await trail.list({ limit: 10 });
    expect(entries.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(entries[0]).toMatchObject({
      actor: 'officer.a',
      subject: 'customer:6',
      details: { n: 6 },
    });
    expect(await trail.verify()).toEqual({ ok: true, entries: 6, headHash: entries[0]?.hash });
    expect((await trail.list({ limit: 2, beforeSeq: 3 })).map((e) => e.seq)).toEqual([2, 1]);
  });

  it('detects a modified entry at that entry', async () => {
    await dropGuards();
    await db
      .updateTable('audit_log')
      .set({ subject: 'customer:99' })
      .where('seq', '=', 3)
      .execute();
    expect(await trail.verify()).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringMatching(/changed/),
    });
  });

  it('detects modified details and a re-hashed entry', async () => {
    await dropGuards();
    await db
      .updateTable('audit_log')
      .set({ details: '{"screen":"profile","n":40}' })
      .where('seq', '=', 4)
      .execute();
    expect(await trail.verify()).toMatchObject({ ok: false, brokenAt: 4 });
    // Recomputing the hash of the edited entry only moves the break to the next entry.
    const { hashAuditEntry } = await import('../../../src/main/audit/audit-trail');
    const row = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    const rehashed = hashAuditEntry({ ...row, prevHash: row.prev_hash });
    await db.updateTable('audit_log').set({ hash: rehashed }).where('seq', '=', 4).execute();
    expect(await trail.verify()).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('detects a deleted entry in the middle', async () => {
    await dropGuards();
    await db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect(await trail.verify()).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/missing/),
    });
  });

  it('detects entries cut off the end', async () => {
    await dropGuards();
    await db.deleteFrom('audit_log').where('seq', '>=', 5).execute();
    expect(await trail.verify()).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: expect.stringMatching(/#5 to #6/),
    });
  });

  it('detects reordered entries at the first moved one', async () => {
    await dropGuards();
    await db.updateTable('audit_log').set({ seq: 100 }).where('seq', '=', 2).execute();
    await db.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 3).execute();
    await db.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', 100).execute();
    expect(await trail.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('writes no entry when the change it records is rolled back', async () => {
    expect(() =>
      raw.transaction(() => {
        trail.record({ actor: 'officer.a', action: 'customer.rectified' });
        throw new Error('rectify failed');
      })(),
    ).toThrow('rectify failed');
    expect(await trail.verify()).toMatchObject({ ok: true, entries: 6 });
  });
});
