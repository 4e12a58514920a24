import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyOperation, type OperationKind } from '../../../src/main/central/operations';
import { AppError } from '../../../src/shared/errors';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import type { TestDatabase } from '../../support/postgres-database';
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
type Who = (typeof FOUR_EYES)[number]['who'];

async function approverLogin(database: TestDatabase, admin: pg.Client) {
  const name = `approver_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE reflect_approver`);
  const url = new URL(database.url);
  url.username = name;
  url.password = password;
  return { name, url: url.toString(), client: await database.connect(url.toString()) };
}

async function setup() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 6);
  const people = {} as Record<Who, Awaited<ReturnType<typeof approverLogin>>>;
  for (const { who } of FOUR_EYES) people[who] = await approverLogin(database, central);
  const version = async (caseId: string) =>
    Number(
      (
        await central.query<{ version: number }>(
          'SELECT version FROM reflect.cases WHERE case_id = $1',
          [caseId],
        )
      ).rows[0]?.version,
    );
  const op = (client: pg.Client, kind: OperationKind, payload: Record<string, unknown>) =>
    applyOperation(client, {
      opId: randomUUID(),
      kind,
      payload: { event_id: randomUUID(), ...payload },
    });

  /** A case created, verified and brought to approval by three different logins. */
  async function caseAwaitingApproval(requestType: string, subjectIds: number[]) {
    const caseId = randomUUID();
    expect(
      await op(people.creator.client, 'case.create', {
        case_id: caseId,
        jurisdiction: 'gdpr',
        request_type: requestType,
        channel: 'email',
        requester: { names: ['Person 2'], emails: [], phones: [] },
        received_at: '2027-02-01T10:00:00Z',
        time_zone: 'Europe/Paris',
        subject_ids: subjectIds,
      }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await op(people.verifier.client, 'case.verify', {
        case_id: caseId,
        base_version: await version(caseId),
        method: 'identity_document',
        evidence: 'passport checked',
      }),
    ).toMatchObject({ status: 'applied' });
    await op(people.creator.client, 'case.transition', {
      case_id: caseId,
      base_version: await version(caseId),
      to: 'in_progress',
    });
    expect(
      await op(people.requester.client, 'case.transition', {
        case_id: caseId,
        base_version: await version(caseId),
        to: 'awaiting_approval',
        reason: 'plan checked',
      }),
    ).toMatchObject({ status: 'applied' });
    return caseId;
  }

  async function approve(caseId: string, who: Who) {
    return op(people[who].client, 'case.decide-approval', {
      case_id: caseId,
      base_version: await version(caseId),
      decision: 'approved',
      note: null,
    });
  }

  const customerVersion = async (id: number) =>
    Number(
      (
        await central.query<{ version: number }>(
          'SELECT version FROM reflect.customers WHERE customer_id = $1',
          [id],
        )
      ).rows[0]?.version,
    );
  return { database, central, people, op, version, customerVersion, caseAwaitingApproval, approve };
}

describe('central operations do only what the role and the case allow', () => {
  it('judges four eyes on everyone who worked the case, on central and on the desk alike', async () => {
    const { people, caseAwaitingApproval, approve } = await setup();
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

  it('erases only for an approved erasure case naming the customer', async () => {
    const { people, op, customerVersion, caseAwaitingApproval, approve } = await setup();
    const officer = people.creator.client;
    const erase = async (customerId: number, caseId?: string) =>
      op(officer, 'customer.erase', {
        customer_id: customerId,
        base_version: await customerVersion(customerId),
        reason: 'requested',
        ...(caseId ? { case_id: caseId } : {}),
      });

    expect(await erase(2)).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/only for a case/),
    });
    const erasure = await caseAwaitingApproval('erasure', [2]);
    expect(await erase(2, erasure)).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/awaiting approval, not in progress/),
    });
    const access = await caseAwaitingApproval('access', [2]);
    await approve(access, 'other');
    expect(await erase(2, access)).toMatchObject({
      status: 'rejected',
      reason: 'a case of type access does not allow an erasure',
    });
    expect(await approve(erasure, 'other')).toMatchObject({ status: 'applied' });
    expect(await erase(3, erasure)).toMatchObject({
      status: 'rejected',
      reason: 'customer 3 is not a subject of this case',
    });
    expect(await erase(2, erasure)).toMatchObject({ status: 'applied' });
  });

  it('restricts only for an approved restriction case', async () => {
    const { people, op, customerVersion, caseAwaitingApproval, approve } = await setup();
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
    const { people, op, customerVersion, caseAwaitingApproval } = await setup();
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
  });
});
