import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestType } from '../../../src/shared/cases';
import { AppError } from '../../../src/shared/errors';
import { accessRequest } from '../../support/case-requests';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const now = () => new Date('2027-02-10T09:00:00Z');

async function desk(url: string, name: string) {
  const services = testServices(join(tempDir(), name), { now });
  await services.workspace.create({ name, keyMode: 'keychain' });
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  await services.sync.run();
  return services;
}

/** An officer's desk and an approver's desk on one central database with six customers. */
async function team() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 6);
  await central.query(
    `INSERT INTO reflect.addresses (customer_id, kind, line1, city, postcode, country)
     VALUES (5, 'home', '1 Old Street', 'Leeds', 'LS1 1AA', 'GB')`,
  );
  const officer = await desk(await createLoginRole(database, 'reflect_officer'), 'officer');
  const approver = await desk(await createLoginRole(database, 'reflect_approver'), 'approver');

  /** A case for `customerId` taken to in progress (and approved, where the type needs it). */
  async function caseInProgress(requestType: RequestType, customerId: number) {
    let c = officer.cases.create(
      accessRequest({
        requestType,
        jurisdiction: ['opt_out', 'limit', 'delete'].includes(requestType) ? 'ccpa' : 'gdpr',
        timeZone: 'Europe/Berlin',
        requester: { names: [`Person ${customerId}`], emails: [], phones: [], language: 'en' },
        subjectIds: [customerId],
      }),
    );
    const act = (a: Parameters<typeof officer.cases.act>[2]) => {
      c = officer.cases.act(c.caseId, c.version, a);
    };
    act({ action: 'verify', method: 'identity_document', evidence: 'passport seen' });
    act({ action: 'transition', to: 'in_progress', reason: null });
    await officer.sync.run();
    return c.caseId;
  }

  async function askApproval(caseId: string) {
    const c = officer.cases.get(caseId);
    officer.cases.act(caseId, c.version, {
      action: 'transition',
      to: 'awaiting_approval',
      reason: 'ready',
    });
    await officer.sync.run();
    await approver.sync.run();
  }

  async function fulfil(caseId: string) {
    const c = officer.cases.get(caseId);
    officer.cases.act(caseId, c.version, { action: 'transition', to: 'fulfilled', reason: null });
    await officer.sync.run();
    expect(officer.sync.conflicts()).toEqual([]);
    const row = await central.query<{ status: string }>(
      'SELECT status FROM reflect.cases WHERE case_id = $1',
      [caseId],
    );
    expect(row.rows[0]?.status).toBe('fulfilled');
  }

  return { central, officer, approver, caseInProgress, askApproval, fulfil };
}

const refusal = async (run: () => unknown): Promise<string> => {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
};

describe('rights carried out from their cases, on two desks and central', () => {
  it('erases from the approved plan, and fulfils the case only once central recorded it', async () => {
    const { central, officer, approver, caseInProgress, askApproval, fulfil } = await team();
    const caseId = await caseInProgress('erasure', 2);
    expect(officer.cases.get(caseId).blockers.fulfilled).toMatch(/approve/);
    await askApproval(caseId);

    // The approver sees the plan before approving, and approves exactly that plan.
    const preview = await approver.rights.erasurePreview(caseId);
    expect(preview.complete).toBe(true);
    expect(preview.subjects).toEqual([2]);
    const orders = preview.tables.find((t) => t.table === 'reflect.orders');
    expect(orders).toMatchObject({ strategy: 'retain', rows: 1 });
    expect(orders?.applied?.retainUntilFirst).toMatch(/^2035-01-01/);
    expect(orders?.legalBasis).toMatch(/tax/);
    const pending = approver.cases.get(caseId);
    expect(
      await refusal(() =>
        approver.cases.act(caseId, pending.version, {
          action: 'decide-approval',
          decision: 'approved',
          note: null,
        }),
      ),
    ).toMatch(/open the erasure preview/);
    approver.cases.act(caseId, pending.version, {
      action: 'decide-approval',
      decision: 'approved',
      note: 'plan checked',
      planHash: preview.hash,
    });
    await approver.sync.run();
    expect(approver.sync.conflicts()).toEqual([]);
    await officer.sync.run();
    expect(officer.cases.get(caseId).blockers.fulfilled).toMatch(
      /erasure has not been carried out/,
    );

    await officer.rights.erase(caseId, preview.hash);
    const raw = officer.workspace.requireOpen().replica.raw;
    expect(raw.prepare('SELECT count(*) FROM customers WHERE customer_id = 2').pluck().get()).toBe(
      0,
    );
    expect(raw.prepare('SELECT count(*) FROM events WHERE customer_id = 2').pluck().get()).toBe(0);
    const detail = officer.cases.get(caseId);
    expect(detail.actions.map((a) => a.kind)).toEqual(['erasure']);
    expect(detail.actions[0]?.details).toMatchObject({ approvedBy: expect.any(String) });
    // Executing again is refused centrally: it was carried out once.
    expect(await refusal(() => officer.rights.erase(caseId, preview.hash))).toMatch(
      /already carried out/,
    );
    await fulfil(caseId);
    expect(
      await central.query('SELECT 1 FROM reflect.customers WHERE customer_id = 2'),
    ).toMatchObject({ rowCount: 0 });
    // The completion letter says what was done, and what is kept, until when and why.
    const letter = officer.cases.template(caseId, 'completion').body;
    expect(letter).toMatch(/we erased your personal data: we deleted .*your customer record/);
    expect(letter).toMatch(/removed everything that identifies you from your consent records/);
    expect(letter).toMatch(
      /We must keep your orders \(1 record\) until 1 January 2035, no longer linked to your name, because the law requires it \(commercial and tax law/,
    );
  });

  it('withdraws only the consents the request type covers, restricts and lifts with a reason, and corrects every identity field', async () => {
    const { central, officer, approver, caseInProgress, askApproval, fulfil } = await team();

    const objection = await caseInProgress('objection', 3);
    expect(
      await refusal(() => officer.rights.withdrawConsents(objection, ['third_party_sharing'])),
    ).toMatch(/objection request withdraws marketing_email, marketing_sms, profiling/);
    await officer.rights.withdrawConsents(objection, ['marketing_email', 'profiling']);
    const consents = await central.query<{ purpose: string; granted: boolean }>(
      'SELECT purpose, granted FROM reflect.consents WHERE customer_id = 3 ORDER BY purpose',
    );
    expect(consents.rows).toEqual([
      { purpose: 'marketing_email', granted: false },
      { purpose: 'profiling', granted: false },
    ]);
    await fulfil(objection);

    const restriction = await caseInProgress('restriction', 4);
    expect(
      await refusal(() => officer.rights.restrict(restriction, 4, 'accuracy contested')),
    ).toMatch(/approval/);
    await askApproval(restriction);
    const pending = approver.cases.get(restriction);
    approver.cases.act(restriction, pending.version, {
      action: 'decide-approval',
      decision: 'approved',
      note: null,
    });
    await approver.sync.run();
    await officer.sync.run();
    await officer.rights.restrict(restriction, 4, 'accuracy contested');
    const raw = officer.workspace.requireOpen().replica.raw;
    expect(
      raw.prepare('SELECT restricted FROM customers WHERE customer_id = 4').pluck().get(),
    ).toBe(1);
    await fulfil(restriction);
    expect(await refusal(() => officer.rights.liftRestriction(restriction, 4, ' '))).toMatch(
      /reason/i,
    );
    await officer.rights.liftRestriction(restriction, 4, 'accuracy verified with the requester');
    expect(
      raw.prepare('SELECT restricted FROM customers WHERE customer_id = 4').pluck().get(),
    ).toBe(0);
    expect(officer.cases.get(restriction).actions.map((a) => a.kind)).toEqual([
      'restriction',
      'restriction_lifted',
    ]);

    const rectification = await caseInProgress('rectification', 5);
    const addressId = raw
      .prepare('SELECT address_id FROM addresses WHERE customer_id = 5')
      .pluck()
      .get() as number;
    expect(
      await refusal(() =>
        officer.rights.rectify({
          caseId: rectification,
          customerId: 5,
          evidence: 'utility bill',
          changes: { date_of_birth: '17/05/1980' },
          addresses: [],
        }),
      ),
    ).toMatch(/YYYY-MM-DD/);
    await officer.rights.rectify({
      caseId: rectification,
      customerId: 5,
      evidence: 'utility bill dated 2 February',
      changes: { name: 'Person Five', date_of_birth: '1980-05-17', given_name: 'Person' },
      addresses: [{ addressId, changes: { line1: '2 New Street', postcode: 'LS2 2BB' } }],
    });
    const corrected = await central.query<{ name: string; dob: string; line1: string }>(
      `SELECT c.name, c.attributes ->> 'date_of_birth' AS dob, a.line1
       FROM reflect.customers c JOIN reflect.addresses a USING (customer_id) WHERE customer_id = 5`,
    );
    expect(corrected.rows[0]).toEqual({
      name: 'Person Five',
      dob: '1980-05-17',
      line1: '2 New Street',
    });
    expect(raw.prepare('SELECT line1 FROM addresses WHERE customer_id = 5').pluck().get()).toBe(
      '2 New Street',
    );
    await fulfil(rectification);
  });
});
