import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { ExportRequest } from '../../../src/shared/ipc/export-schemas';
import { connectedDesk, type TestDesk } from '../../support/approved-case';
import { accessRequest } from '../../support/case-requests';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';

const NOT_YET = 'The approval has not reached central yet: sync, then export.';

const request = (caseId: string): ExportRequest => ({
  caseId,
  formats: ['json'],
  container: 'folder',
  password: null,
  redactions: [],
});

function refusalOf(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

/** An officer's desk and an approver's desk, each logged in to central as themself. */
async function twoDesks() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 5);
  const officer = await connectedDesk(
    await createLoginRole(database, 'reflect_officer'),
    'officer-desk',
  );
  const approver = await connectedDesk(
    await createLoginRole(database, 'reflect_approver'),
    'approver-desk',
  );
  return { officer, approver };
}

/** An access case for customer 2 that the officer sent for approval, both desks synced. */
async function awaitingApproval(officer: TestDesk, approver: TestDesk): Promise<string> {
  let c = officer.cases.create(accessRequest({ subjectIds: [2] }));
  for (const action of [
    { action: 'transition', to: 'verifying_identity', reason: null },
    { action: 'verify', method: 'identity_document', evidence: 'passport seen' },
    { action: 'transition', to: 'in_progress', reason: null },
    { action: 'transition', to: 'awaiting_approval', reason: 'package ready' },
  ] as const) {
    c = officer.cases.act(c.caseId, c.version, action);
  }
  await officer.sync.run();
  await approver.sync.run();
  return c.caseId;
}

function approve(desk: TestDesk, caseId: string): void {
  desk.cases.act(caseId, desk.cases.get(caseId).version, {
    action: 'decide-approval',
    decision: 'approved',
    note: null,
  });
}

describe('an export is written only once central has confirmed the approval', () => {
  it('refuses an approval only this desk knows of, and a case changed here since', async () => {
    const { officer, approver } = await twoDesks();
    const caseId = await awaitingApproval(officer, approver);

    approve(approver, caseId);
    expect(approver.cases.get(caseId).approval?.decision).toBe('approved');
    expect(approver.exports.preview(caseId).blocker).toBe(NOT_YET);
    expect(refusalOf(() => approver.exports.check(request(caseId)))).toBe(NOT_YET);

    await approver.sync.run();
    expect(approver.exports.preview(caseId).blocker).toBeNull();
    // The officer's desk learns of the approval from central, and may export once it has.
    expect(officer.exports.preview(caseId).blocker).toMatch(/second officer must approve/);
    await officer.sync.run();
    expect(officer.exports.check(request(caseId)).suggestedName).toMatch(/access/);

    // While a change to the case waits to be sent, the desk shows its own version of the case.
    const detail = officer.cases.get(caseId);
    officer.cases.act(caseId, detail.version, { action: 'update', changes: { tags: ['urgent'] } });
    expect(officer.exports.preview(caseId).blocker).toBe(NOT_YET);
    await officer.sync.run();
    expect(officer.exports.preview(caseId).blocker).toBeNull();
  });

  it('refuses an approval central turned down until the conflict is resolved', async () => {
    const { officer, approver } = await twoDesks();
    const caseId = await awaitingApproval(officer, approver);

    approve(approver, caseId);
    // Meanwhile the officer takes the case back to work on it: central refuses the approval
    // decided on the older version, and the approver's desk still shows its own decision.
    const detail = officer.cases.get(caseId);
    officer.cases.act(caseId, detail.version, {
      action: 'transition',
      to: 'in_progress',
      reason: 'one more record to link',
    });
    await officer.sync.run();
    await approver.sync.run();
    expect(approver.sync.conflicts()).toHaveLength(1);
    expect(approver.cases.get(caseId).approval?.decision).toBe('approved');
    expect(approver.exports.preview(caseId).blocker).toMatch(
      /^Central refused a change to this case, so the approval shown here is not confirmed: resolve the conflict/,
    );

    const [conflict] = approver.sync.conflicts();
    await approver.sync.resolve({ conflictId: conflict?.conflictId ?? 0, resolution: 'discard' });
    await approver.sync.run();
    expect(approver.exports.preview(caseId).blocker).toMatch(/second officer must approve/);
  });
});
