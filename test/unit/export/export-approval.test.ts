import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import type { ExportRequest } from '../../../src/shared/ipc/export-schemas';
import { connectedDesk, type TestDesk } from '../../support/approved-case';
import { accessRequest } from '../../support/case-requests';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';
import { join } from 'node:path';

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
  return { officer, approver, central };
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
  await officer.exports.propose(c.caseId, []);
  await approver.sync.run();
  return c.caseId;
}

/** The approver opens the package proposed and approves what it shows. */
async function approve(desk: TestDesk, caseId: string): Promise<void> {
  const proposed = await desk.exports.proposed(caseId);
  desk.cases.act(caseId, desk.cases.get(caseId).version, {
    action: 'decide-approval',
    decision: 'approved',
    note: null,
    exportHash: proposed.contentsHash,
  });
}

describe('an export is written only once central has confirmed the approval', () => {
  it('refuses an approval only this desk knows of, and a case changed here since', async () => {
    const { officer, approver } = await twoDesks();
    const caseId = await awaitingApproval(officer, approver);

    await approve(approver, caseId);
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

    await approve(approver, caseId);
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

  it('writes only the package central holds as approved: a changed record or another withholding needs a new approval', async () => {
    const { officer, approver, central } = await twoDesks();
    const caseId = await awaitingApproval(officer, approver);

    // The approver sees what they approve, from their own copy, and approves only that.
    const proposed = await approver.exports.proposed(caseId);
    expect(proposed.matchesThisDesk).toBe(true);
    expect(proposed.contents.customerIds).toEqual([2]);
    expect(proposed.contents.tables.find((t) => t.table === 'customers')?.rows).toBe(1);
    expect(
      refusalOf(() =>
        approver.cases.act(caseId, approver.cases.get(caseId).version, {
          action: 'decide-approval',
          decision: 'approved',
          note: null,
        }),
      ),
    ).toMatch(/open the package proposed and approve what it shows/);
    // Central refuses an approval of another package than the one proposed.
    approver.cases.act(caseId, approver.cases.get(caseId).version, {
      action: 'decide-approval',
      decision: 'approved',
      note: null,
      exportHash: 'f'.repeat(64),
    });
    await approver.sync.run();
    const [refused] = approver.sync.conflicts();
    expect(refused?.central).toEqual({
      reason: expect.stringMatching(/package proposed changed since you opened it/) as string,
    });
    await approver.sync.resolve({ conflictId: refused?.conflictId ?? 0, resolution: 'discard' });
    await approver.sync.run();
    await approve(approver, caseId);
    await approver.sync.run();
    expect(approver.sync.conflicts()).toEqual([]);
    await officer.sync.run();

    const write = (redactions: ExportRequest['redactions'], name: string) =>
      officer.exports.create(
        { ...request(caseId), redactions },
        { path: join(tempDir(), name), overwrite: false },
      );
    const refusal = (run: Promise<unknown>) =>
      run.then(
        () => 'written',
        (e: unknown) => (e as Error).message,
      );
    // Withholding something the approver did not see is another package.
    expect(
      await refusal(
        write([{ table: 'customers', column: 'phone', rowId: null, reason: 'shared line' }], 'a'),
      ),
    ).toMatch(/^This package is not the one approved/);
    expect(await refusal(write([], 'b'))).toBe('written');

    // A record changed centrally since the approval: the next package needs a new one.
    await central.query(
      `UPDATE reflect.customers SET phone = '+44 20 7946 0999' WHERE customer_id = 2`,
    );
    await officer.sync.run();
    expect(await refusal(write([], 'c'))).toMatch(
      /a record changed since, or what is withheld differs\. Propose it again/,
    );
    // The central record of the export names the package approved.
    const recorded = await central.query<{ hash: string }>(
      `SELECT details ->> 'contentsHash' AS hash FROM reflect.case_events
       WHERE case_id = $1 AND kind = 'exported'`,
      [caseId],
    );
    expect(recorded.rows).toEqual([{ hash: proposed.contentsHash }]);
  });

  it('refuses an approval by the officer who proposed the package, and a proposal for a case that needs none', async () => {
    const { officer, approver } = await twoDesks();
    // The approver proposes this time; they may not approve their own package.
    let c = officer.cases.create(accessRequest({ subjectIds: [2] }));
    for (const action of [
      { action: 'transition', to: 'verifying_identity', reason: null },
      { action: 'verify', method: 'identity_document', evidence: 'passport seen' },
      { action: 'transition', to: 'in_progress', reason: null },
    ] as const) {
      c = officer.cases.act(c.caseId, c.version, action);
    }
    await officer.sync.run();
    await approver.sync.run();
    await approver.exports.propose(c.caseId, []);
    c = officer.cases.act(c.caseId, officer.cases.get(c.caseId).version, {
      action: 'transition',
      to: 'awaiting_approval',
      reason: 'package ready',
    });
    await officer.sync.run();
    await approver.sync.run();
    await approve(approver, c.caseId);
    await approver.sync.run();
    expect(approver.sync.conflicts()[0]?.central).toEqual({
      reason: 'four eyes: you proposed this package, so a different officer approves it',
    });

    const rectification = officer.cases.create(
      accessRequest({ requestType: 'rectification', subjectIds: [2] }),
    );
    await officer.sync.run();
    await expect(officer.exports.propose(rectification.caseId, [])).rejects.toThrow(
      'This request is exported without an approval.',
    );
  });
});
