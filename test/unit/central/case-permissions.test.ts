import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { caseLogins } from '../../support/central-case-logins';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

/**
 * Four eyes, as one table for desk and central: who worked the case may not approve it. Each
 * row is a login and whether its approval is accepted.
 */
const FOUR_EYES = [
  { who: 'creator', approves: false, because: 'created it' },
  { who: 'verifier', approves: false, because: 'verified the requester' },
  { who: 'requester', approves: false, because: 'asked for approval' },
  { who: 'other', approves: true, because: null },
] as const;

describe('central operations do only what the role and the case allow', () => {
  it('judges four eyes on everyone who worked the case, on central and on the desk alike', async () => {
    const { people, caseAwaitingApproval, approve } = await caseLogins();
    const caseId = await caseAwaitingApproval('access', [2]);

    for (const row of FOUR_EYES) {
      const desk = testServices(join(tempDir(), row.who));
      await desk.workspace.create({ name: row.who, keyMode: 'keychain' });
      await desk.sync.connect({ url: `${people[row.who].url}?sslmode=disable` });
      await desk.sync.run();
      const detail = desk.cases.get(caseId);
      let deskAnswer: string = 'accepted';
      try {
        desk.cases.act(caseId, detail.version, {
          action: 'decide-approval',
          decision: 'approved',
          note: null,
          exportHash: 'a'.repeat(64),
        });
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        deskAnswer = (error as AppError).message;
      }
      if (row.approves) {
        expect(deskAnswer, row.who).toBe('accepted');
      } else {
        expect(deskAnswer, row.who).toMatch(new RegExp(`^Four eyes: .*${row.because}`));
        // Central refuses it too, whatever the desk says: it is sent straight to central here.
        const central = await approve(caseId, row.who);
        expect(central, row.who).toMatchObject({
          status: 'rejected',
          reason: expect.stringMatching(new RegExp(`four eyes: .*${row.because}`)),
        });
      }
    }
    expect(await approve(caseId, 'other')).toMatchObject({ status: 'applied' });
  });

  it('erases only a whole approved erasure case, never one customer on request', async () => {
    const { people, op, customerVersion, caseAwaitingApproval, approve } = await caseLogins();
    const officer = people.creator.client;
    expect(
      await op(officer, 'customer.erase', {
        customer_id: 2,
        base_version: await customerVersion(2),
        reason: 'requested',
      }),
    ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/whole case/) });
    const erase = (caseId: string) =>
      op(officer, 'case.erase', { case_id: caseId, plan_hash: 'x' });
    const erasure = await caseAwaitingApproval('erasure', [2]);
    expect(await erase(erasure)).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/awaiting approval, not in progress/),
    });
    const access = await caseAwaitingApproval('access', [2]);
    await approve(access, 'other');
    expect(await erase(access)).toMatchObject({
      status: 'rejected',
      reason: 'a case of type access does not allow an erasure',
    });
  });

  it('restricts only for an approved restriction case', async () => {
    const { people, op, customerVersion, caseAwaitingApproval, approve } = await caseLogins();
    const restrict = async (caseId: string) =>
      op(people.creator.client, 'customer.restrict', {
        customer_id: 4,
        base_version: await customerVersion(4),
        restricted: true,
        reason: 'accuracy contested',
        case_id: caseId,
      });
    const erasure = await caseAwaitingApproval('erasure', [4]);
    await approve(erasure, 'other');
    expect(await restrict(erasure)).toMatchObject({
      status: 'rejected',
      reason: 'a case of type erasure does not allow a restriction',
    });
    const restriction = await caseAwaitingApproval('restriction', [4]);
    expect(await restrict(restriction)).toMatchObject({ status: 'rejected' });
    await approve(restriction, 'other');
    expect(await restrict(restriction)).toMatchObject({ status: 'applied' });
  });

  it('rectifies only name, email and phone; records an export only for an approved copy request', async () => {
    const { people, op, customerVersion, caseAwaitingApproval, approve, central } =
      await caseLogins();
    const rectify = async (changes: Record<string, unknown>) =>
      op(people.creator.client, 'customer.rectify', {
        customer_id: 5,
        base_version: await customerVersion(5),
        changes,
      });
    for (const changes of [
      { status: 'vip' },
      { tags: ['x'] },
      { attributes: {} },
      { email: 'a@b.c', lifecycle_stage: 'lead' },
      {},
    ]) {
      expect(await rectify(changes), JSON.stringify(changes)).toMatchObject({ status: 'rejected' });
    }
    expect(await rectify({ email: 'new@example.org', name: 'New Name' })).toMatchObject({
      status: 'applied',
    });

    const access = await caseAwaitingApproval('access', [5]);
    expect(
      await op(people.creator.client, 'case.record-export', {
        case_id: access,
        details: { exportId: randomUUID(), manifestSha256: 'a'.repeat(64) },
      }),
    ).toMatchObject({
      status: 'rejected',
      reason: 'an export is recorded only for an approved case',
    });
    // Approved, it is recorded only for the package approved (the hash the approver saw).
    await approve(access, 'other');
    const record = (contentsHash: string) =>
      op(people.creator.client, 'case.record-export', {
        case_id: access,
        details: { exportId: randomUUID(), manifestSha256: 'a'.repeat(64), contentsHash },
      });
    expect(await record('b'.repeat(64))).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/^the package recorded is not the one approved/),
    });
    const approved = await central.query<{ hash: string }>(
      `SELECT reflect.confirmed_export_approval($1) ->> 'contentsHash' AS hash`,
      [access],
    );
    expect(await record(approved.rows[0]?.hash ?? '')).toMatchObject({ status: 'applied' });
  });
});
