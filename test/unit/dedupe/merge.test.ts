import { describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { duplicateTruth } from '../../../src/main/demo/synthetic-data';
import { listOutbox } from '../../../src/main/sync/outbox';
import { MERGE_FIELDS, type MergeField } from '../../../src/shared/dedupe';
import { AppError } from '../../../src/shared/errors';
import { accessRequest } from '../../support/case-requests';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { defaultMerge, mergeStrongestCluster, syncedDedupeDesk } from '../../support/dedupe-desk';

const NOW = new Date('2027-02-01T09:00:00Z');
const OPTIONS = { customers: 400, seed: 5 };

/** Rows of the tables a merge touches, without the version counters (which only move forward). */
function snapshot(raw: SqliteDatabase, ids: number[]) {
  const list = ids.join(', ');
  const rows = (sql: string) => raw.prepare(sql).all();
  return {
    customers: rows(
      `SELECT customer_id, name, email, phone, status, created_at, last_active, tags, lifecycle_stage,
         attributes, restricted, merged_into FROM customers WHERE customer_id IN (${list}) ORDER BY customer_id`,
    ),
    addresses: rows(
      `SELECT address_id, customer_id FROM addresses WHERE customer_id IN (${list}) ORDER BY 1`,
    ),
    orders: rows(
      `SELECT order_id, customer_id FROM orders WHERE customer_id IN (${list}) ORDER BY 1`,
    ),
    interactions: rows(
      `SELECT interaction_id, customer_id FROM interactions WHERE customer_id IN (${list}) ORDER BY 1`,
    ),
    events: rows(
      `SELECT event_id, customer_id FROM events WHERE customer_id IN (${list}) ORDER BY 1`,
    ),
    consents: rows(
      `SELECT consent_id, customer_id, purpose, granted, source, granted_at, withdrawn_at, updated_at
       FROM consents WHERE customer_id IN (${list}) ORDER BY 1`,
    ),
    cases: rows('SELECT case_id, subject_ids FROM cases ORDER BY case_id'),
  };
}

describe('merging duplicates and undoing it', () => {
  it('merges field by field through central, keeps the case on the survivor, and undoes exactly', async () => {
    // Make the pair disagree on a consent: the original granted marketing email, the duplicate refused it.
    const pair = duplicateTruth(OPTIONS).find((t) => t.kinds.includes('typo'));
    if (!pair) throw new Error('The generator made no typo duplicate.');
    const { original_id: original, duplicate_id: duplicate } = pair;
    const services = await syncedDedupeDesk(OPTIONS, NOW, async (central) => {
      await central.query('DELETE FROM reflect.consents WHERE customer_id = ANY ($1)', [
        [original, duplicate],
      ]);
      await central.query(
        `INSERT INTO reflect.consents (customer_id, purpose, granted, source, granted_at, withdrawn_at, updated_at) VALUES
       ($1, 'marketing_email', true, 'web_form', '2024-01-01Z', NULL, '2024-01-01Z'),
       ($2, 'marketing_email', false, 'call_centre', '2024-05-01Z', '2024-06-01Z', '2024-06-01Z'),
       ($1, 'profiling', true, 'web_form', '2024-01-01Z', NULL, '2024-01-01Z')`,
        [original, duplicate],
      );
      await central.query('UPDATE reflect.customers SET restricted = true WHERE customer_id = $1', [
        duplicate,
      ]);
    });
    const { duplicates, cases, central, raw } = services;

    const run = await duplicates.check('full');
    expect(run.kind).toBe('full');
    expect(run.checked).toBe(OPTIONS.customers);
    const page = duplicates.clusters({ band: 'all', minSize: 2, text: '', offset: 0, limit: 200 });
    const cluster = page.clusters.find((c) => c.members.some((m) => m.customerId === duplicate));
    expect(cluster?.members.map((m) => m.customerId)).toEqual(
      [original, duplicate].sort((a, b) => a - b),
    );

    // The profile's "possibly the same person" now lists the check's scored candidate.
    const similar = services.subjects.profile(duplicate).similar;
    expect(similar[0]?.customerId).toBe(original);
    expect(similar[0]?.reasons.length).toBeGreaterThan(0);

    // An open case names the duplicate; a closed one does not exist yet. Pushed before the merge.
    const opened = cases.create(accessRequest({ subjectIds: [duplicate] }));
    await services.sync.run();

    const before = snapshot(raw, [original, duplicate]);
    const plan = duplicates.compare([original, duplicate]);
    expect(plan.records.map((r) => r.customerId)).toEqual([original, duplicate]);
    const nameEvidence = plan.pairs[0]?.evidence.filter((e) => e.field.endsWith('_name'));
    expect(nameEvidence?.map((e) => e.label).join(', ')).toMatch(
      /nearly the same (given|family) name|similar (given|or same-sounding family) name/,
    );
    expect(plan.restricted).toBe(true);
    const email = plan.consents.find((c) => c.purpose === 'marketing_email');
    expect(email).toMatchObject({ granted: false, fromCustomerId: duplicate });
    expect(plan.consents.find((c) => c.purpose === 'profiling')).toMatchObject({ granted: true });

    // The survivor is the original; its name comes from the duplicate, everything else from itself.
    const fields = Object.fromEntries(MERGE_FIELDS.map((f) => [f, original])) as Record<
      MergeField,
      number
    >;
    fields.name = duplicate;
    const baseVersions = Object.fromEntries(
      plan.records.map((r) => [String(r.customerId), r.version]),
    );
    const duplicateRecord = plan.records.find((r) => r.customerId === duplicate);
    const originalRecord = plan.records.find((r) => r.customerId === original);
    if (!duplicateRecord || !originalRecord) throw new Error('Records missing from the plan.');

    // A stale version is refused, and nothing is queued.
    const stale = () =>
      duplicates.merge({
        survivorId: original,
        mergedIds: [duplicate],
        fields,
        baseVersions: { ...baseVersions, [String(duplicate)]: duplicateRecord.version - 1 },
      });
    expect(stale).toThrow(AppError);
    expect(stale).toThrow(/changed since you compared/);
    expect(listOutbox(raw)).toEqual([]);

    const merged = duplicates.merge({
      survivorId: original,
      mergedIds: [duplicate],
      fields,
      baseVersions,
    });
    expect(merged).toMatchObject({
      survivorId: original,
      mergedIds: [duplicate],
      undoBlocked: null,
    });
    expect(merged.provenance).toMatchObject({ name: duplicate, email: original });

    const survivor = raw.prepare('SELECT * FROM customers WHERE customer_id = ?').get(original) as {
      name: string;
      email: string | null;
      restricted: number;
    };
    expect(survivor.name).toBe(duplicateRecord.name);
    expect(survivor.email).toBe(originalRecord.email);
    expect(survivor.restricted).toBe(1);
    expect(
      raw.prepare('SELECT merged_into, status FROM customers WHERE customer_id = ?').get(duplicate),
    ).toEqual({
      merged_into: original,
      status: 'merged',
    });
    const orders = (id: number) =>
      raw.prepare('SELECT count(*) FROM orders WHERE customer_id = ?').pluck().get(id) as number;
    expect(orders(duplicate)).toBe(0);
    expect(orders(original)).toBe(originalRecord.counts.orders + duplicateRecord.counts.orders);
    const grantedEmail = raw
      .prepare(
        "SELECT count(*) FROM consents WHERE customer_id = ? AND purpose = 'marketing_email' AND granted = 1",
      )
      .pluck();
    expect(grantedEmail.get(original)).toBe(0);
    expect(cases.get(opened.caseId).subjectIds).toEqual([original]);
    expect(listOutbox(raw).map((o) => o.kind)).toEqual(['customer.merge']);
    const audit = raw
      .prepare("SELECT subject, details FROM audit_log WHERE action = 'customer.merged'")
      .get() as { subject: string; details: string };
    expect(audit.subject).toBe(`customer:${original}`);
    expect(JSON.parse(audit.details)).toMatchObject({
      mergedIds: [duplicate],
      cases: [opened.caseId],
    });
    // Values stay out of the evidence trail: which record, never what it said.
    expect(audit.details).not.toContain(duplicateRecord.name);
    expect(
      duplicates
        .clusters({ band: 'all', minSize: 2, text: '', offset: 0, limit: 200 })
        .clusters.some((c) => c.members.some((m) => m.customerId === duplicate)),
    ).toBe(false);

    // Central applies the same merge: after a sync, desk and central hold the very same rows.
    await services.sync.run();
    expect(listOutbox(raw)).toEqual([]);
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
    const stored = await central.query<{ provenance: Record<string, number> }>(
      'SELECT provenance FROM reflect.merges WHERE survivor_id = $1',
      [original],
    );
    expect(stored.rows[0]?.provenance).toMatchObject({ name: duplicate });
    const centralCase = await central.query<{ subject_ids: string[] }>(
      'SELECT subject_ids FROM reflect.cases WHERE case_id = $1',
      [opened.caseId],
    );
    expect(centralCase.rows[0]?.subject_ids.map(Number)).toEqual([original]);

    // Undo: every record, link, consent and case subject as it was, on the desk and then centrally.
    const undone = duplicates.unmerge(merged.opId);
    expect(undone.undoneAt).toBe(NOW.toISOString());
    expect(snapshot(raw, [original, duplicate])).toEqual(before);
    expect(() => duplicates.unmerge(merged.opId)).toThrow(/already undone/);
    // The records brought back are checked again at once: their pair is back for review.
    await duplicates.checking();
    const reviewed = duplicates.clusters({
      band: 'all',
      minSize: 2,
      text: '',
      offset: 0,
      limit: 200,
    });
    expect(
      reviewed.clusters
        .find((c) => c.members.some((m) => m.customerId === duplicate))
        ?.members.map((m) => m.customerId),
    ).toEqual([original, duplicate].sort((a, b) => a - b));
    await services.sync.run();
    expect(listOutbox(raw)).toEqual([]);
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
    expect(snapshot(raw, [original, duplicate])).toEqual(before);
    const actions = raw
      .prepare(
        "SELECT action FROM audit_log WHERE action LIKE 'customer.%merged' OR action LIKE 'duplicates.%' ORDER BY seq",
      )
      .pluck()
      .all();
    expect(actions).toEqual(['duplicates.compared', 'customer.merged', 'customer.unmerged']);
  });

  it('refuses to undo a merge once the survivor changed, and remembers "not the same person"', async () => {
    const { duplicates, subjects, sync } = await syncedDedupeDesk(OPTIONS, NOW);
    await duplicates.check('full');
    const [first, second] = duplicates.clusters({
      band: 'all',
      minSize: 2,
      text: '',
      offset: 0,
      limit: 200,
    }).clusters;
    if (!first || !second) throw new Error('Expected at least two clusters.');

    duplicates.dismiss(first.members.map((m) => m.customerId));
    await duplicates.check('full');
    const remaining = duplicates.clusters({
      band: 'all',
      minSize: 2,
      text: '',
      offset: 0,
      limit: 200,
    });
    expect(remaining.clusters.map((c) => c.clusterId)).not.toContain(first.clusterId);

    // The decision is listed, and taken back it is checked again: the pair is suggested again.
    const pair = first.members.map((m) => m.customerId).slice(0, 2) as [number, number];
    const listed = duplicates.dismissed(100);
    expect(listed.map((p) => [p.a.customerId, p.b.customerId])).toContainEqual(
      [...pair].sort((a, b) => a - b),
    );
    // Decided by the desk's central login, not the name the desk was started with.
    const login = sync.overview().connection?.user;
    expect(login).toBeTruthy();
    expect(listed[0]?.decidedBy).toBe(login);
    duplicates.undismiss([pair[1], pair[0]]);
    await duplicates.checking();
    const back = duplicates.clusters({ band: 'all', minSize: 2, text: '', offset: 0, limit: 200 });
    expect(
      back.clusters.some((c) => pair.every((id) => c.members.some((m) => m.customerId === id))),
    ).toBe(true);
    expect(() => duplicates.undismiss(pair)).toThrow(/not marked as different people/);
    duplicates.dismiss(first.members.map((m) => m.customerId));

    const ids = second.members.map((m) => m.customerId);
    const plan = duplicates.compare(ids);
    const merged = duplicates.merge(defaultMerge(plan));
    const profile = subjects.profile(plan.survivorId);
    subjects.rectify({
      customerId: plan.survivorId,
      field: 'name',
      value: 'Someone Renamed',
      baseVersion: profile.customer.version,
    });
    expect(duplicates.mergeRecord(merged.opId).undoBlocked).toMatch(/changed after the merge/);
    expect(() => duplicates.unmerge(merged.opId)).toThrow(/undoing would lose that change/);
  });

  it('turns a merge central cannot apply into a conflict; discarding it brings the records back', async () => {
    const { duplicates, sync, central, raw } = await syncedDedupeDesk(OPTIONS, NOW);
    await duplicates.check('full');
    const { mergedIds } = mergeStrongestCluster(duplicates).merge;
    // Meanwhile another desk corrected one of the records centrally.
    await central.query(
      "UPDATE reflect.customers SET name = name || ' Jr' WHERE customer_id = $1",
      [mergedIds[0]],
    );

    await sync.run();
    const [conflict] = sync.conflicts();
    expect(conflict).toMatchObject({ kind: 'customer.merge' });
    expect(duplicates.merges(null)).toHaveLength(1);
    await sync.resolve({ conflictId: conflict?.conflictId ?? 0, resolution: 'discard' });
    expect(duplicates.merges(null)).toEqual([]);
    await sync.run();
    // Nothing merged anywhere, and the other desk's correction is on this desk too.
    expect(
      raw.prepare('SELECT count(*) FROM customers WHERE merged_into IS NOT NULL').pluck().get(),
    ).toBe(0);
    expect(replicaDigests(raw)).toEqual(await centralDigests(central));
  });
});
