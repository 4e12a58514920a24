import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectedDesk, type TestDesk } from '../../support/approved-case';
import { accessRequest } from '../../support/case-requests';
import { eraseThroughCase } from '../../support/central-cases';
import { seedCentral } from '../../../src/main/demo/seed-central';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { centralWithClient } from '../../support/central-fixture';
import { defaultMerge } from '../../support/dedupe-desk';
import { plantSubject, SUBJECT_IDS, SUBJECT_VALUES } from '../../support/erasure-subject';
import {
  pagesOf,
  scanCentral,
  scanDecryptedFile,
  scanTables,
} from '../../support/personal-data-scan';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';

/** Kept by design: the record of the request names the requester (see README, Erasure). */
const CASE_TABLES = ['cases', 'case_events', 'case_subjects'];
const NO_FILTERS = { statuses: [], tags: [] };

function search(desk: TestDesk, text: string) {
  return desk.subjects.search({ text, filters: NO_FILTERS, limit: 20 });
}

/** The case for the person's access request, approved on the other desk and synced back. */
async function approvedAccessCase(officer: TestDesk, approver: TestDesk): Promise<string> {
  let c = officer.cases.create(
    accessRequest({
      requester: {
        names: ['Zephyrine Quillfeather'],
        emails: ['zephyrine.quillfeather@example.net'],
        phones: [],
      },
      subjectIds: [...SUBJECT_IDS],
    }),
  );
  for (const action of [
    { action: 'transition', to: 'verifying_identity', reason: null },
    { action: 'verify', method: 'identity_document', evidence: 'passport seen' },
    { action: 'transition', to: 'in_progress', reason: null },
    { action: 'transition', to: 'awaiting_approval', reason: 'package ready' },
  ] as const) {
    c = officer.cases.act(c.caseId, c.version, action);
  }
  await officer.sync.run();
  await officer.exports.propose(c.caseId, []);
  await approver.sync.run();
  approver.cases.act(c.caseId, approver.cases.get(c.caseId).version, {
    action: 'decide-approval',
    decision: 'approved',
    note: null,
    exportHash: (await approver.exports.proposed(c.caseId)).contentsHash,
  });
  await approver.sync.run();
  await officer.sync.run();
  return c.caseId;
}

/** Everything of the person on one desk: tables, then the decrypted file and its log. */
function deskHits(desk: TestDesk) {
  const { replica, key } = desk.workspace.requireOpen();
  replica.raw.pragma('wal_checkpoint(TRUNCATE)');
  return [
    ...scanTables(replica.raw, SUBJECT_VALUES, CASE_TABLES),
    ...scanDecryptedFile(
      desk.workspace.replicaPath,
      key,
      SUBJECT_VALUES,
      pagesOf(replica.raw, CASE_TABLES),
    ),
  ];
}

describe('after an erasure syncs, no desk keeps anything of the person', () => {
  it('purges both desks of every trace, and central of everything but the case', async () => {
    const { database, central } = await centralWithClient();
    // The demo population, with its duplicates, around the person.
    await seedCentral(central, generateCustomers({ customers: 400, seed: 5 }));
    await plantSubject(central);
    const officerUrl = await createLoginRole(database, 'reflect_officer');
    const approverUrl = await createLoginRole(database, 'reflect_approver');
    // Tombstones may come to be readable by some roles only: the approver's desk cannot read
    // them, so its purge works from the change log's deletions alone.
    await central.query('REVOKE SELECT ON reflect.tombstones FROM reflect_viewer');
    await central.query(`GRANT SELECT ON reflect.tombstones TO ${new URL(officerUrl).username}`);
    const deskA = await connectedDesk(officerUrl, 'desk-a');
    const deskB = await connectedDesk(approverUrl, 'desk-b');

    // Desk A's work leaves the person's values all over its replica.
    expect(search(deskA, 'Quillfeather').hits.map((h) => h.customerId)).toContain(SUBJECT_IDS[0]);
    expect(search(deskA, 'Quilfeathr').corrections.map((c) => c.replacement)).toContain(
      'quillfeather',
    );
    expect(search(deskB, 'Wexcombe').hits).toHaveLength(2);
    const plan = deskA.duplicates.compare([...SUBJECT_IDS]);
    const merge = deskA.duplicates.merge(defaultMerge(plan));
    await deskA.sync.run();
    deskA.duplicates.unmerge(merge.opId);
    await deskA.sync.run();
    await deskA.duplicates.check('full');
    const caseId = await approvedAccessCase(deskA, deskB);
    const packagePath = join(tempDir(), 'Quillfeather-Zephyrine-access');
    const exported = await deskA.exports.create(
      { caseId, formats: ['html', 'json'], container: 'folder', password: null, redactions: [] },
      { path: packagePath, overwrite: false },
    );
    const profile = deskA.subjects.profile(SUBJECT_IDS[0]);
    deskA.subjects.rectify({
      customerId: SUBJECT_IDS[0],
      field: 'email',
      value: 'quillfeather.new@example.net',
      baseVersion: profile.customer.version,
    });
    // Central changed the record meanwhile: the rectification comes back as a conflict.
    await central.query('UPDATE reflect.customers SET last_active = now() WHERE customer_id = $1', [
      SUBJECT_IDS[0],
    ]);
    await deskA.sync.run();
    expect(deskA.sync.conflicts()).toHaveLength(1);
    const raw = deskA.workspace.requireOpen().replica.raw;
    const count = (table: string) =>
      raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const theirs = `(${SUBJECT_IDS.join(', ')})`;
    const traces = [
      'merges',
      'conflicts',
      `dedupe_keys WHERE customer_id IN ${theirs}`,
      `dedupe_candidates WHERE a IN ${theirs} AND b IN ${theirs}`,
      'dedupe_name_counts',
    ];
    expect(traces.map(count)).not.toContain(0);
    const before = deskHits(deskA).map((h) => h.where);
    expect(before).toEqual(
      expect.arrayContaining([
        'customers.name',
        'merges.before',
        'conflicts.local_value',
        'conflicts.central_value',
        'outbox.payload',
        'search_terms.term',
        'search_words_data.block',
        'exports.path',
      ]),
    );
    expect(before.some((where) => where.startsWith('page '))).toBe(true);

    // The erasure, through central's own operation: an erasure case two logins approved, executed.
    await eraseThroughCase(database, [...SUBJECT_IDS]);

    await deskA.sync.run();
    await deskB.sync.run();
    // Once more, so the purges' audit entries reach the central audit log, which is scanned too.
    await deskA.sync.run();
    await deskB.sync.run();

    expect(deskHits(deskA)).toEqual([]);
    expect(deskHits(deskB)).toEqual([]);
    expect(await scanCentral(central, SUBJECT_VALUES, CASE_TABLES)).toEqual([]);

    for (const desk of [deskA, deskB]) {
      expect(search(desk, 'Quillfeather').hits).toEqual([]);
      expect(search(desk, 'Quilfeathr').corrections).toEqual([]);
      expect(await desk.workspace.requireOpen().audit.verify()).toMatchObject({ ok: true });
      const entries = await desk.workspace.requireOpen().audit.list({ limit: 500 });
      const purged = entries.filter((e) => e.action === 'subject.purged');
      expect(purged.flatMap((e) => e.details.customerIds as number[]).sort()).toEqual([
        ...SUBJECT_IDS,
      ]);
    }
    // Desk A's traces are gone, and so is everything that pointed at them.
    expect([count('merges'), count('conflicts'), count('outbox')]).toEqual([0, 0, 0]);
    expect(deskA.sync.overview()).toMatchObject({ pendingOperations: 0, openConflicts: 0 });
    // The export's record stays, with its checksums, without the name the officer gave it.
    expect(deskA.exports.get(exported.exportId)).toMatchObject({
      manifestSha256: exported.manifestSha256,
      path: join(packagePath, '..', '[erased]-[erased]-access'),
    });
    // What central keeps (orders for bookkeeping), the desks keep too, detached from the person.
    const orders = await central.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reflect.orders WHERE customer_id IS NULL`,
    );
    expect(count('orders WHERE customer_id IS NULL')).toBe(orders.rows[0]?.n);
  });
});
