import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeytarStore } from '../../../src/main/secrets/keychain';
import { createServices } from '../../../src/main/services';
import type { CaseSummary } from '../../../src/shared/cases';
import { accessRequest } from '../../support/case-requests';
import { tempDir } from '../../support/temp-dir';
import { TEST_KEYCHAIN_SERVICE } from '../../support/workspace';

/** Wednesday 10 February 2027, morning in Berlin. */
const NOW = new Date('2027-02-10T09:00:00Z');

function deskAs(dataDir: string, actor: string) {
  return createServices({
    dataDir,
    version: '0.0.0-test',
    secrets: createKeytarStore(TEST_KEYCHAIN_SERVICE),
    actor,
    now: () => NOW,
  });
}

const ids = (cases: CaseSummary[]) => cases.map((c) => c.requesterName);

describe('the start screen', () => {
  it('lists what is due for this officer, what nobody owns, and what waits for their approval', async () => {
    const dataDir = join(tempDir(), 'home');
    // A colleague on the same desk sends a case for approval: it waits for the officer.
    const colleague = deskAs(dataDir, 'colleague');
    await colleague.workspace.create({ name: 'Home', keyMode: 'keychain' });
    const request = (name: string, receivedAt: string, assignee: string | null) =>
      accessRequest({ requester: { names: [name], emails: [], phones: [] }, receivedAt, assignee });
    let waiting = colleague.cases.create(
      request('Sent by colleague', '2027-02-01T10:00:00+01:00', null),
    );
    for (const act of [
      { action: 'transition', to: 'verifying_identity', reason: null },
      { action: 'verify', method: 'identity_document', evidence: 'passport seen' },
      { action: 'transition', to: 'in_progress', reason: null },
      { action: 'transition', to: 'awaiting_approval', reason: 'ready for review' },
    ] as const) {
      waiting = colleague.cases.act(waiting.caseId, waiting.version, act);
    }
    await colleague.workspace.close();

    const desk = deskAs(dataDir, 'officer.test');
    await desk.workspace.unlock({});
    const me = 'officer.test';
    // One month from 1 January ends on Monday 1 February: overdue by nine days.
    desk.cases.create(request('Overdue mine', '2027-01-01T10:00:00+01:00', me));
    // From 10 January: due today.
    desk.cases.create(request('Due today mine', '2027-01-10T10:00:00+01:00', me));
    // From 15 January: due Monday 15 February, five days on.
    desk.cases.create(request('This week mine', '2027-01-15T10:00:00+01:00', me));
    // From 28 January: due 1 March, not this week.
    desk.cases.create(request('Later mine', '2027-01-28T10:00:00+01:00', me));
    desk.cases.create(request('Overdue theirs', '2027-01-02T10:00:00+01:00', 'someone.else'));
    desk.cases.create(request('Nobody owns', '2027-01-20T10:00:00+01:00', null));
    const closed = desk.cases.create(request('Closed mine', '2027-01-03T10:00:00+01:00', me));
    desk.cases.act(closed.caseId, closed.version, {
      action: 'transition',
      to: 'withdrawn',
      reason: 'the requester withdrew it',
    });
    let mineForApproval = desk.cases.create(request('Sent by me', '2027-02-02T10:00:00+01:00', me));
    for (const act of [
      { action: 'transition', to: 'verifying_identity', reason: null },
      { action: 'verify', method: 'identity_document', evidence: 'passport seen' },
      { action: 'transition', to: 'in_progress', reason: null },
      { action: 'transition', to: 'awaiting_approval', reason: 'ready for review' },
    ] as const) {
      mineForApproval = desk.cases.act(mineForApproval.caseId, mineForApproval.version, act);
    }

    const home = desk.cases.home();
    expect(home.officer).toBe(me);
    expect(ids(home.mine.overdue)).toEqual(['Overdue mine']);
    expect(ids(home.mine.dueToday)).toEqual(['Due today mine']);
    expect(ids(home.mine.dueThisWeek)).toEqual(['This week mine']);
    expect(ids(home.unassigned)).toEqual(['Nobody owns', 'Sent by colleague']);
    // Four eyes: the officer's own request for approval is not theirs to decide.
    expect(ids(home.awaitingMyApproval)).toEqual(['Sent by colleague']);
    expect(home.overdueTotal).toBe(2);
    expect(home.openTotal).toBe(8);
    await desk.workspace.close();
  });
});
