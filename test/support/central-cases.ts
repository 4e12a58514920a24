import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { applyOperation, type OperationKind } from '../../src/main/central/operations';
import type { TestDatabase } from './postgres-database';

/**
 * A GDPR case approved on central alone, for tests of the operations that carry one out
 * (erasure, restriction): one login works it (creates, verifies, asks for approval), a second
 * approves it, as four eyes requires. Returns the case id.
 */
export async function approvedCentralCase(
  database: TestDatabase,
  requestType: 'erasure' | 'restriction' | 'access',
  subjectIds: number[],
): Promise<string> {
  const admin = await database.connect();
  const login = async () => {
    const name = `case_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('base64url');
    await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE reflect_approver`);
    const url = new URL(database.url);
    url.username = name;
    url.password = password;
    return database.connect(url.toString());
  };
  const officer = await login();
  const approver = await login();
  const caseId = randomUUID();
  const version = async () =>
    Number(
      (
        await admin.query<{ version: number }>(
          'SELECT version FROM reflect.cases WHERE case_id = $1',
          [caseId],
        )
      ).rows[0]?.version,
    );
  const step = async (
    client: typeof officer,
    kind: OperationKind,
    payload: Record<string, unknown>,
  ) => {
    const outcome = await applyOperation(client, {
      opId: randomUUID(),
      kind,
      payload: { case_id: caseId, event_id: randomUUID(), ...payload },
    });
    if (outcome.status !== 'applied') throw new Error(`${kind}: ${JSON.stringify(outcome)}`);
  };
  await step(officer, 'case.create', {
    jurisdiction: 'gdpr',
    request_type: requestType,
    channel: 'email',
    requester: { names: ['A Requester'], emails: [], phones: [] },
    received_at: '2027-02-01T10:00:00Z',
    time_zone: 'Europe/Paris',
    subject_ids: subjectIds,
  });
  await step(officer, 'case.verify', {
    base_version: await version(),
    method: 'identity_document',
    evidence: 'passport checked',
  });
  await step(officer, 'case.transition', { base_version: await version(), to: 'in_progress' });
  await step(officer, 'case.transition', {
    base_version: await version(),
    to: 'awaiting_approval',
    reason: 'ready',
  });
  // An erasure is approved for the plan the approver was shown.
  const planHash =
    requestType === 'erasure'
      ? (
          await approver.query<{ hash: string }>(
            'SELECT reflect.erasure_preview($1) ->> $2 AS hash',
            [caseId, 'hash'],
          )
        ).rows[0]?.hash
      : undefined;
  await step(approver, 'case.decide-approval', {
    base_version: await version(),
    decision: 'approved',
    note: null,
    ...(planHash ? { plan_hash: planHash } : {}),
  });
  cases.set(caseId, { officer, planHash: planHash ?? null });
  return caseId;
}

const cases = new Map<string, { officer: pg.Client; planHash: string | null }>();

/** Erases the subjects centrally the only way there is: an approved erasure case, executed. */
export async function eraseThroughCase(
  database: TestDatabase,
  subjectIds: number[],
): Promise<string> {
  const caseId = await approvedCentralCase(database, 'erasure', subjectIds);
  const prepared = cases.get(caseId);
  if (!prepared) throw new Error('no case');
  const outcome = await applyOperation(prepared.officer, {
    opId: randomUUID(),
    kind: 'case.erase',
    payload: { case_id: caseId, plan_hash: prepared.planHash },
  });
  if (outcome.status !== 'applied') throw new Error(`case.erase: ${JSON.stringify(outcome)}`);
  return caseId;
}
