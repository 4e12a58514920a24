import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { expect } from 'vitest';
import { applyOperation, type OperationKind } from '../../src/main/central/operations';
import { centralWithClient, seedCentral } from './central-fixture';
import type { TestDatabase } from './postgres-database';

/**
 * Who works a case in the four-eyes tests: four approver logins, each a different person on
 * central. The creator opens the case, the verifier checks the requester, the requester asks
 * for approval and the other one is free to give it.
 */
export const CASE_LOGINS = ['creator', 'verifier', 'requester', 'other'] as const;
export type Who = (typeof CASE_LOGINS)[number];

export async function approverLogin(database: TestDatabase, admin: pg.Client) {
  const name = `approver_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE reflect_approver`);
  const url = new URL(database.url);
  url.username = name;
  url.password = password;
  return { name, url: url.toString(), client: await database.connect(url.toString()) };
}

export async function caseLogins() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 6);
  const people = {} as Record<Who, Awaited<ReturnType<typeof approverLogin>>>;
  for (const who of CASE_LOGINS) people[who] = await approverLogin(database, central);
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

  /** A case created and verified by two different logins, now in progress. */
  async function caseInProgress(requestType: string, subjectIds: number[], jurisdiction = 'gdpr') {
    const caseId = randomUUID();
    expect(
      await op(people.creator.client, 'case.create', {
        case_id: caseId,
        jurisdiction,
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
    return caseId;
  }

  /** A case created, verified and brought to approval by three different logins. */
  async function caseAwaitingApproval(
    requestType: string,
    subjectIds: number[],
    jurisdiction = 'gdpr',
  ) {
    const caseId = await caseInProgress(requestType, subjectIds, jurisdiction);
    expect(
      await op(people.requester.client, 'case.transition', {
        case_id: caseId,
        base_version: await version(caseId),
        to: 'awaiting_approval',
        reason: 'plan checked',
      }),
    ).toMatchObject({ status: 'applied' });
    // A copy of the data is approved for the package proposed (central keeps only its hash).
    if (['access', 'portability'].includes(requestType)) {
      expect(
        await op(people.requester.client, 'case.propose-export', {
          case_id: caseId,
          contents: { tables: [] },
          contents_hash: randomBytes(32).toString('hex'),
        }),
      ).toMatchObject({ status: 'applied' });
    }
    return caseId;
  }

  async function approve(caseId: string, who: Who, extra: Record<string, unknown> = {}) {
    const proposal = await central.query<{ hash: string | null }>(
      `SELECT reflect.export_proposal($1) ->> 'contentsHash' AS hash`,
      [caseId],
    );
    const exportHash = proposal.rows[0]?.hash;
    return op(people[who].client, 'case.decide-approval', {
      case_id: caseId,
      base_version: await version(caseId),
      decision: 'approved',
      note: null,
      ...(exportHash ? { export_hash: exportHash } : {}),
      ...extra,
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
  return {
    database,
    central,
    people,
    op,
    version,
    customerVersion,
    caseInProgress,
    caseAwaitingApproval,
    approve,
  };
}
