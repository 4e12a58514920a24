import { join } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyOperation } from '../../../src/main/central/operations';
import { createCentralClient } from '../../../src/main/sync/central-client';
import { caseFiltersSchema } from '../../../src/shared/ipc/contract';
import { AppError } from '../../../src/shared/errors';
import { APPROVAL_REQUIRED, REQUEST_TYPES, TRANSITIONS } from '../../../src/shared/cases';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { accessRequest } from '../../support/case-requests';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

/** Ten days after a request received on 31 January: still inside the first month. */
const NOW = new Date('2027-02-10T09:00:00Z');
const now = () => NOW;

async function desk(url: string, name: string) {
  const services = testServices(join(tempDir(), name), { now });
  await services.workspace.create({ name, keyMode: 'keychain' });
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  await services.sync.run();
  return services;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

describe('DSAR cases across two desks and central', () => {
  it('runs a GDPR access case from receipt to fulfilment with four eyes, centrally enforced', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 20);
    const officerUrl = await createLoginRole(database, 'reflect_officer');
    const approverUrl = await createLoginRole(database, 'reflect_approver');
    const a = await desk(officerUrl, 'desk-a');
    const b = await desk(approverUrl, 'desk-b');
    const officer = new URL(officerUrl).username;
    const approver = new URL(approverUrl).username;

    let c = a.cases.create(accessRequest());
    // One month from 31 January is Sunday 28 February: the period ends on Monday 1 March.
    expect(c.deadline.dueDate).toBe('2027-03-01');
    expect(c.status).toBe('received');
    expect(c.pending).toBe(true);
    expect(c.reference).toBeNull();
    expect(c.requester.emails).toEqual(['p1@example.org']);
    expect(c.officer).toBe(officer);

    // A second request from the same person is recognised by email, whatever its case.
    const duplicates = a.cases.duplicates({ names: [], emails: ['p1@EXAMPLE.org'], phones: [] });
    expect(duplicates.map((d) => [d.caseId, d.matchedOn])).toEqual([
      [c.caseId, ['email p1@example.org']],
    ]);

    c = a.cases.act(c.caseId, c.version, {
      action: 'extend',
      reason: 'the request covers twelve years of records',
      requesterInformedAt: '2027-02-10T08:30:00Z',
    });
    expect(c.deadline.dueDate).toBe('2027-04-30');
    expect(
      refusal(() =>
        a.cases.act(c.caseId, c.version, {
          action: 'extend',
          reason: 'again',
          requesterInformedAt: '2027-02-10T08:30:00Z',
        }),
      ),
    ).toMatch(/already extended/);

    c = a.cases.act(c.caseId, c.version, {
      action: 'transition',
      to: 'verifying_identity',
      reason: null,
    });
    c = a.cases.act(c.caseId, c.version, { action: 'pause', reason: 'asked for a copy of an ID' });
    expect(c.deadline.state).toBe('paused');
    c = a.cases.act(c.caseId, c.version, {
      action: 'verify',
      method: 'identity_document',
      evidence: 'passport seen on video call',
    });
    expect(c.verification).toMatchObject({ kind: 'verified', verifiedBy: officer });
    expect(c.pauses).toHaveLength(1);
    expect(c.pauses[0]?.to).not.toBeNull();
    c = a.cases.act(c.caseId, c.version, { action: 'link-subject', customerId: 1, link: true });
    expect(c.subjects).toEqual([
      { customerId: 1, name: 'Person 1', email: 'p1@example.org', present: true },
    ]);
    // The search filter "has an open case" now finds this subject and no one else.
    const withCase = () =>
      a.subjects
        .search({
          text: 'Person',
          filters: { statuses: [], tags: [], hasOpenCase: true },
          limit: 50,
        })
        .hits.map((h) => h.customerId);
    expect(withCase()).toEqual([1]);
    expect(a.subjects.profile(1).cases).toEqual([
      {
        caseId: c.caseId,
        reference: null,
        requestType: 'access',
        status: 'verifying_identity',
        open: true,
      },
    ]);
    c = a.cases.act(c.caseId, c.version, { action: 'transition', to: 'in_progress', reason: null });
    expect(c.blockers.fulfilled).toMatch(/second officer must approve/);
    expect(
      refusal(() =>
        a.cases.act(c.caseId, c.version, { action: 'transition', to: 'fulfilled', reason: null }),
      ),
    ).toMatch(/second officer/);
    c = a.cases.act(c.caseId, c.version, {
      action: 'transition',
      to: 'awaiting_approval',
      reason: 'package ready for review',
    });
    expect(
      refusal(() =>
        a.cases.act(c.caseId, c.version, {
          action: 'decide-approval',
          decision: 'approved',
          note: null,
        }),
      ),
    ).toMatch(/Four eyes/);
    c = a.cases.act(c.caseId, c.version, {
      action: 'note',
      text: 'Checked the order history by hand.',
    });

    await a.sync.run();
    expect(a.sync.conflicts()).toEqual([]);
    const centralCase = await central.query<{ reference: string }>(
      'SELECT reference, status, version, array_to_json(subject_ids) AS subject_ids, approval FROM reflect.cases WHERE case_id = $1',
      [c.caseId],
    );
    expect(centralCase.rows[0]).toMatchObject({
      status: 'awaiting_approval',
      version: c.version,
      subject_ids: [1],
      approval: { requestedBy: officer, decision: null },
    });
    expect(centralCase.rows[0]?.reference).toMatch(/^DSAR-\d{4}-\d{5}$/);
    const events = await central.query<{ kind: string; actor: string }>(
      'SELECT kind, actor FROM reflect.case_events WHERE case_id = $1 ORDER BY occurred_at, kind',
      [c.caseId],
    );
    expect(events.rows.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'extended', 'paused', 'identity_verified', 'note']),
    );
    expect(events.rows.length).toBe(c.timeline.length);
    // The desk now shows central's reference, and nothing is pending.
    c = a.cases.get(c.caseId);
    expect(c.reference).toBe(centralCase.rows[0]?.reference);
    expect(c.pending).toBe(false);

    // The officer proposes the package; the approver's desk receives the case and approves it.
    await a.exports.propose(c.caseId, []);
    await b.sync.run();
    const seenByB = b.cases.get(c.caseId);
    expect(seenByB.status).toBe('awaiting_approval');
    b.cases.act(c.caseId, seenByB.version, {
      action: 'decide-approval',
      decision: 'approved',
      note: 'scope checked',
      exportHash: (await b.exports.proposed(c.caseId)).contentsHash,
    });
    await b.sync.run();
    expect(b.sync.conflicts()).toEqual([]);

    await a.sync.run();
    c = a.cases.get(c.caseId);
    expect(c.approval).toMatchObject({ decision: 'approved', decidedBy: approver });
    // An access case is answered with its export; until one is written it cannot be fulfilled.
    expect(c.allowedTransitions).not.toContain('fulfilled');
    expect(c.blockers.fulfilled).toMatch(/No export has been written/);
    await a.exports.create(
      { caseId: c.caseId, formats: ['json'], container: 'folder', password: null, redactions: [] },
      { path: join(tempDir(), 'package'), overwrite: false },
    );
    c = a.cases.get(c.caseId);
    expect(c.allowedTransitions).toContain('fulfilled');
    c = a.cases.act(c.caseId, c.version, { action: 'transition', to: 'fulfilled', reason: null });
    expect(c.deadline.state).toBe('met');
    expect(withCase()).toEqual([]);
    await a.sync.run();
    const closed = await central.query<{ status: string }>(
      'SELECT status, closed_at FROM reflect.cases WHERE case_id = $1',
      [c.caseId],
    );
    expect(closed.rows[0]?.status).toBe('fulfilled');
    const audit = await central.query(
      `SELECT actor, action FROM reflect.audit_log WHERE subject = $1 ORDER BY id`,
      [`case:${c.caseId}`],
    );
    expect(audit.rows).toContainEqual({ actor: approver, action: 'case.decide-approval' });
    expect(audit.rows).toContainEqual({ actor: officer, action: 'case.transition' });
  });

  it('refuses at central what a desk could not have allowed: self-approval, the wrong role, bad data', async () => {
    const { database, central } = await centralWithClient();
    const officerUrl = await createLoginRole(database, 'reflect_officer');
    const approverUrl = await createLoginRole(database, 'reflect_approver');
    const asApprover = createCentralClient({ connectionString: `${approverUrl}?sslmode=disable` });
    const asOfficer = createCentralClient({ connectionString: `${officerUrl}?sslmode=disable` });
    await asApprover.connect();
    await asOfficer.connect();
    try {
      const caseId = crypto.randomUUID();
      const op = (
        kind: Parameters<typeof applyOperation>[1]['kind'],
        payload: Record<string, unknown>,
      ) =>
        applyOperation(asApprover, {
          opId: crypto.randomUUID(),
          kind,
          payload: { case_id: caseId, event_id: crypto.randomUUID(), ...payload },
        });
      const created = await op('case.create', {
        jurisdiction: 'gdpr',
        request_type: 'erasure',
        channel: 'letter',
        requester: { names: ['A B'], emails: [], phones: [] },
        received_at: '2027-02-01T10:00:00Z',
        time_zone: 'Europe/Paris',
      });
      expect(created.status).toBe('applied');
      expect(await op('case.transition', { base_version: 1, to: 'fulfilled' })).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(/cannot go from received to fulfilled/),
      });
      expect(await op('case.transition', { base_version: 1, to: 'rejected' })).toMatchObject({
        status: 'rejected',
        reason: 'a rejection needs a reason',
      });
      await op('case.verify', {
        base_version: 1,
        override: true,
        reason: 'known customer, in person',
      });
      await op('case.transition', { base_version: 2, to: 'in_progress' });
      expect(await op('case.transition', { base_version: 3, to: 'fulfilled' })).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(/approval/),
      });
      await op('case.transition', { base_version: 3, to: 'awaiting_approval' });
      // The same login asked for approval: it cannot give it, even holding the approver role.
      expect(
        await op('case.decide-approval', { base_version: 4, decision: 'approved' }),
      ).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(/four eyes/),
      });
      // An officer without the approver role is refused by role.
      await expect(
        applyOperation(asOfficer, {
          opId: crypto.randomUUID(),
          kind: 'case.decide-approval',
          payload: {
            case_id: caseId,
            event_id: crypto.randomUUID(),
            base_version: 4,
            decision: 'approved',
          },
        }),
      ).rejects.toThrow(/needs the role "reflect_approver"/);
      // A stale version is a conflict carrying the current case.
      expect(
        await op('case.update', { base_version: 1, changes: { priority: 'high' } }),
      ).toMatchObject({
        status: 'conflict',
        current: { case_id: caseId, version: 4 },
      });
      // Bad data is refused with the reason instead of failing the whole push.
      expect(
        await applyOperation(asOfficer, {
          opId: crypto.randomUUID(),
          kind: 'case.create',
          payload: {
            case_id: crypto.randomUUID(),
            event_id: crypto.randomUUID(),
            jurisdiction: 'ccpa',
            request_type: 'erasure',
            channel: 'email',
            requester: { names: ['X'] },
            received_at: '2027-02-01T10:00:00Z',
            time_zone: 'Mars/Olympus',
          },
        }),
      ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/time zone/) });
      const kinds = await central.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM reflect.cases',
      );
      expect(kinds.rows[0]?.n).toBe(1);

      // The desk's rules and central's are the same tables.
      const transitions = await central.query<{ from_status: string; to_status: string }>(
        'SELECT from_status, to_status FROM reflect.case_transitions ORDER BY 1, 2',
      );
      expect(transitions.rows.map((t) => `${t.from_status}>${t.to_status}`)).toEqual(
        Object.entries(TRANSITIONS)
          .flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`))
          .sort(),
      );
      const types = await central.query<{
        jurisdiction: 'gdpr' | 'ccpa';
        request_type: string;
        needs_approval: boolean;
      }>('SELECT jurisdiction, request_type, needs_approval FROM reflect.case_request_types');
      expect(
        types.rows.map((t) => `${t.jurisdiction}:${t.request_type}:${t.needs_approval}`).sort(),
      ).toEqual(
        Object.entries(REQUEST_TYPES)
          .flatMap(([law, list]) => list.map((t) => `${law}:${t}:${APPROVAL_REQUIRED.has(t)}`))
          .sort(),
      );
    } finally {
      await asApprover.end();
      await asOfficer.end();
    }
  });

  it('works offline, and two officers changing the same case raise a conflict, not an overwrite', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 5);
    const officerUrl = await createLoginRole(database, 'reflect_officer');
    const otherUrl = await createLoginRole(database, 'reflect_officer');

    // A desk with no central connection yet: the case is made and worked locally.
    const a = testServices(join(tempDir(), 'offline'), { now });
    await a.workspace.create({ name: 'Offline', keyMode: 'keychain' });
    let c = a.cases.create(accessRequest({ requestType: 'rectification' }));
    c = a.cases.act(c.caseId, c.version, { action: 'transition', to: 'in_progress', reason: null });
    expect(c.pending).toBe(true);
    await a.sync.connect({ url: `${officerUrl}?sslmode=disable` });
    await a.sync.run();
    c = a.cases.get(c.caseId);
    expect(c.pending).toBe(false);
    expect(c.status).toBe('in_progress');

    const b = await desk(otherUrl, 'desk-b');
    const fromB = b.cases.get(c.caseId);
    a.cases.act(c.caseId, c.version, { action: 'update', changes: { priority: 'urgent' } });
    b.cases.act(fromB.caseId, fromB.version, { action: 'update', changes: { assignee: 'sam' } });
    // A note never conflicts: it adds to the timeline without touching the case.
    b.cases.act(fromB.caseId, fromB.version, { action: 'note', text: 'Called the requester.' });
    await a.sync.run();
    await b.sync.run();
    const conflicts = b.sync.conflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'case.update', table: 'cases', pk: c.caseId });
    const before = await central.query('SELECT priority, assignee FROM reflect.cases');
    expect(before.rows[0]).toEqual({ priority: 'urgent', assignee: null });
    const noteRows = await central.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reflect.case_events WHERE kind = 'note'`,
    );
    expect(noteRows.rows[0]?.n).toBe(1);

    await b.sync.resolve({ conflictId: conflicts[0]?.conflictId ?? 0, resolution: 'reapply' });
    await b.sync.run();
    const after = await central.query('SELECT priority, assignee FROM reflect.cases');
    expect(after.rows[0]).toEqual({ priority: 'urgent', assignee: 'sam' });
    expect(b.cases.get(c.caseId)).toMatchObject({
      priority: 'urgent',
      assignee: 'sam',
      pending: false,
    });
  });
});

describe('register of requests', () => {
  it('writes every case to CSV and XLSX, owner-only, with formulas neutralised, and audits it', async () => {
    const services = testServices(join(tempDir(), 'register'), { now });
    await services.workspace.create({ name: 'Register', keyMode: 'keychain' });
    services.cases.create(
      accessRequest({
        requester: { names: ['=HYPERLINK("http://x","y")'], emails: [], phones: [] },
      }),
    );
    const second = services.cases.create(
      accessRequest({
        jurisdiction: 'ccpa',
        requestType: 'delete',
        receivedAt: '2027-02-02T18:00:00Z',
        timeZone: 'America/Los_Angeles',
        requester: { names: ['Ann, "Nan" Lee'], emails: [], phones: ['+1 415 555 0100'] },
      }),
    );
    services.cases.act(second.caseId, second.version, {
      action: 'transition',
      to: 'rejected',
      reason: 'could not verify identity',
    });
    const folder = tempDir();
    const csv = await services.cases.exportRegister('csv', join(folder, 'register.csv'), {
      overwrite: false,
    });
    expect(csv.cases).toBe(2);
    expect(statSync(csv.path).mode & 0o777).toBe(0o600);
    const text = readFileSync(csv.path, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Reference,Law,Request,/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(lines[2]).toContain('"Ann, ""Nan"" Lee"');
    expect(lines[2]).toContain('could not verify identity');
    expect(lines[2]).toContain(',2027-03-19,');

    await expect(
      services.cases.exportRegister('csv', join(folder, 'register.csv'), { overwrite: false }),
    ).rejects.toThrow(/exists/);
    await expect(
      services.cases.exportRegister('csv', 'relative/register.csv', { overwrite: false }),
    ).rejects.toThrow(/full path/);

    const xlsx = await services.cases.exportRegister('xlsx', join(folder, 'register.xlsx'), {
      overwrite: false,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx.path);
    const sheet = workbook.getWorksheet('Register of requests');
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(2).getCell(5).value).toBe('\'=HYPERLINK("http://x","y")');
    expect(sheet?.getRow(3).getCell(15).value).toBe('Rejected');

    // Reloads of an open case (after each sync) are one view in the trail, not one per minute.
    services.cases.get(second.caseId);
    services.cases.get(second.caseId);
    const views = services.workspace
      .requireOpen()
      .replica.raw.prepare(`SELECT subject FROM audit_log WHERE action = 'case.viewed'`)
      .pluck()
      .all();
    expect(views).toEqual([`case:${second.caseId}`]);

    const audited = services.workspace
      .requireOpen()
      .replica.raw.prepare(`SELECT details FROM audit_log WHERE action = 'cases.register-exported'`)
      .pluck()
      .all() as string[];
    expect(audited.map((d) => JSON.parse(d) as { format: string; sha256: string })).toEqual([
      expect.objectContaining({ format: 'csv', sha256: csv.sha256 }),
      expect.objectContaining({ format: 'xlsx', sha256: xlsx.sha256 }),
    ]);
  });
});

describe('case list, bulk actions and settings on one desk', () => {
  it('filters and counts, applies a bulk action case by case, and honours the due-soon setting', async () => {
    const services = testServices(join(tempDir(), 'bulk'), { now });
    await services.workspace.create({ name: 'Bulk', keyMode: 'keychain' });
    const { cases } = services;
    // Due 28 Feb (18 days away), 10 Mar (28 days away) and, for CCPA, 16 Mar.
    const a = cases.create(accessRequest());
    const b = cases.create(
      accessRequest({ receivedAt: '2027-02-10T08:00:00Z', requestType: 'objection' }),
    );
    const c = cases.create(
      accessRequest({
        jurisdiction: 'ccpa',
        requestType: 'know',
        receivedAt: '2027-01-30T18:00:00Z',
        timeZone: 'America/Los_Angeles',
        requester: { names: ['Kai Moana'], emails: [], phones: ['(415) 555-0100'] },
      }),
    );
    expect(c.requester.phones).toEqual(['+14155550100']);

    const all = cases.list(caseFiltersSchema.parse({}));
    expect(all.cases.map((x) => x.caseId)).toEqual([a.caseId, b.caseId, c.caseId]);
    expect(all.byStatus).toEqual({ received: 3 });
    expect(all.dueSoon).toBe(0);
    expect(cases.list(caseFiltersSchema.parse({ dueWithinDays: 20 })).total).toBe(1);
    expect(cases.list(caseFiltersSchema.parse({ jurisdictions: ['ccpa'] })).cases[0]?.caseId).toBe(
      c.caseId,
    );
    expect(cases.list(caseFiltersSchema.parse({ text: 'kai' })).total).toBe(1);

    const assigned = cases.bulk(
      [a, b, c].map((x) => ({ caseId: x.caseId, baseVersion: x.version })),
      { action: 'update', changes: { assignee: 'sam' } },
    );
    expect(assigned.every((r) => r.ok)).toBe(true);
    expect(cases.list(caseFiltersSchema.parse({ assignee: 'sam' })).total).toBe(3);

    // One stale version and one move the workflow forbids: each named, the rest done.
    const current = cases.list(caseFiltersSchema.parse({})).cases;
    const moved = cases.bulk(
      current.map((x) => ({
        caseId: x.caseId,
        baseVersion: x.caseId === b.caseId ? 1 : x.version,
      })),
      { action: 'transition', to: 'in_progress', reason: null },
    );
    expect(moved.map((r) => r.ok)).toEqual([true, false, true]);
    expect(moved[1]?.message).toMatch(/changed since you opened it/);
    const fulfil = cases.bulk([{ caseId: a.caseId, baseVersion: cases.get(a.caseId).version }], {
      action: 'transition',
      to: 'fulfilled',
      reason: null,
    });
    expect(fulfil[0]).toMatchObject({
      ok: false,
      message: expect.stringMatching(/identity is not verified/),
    });

    services.cases.saveSettings({ ...services.cases.settings(), dueSoonDays: 20 });
    const soon = cases.list(caseFiltersSchema.parse({}));
    expect(soon.dueSoon).toBe(1);
    expect(soon.cases[0]?.deadline.state).toBe('due_soon');
    expect(() =>
      services.cases.saveSettings({
        ...services.cases.settings(),
        defaultTimeZone: 'Nowhere/Land',
      }),
    ).toThrow(/Unknown time zone/);

    const dashboard = cases.dashboard();
    expect(dashboard).toMatchObject({ open: 3, overdue: 0, closed: 0, onTimeRate: null });
    expect(dashboard.openByStatus).toContainEqual({ status: 'in_progress', count: 2 });
  });
});
