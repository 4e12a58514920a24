import { describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { listConflicts } from '../../../src/main/sync/conflicts';
import { listOutbox } from '../../../src/main/sync/outbox';
import { pushOutbox } from '../../../src/main/sync/push';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { queueEmailRectify } from '../../support/queued-rectify';
import { testServices } from '../../support/workspace';

const NOW = new Date('2026-03-02T10:00:00Z');

/**
 * A rectification queued straight into the outbox, the way one written before the boundary
 * refused such text (or by any path that skips it) would sit there.
 */
const queueRectify = (db: SqliteDatabase, customerId: number, email: string): string =>
  queueEmailRectify(db, customerId, email, { applyLocally: false });

async function syncedDesk() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 20);
  const officerUrl = await createLoginRole(database, 'reflect_officer');
  const services = testServices();
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  await services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await services.sync.run();
  const { raw } = services.workspace.requireOpen().replica;
  return { services, central, database, officerUrl, raw };
}

describe('no single value stops sync', () => {
  it('turns a change central cannot store into a conflict with its reason; later changes still go', async () => {
    const { central, database, officerUrl, raw } = await syncedDesk();
    const officer = await database.connect(officerUrl);
    const bad = queueRectify(raw, 3, 'nul\u0000@example.org');
    const broken = queueRectify(raw, 4, 'broken\uD800@example.org');
    queueRectify(raw, 5, 'fine@example.org');

    const result = await pushOutbox(officer, raw, () => NOW);
    expect(result).toEqual({ applied: 1, conflicts: 2, deferred: null, lostConnection: null });
    expect(listOutbox(raw, 'pending')).toEqual([]);
    const conflicts = listConflicts(raw);
    expect(conflicts.map((c) => c.opId)).toEqual([bad, broken]);
    for (const conflict of conflicts) {
      expect((conflict.central as { reason: string }).reason).toMatch(
        /^Central could not apply this change: .+ Discard it, or correct the record/,
      );
    }
    const email = await central.query<{ email: string }>(
      'SELECT email FROM reflect.customers WHERE customer_id = 5',
    );
    expect(email.rows[0]?.email).toBe('fine@example.org');
  });

  it('shows such a conflict on the sync state instead of idle', async () => {
    const { services, raw } = await syncedDesk();
    queueRectify(raw, 6, 'nul\u0000@example.org');
    const overview = await services.sync.run();
    expect(overview.openConflicts).toBe(1);
    expect(overview.pendingOperations).toBe(0);
  });

  it('keeps pulling when central refuses one audit entry, and says which', async () => {
    const { services, central, raw } = await syncedDesk();
    const { audit } = services.workspace.requireOpen();
    // Written by a path that does not go through the IPC boundary: central's jsonb refuses NUL.
    const badEntry = await audit.append({
      actor: 'officer.test',
      action: 'subject.viewed',
      details: { note: 'nul\u0000here' },
    });
    const goodEntry = await audit.append({
      actor: 'officer.test',
      action: 'subject.viewed',
      details: { note: 'fine' },
    });
    await central.query(
      `UPDATE reflect.customers SET name = 'Changed Centrally' WHERE customer_id = 2`,
    );

    const overview = await services.sync.run();

    const pulled = raw.prepare('SELECT name FROM customers WHERE customer_id = 2').pluck().get();
    expect(pulled).toBe('Changed Centrally');
    expect(overview.state).toBe('error');
    expect(overview.lastError).toMatch(
      new RegExp(`Central refused 1 audit entry of this desk \\(first: #${badEntry.seq}, .+\\)`),
    );
    const sent = await central.query<{ desk_seq: number }>(
      'SELECT desk_seq FROM reflect.audit_log WHERE desk_seq IS NOT NULL ORDER BY desk_seq',
    );
    const seqs = sent.rows.map((r) => r.desk_seq);
    expect(seqs).toContain(goodEntry.seq);
    expect(seqs).not.toContain(badEntry.seq);

    // The refused entry is not sent again and again: the next sync pushes only what is new.
    const again = await services.sync.run();
    expect(again.lastSyncAt).not.toBeNull();
    const count = await central.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM reflect.audit_log WHERE desk_seq = $1',
      [badEntry.seq],
    );
    expect(count.rows[0]?.n).toBe(0);
  });
});
