import { join } from 'node:path';
import { accessRequest } from './case-requests';
import type pg from 'pg';
import type { RequestType } from '../../src/shared/cases';
import type { RequesterLanguage } from '../../src/shared/requester-languages';
import type { Redaction } from '../../src/shared/exports';
import { centralWithClient, seedCentral } from './central-fixture';
import { createLoginRole } from './postgres-database';
import { tempDir } from './temp-dir';
import { testServices } from './workspace';

/** Ten days after a request received on 31 January. */
export const CASE_NOW = new Date('2027-02-10T09:00:00Z');

export type TestDesk = ReturnType<typeof testServices>;

/** A new desk (workspace in its own folder) connected to central as the given login, synced once. */
export async function connectedDesk(
  url: string,
  name: string,
  passphrase: string | null = null,
): Promise<TestDesk> {
  const services = testServices(join(tempDir(), name), { now: () => CASE_NOW });
  await services.workspace.create(
    passphrase === null
      ? { name, keyMode: 'keychain' }
      : { name, keyMode: 'passphrase', passphrase },
  );
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  await services.sync.run();
  return services;
}

/**
 * A GDPR case for customer 2 taken through the real workflow on two desks and central: the
 * officer's desk verifies the requester and asks for approval, a second officer approves it
 * on another desk, and the first desk syncs the approval back. `prepare` runs on central first,
 * to plant the rows a test needs (duplicates, hostile text, third-party data).
 */
export async function approvedCase(
  options: {
    requestType?: Extract<RequestType, 'access' | 'portability'>;
    prepare?: (central: pg.Client) => Promise<void>;
    /** Protects the officer's desk with a passphrase (which another process can type). */
    passphrase?: string;
    /** The language chosen on the case for the requester's documents. */
    language?: RequesterLanguage;
    /** What the package proposed for approval withholds (an approval holds for exactly that). */
    withhold?: (central: pg.Client) => Promise<Redaction[]>;
  } = {},
): Promise<{
  desk: TestDesk;
  approverDesk: TestDesk;
  central: pg.Client;
  caseId: string;
  approver: string;
  redactions: Redaction[];
}> {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 5);
  await options.prepare?.(central);
  const officerUrl = await createLoginRole(database, 'reflect_officer');
  const approverUrl = await createLoginRole(database, 'reflect_approver');
  const desk = await connectedDesk(officerUrl, 'officer-desk', options.passphrase ?? null);
  const approverDesk = await connectedDesk(approverUrl, 'approver-desk');

  let c = desk.cases.create(
    accessRequest({
      requestType: options.requestType ?? 'access',
      requester: {
        names: ['Person 2'],
        emails: ['p2@example.org'],
        phones: [],
        language: options.language ?? 'en',
      },
      subjectIds: [2],
    }),
  );
  const act = (a: Parameters<TestDesk['cases']['act']>[2]) => {
    c = desk.cases.act(c.caseId, c.version, a);
  };
  act({ action: 'transition', to: 'verifying_identity', reason: null });
  act({ action: 'verify', method: 'identity_document', evidence: 'passport seen on a video call' });
  act({ action: 'transition', to: 'in_progress', reason: null });
  act({ action: 'transition', to: 'awaiting_approval', reason: 'package ready for review' });
  await desk.sync.run();
  // The officer proposes the package; the approver opens it and approves exactly that.
  const redactions = (await options.withhold?.(central)) ?? [];
  await desk.exports.propose(c.caseId, redactions);
  await approverDesk.sync.run();
  const proposed = await approverDesk.exports.proposed(c.caseId);
  const pending = approverDesk.cases.get(c.caseId);
  approverDesk.cases.act(c.caseId, pending.version, {
    action: 'decide-approval',
    decision: 'approved',
    note: 'scope checked',
    exportHash: proposed.contentsHash,
  });
  await approverDesk.sync.run();
  await desk.sync.run();
  return {
    desk,
    approverDesk,
    central,
    caseId: c.caseId,
    approver: new URL(approverUrl).username,
    redactions,
  };
}
