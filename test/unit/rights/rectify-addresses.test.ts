import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rectificationProblem, type RectificationRequest } from '../../../src/shared/rectification';
import { caseLogins } from '../../support/central-case-logins';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

const now = () => new Date('2027-02-10T09:00:00Z');

async function setUp() {
  const team = await caseLogins();
  await team.central.query(
    `INSERT INTO reflect.addresses (address_id, customer_id, kind, line1, city, postcode, country)
     VALUES (901, 5, 'home', '1 Old Street', 'Leeds', 'LS1 1AA', 'GB'),
            (902, 4, 'home', '9 Other Road', 'York', 'YO1 1AA', 'GB')`,
  );
  const caseId = await team.caseInProgress('rectification', [5]);
  const addressVersion = async (id: number) =>
    Number(
      (
        await team.central.query<{ version: number }>(
          'SELECT version FROM reflect.addresses WHERE address_id = $1',
          [id],
        )
      ).rows[0]?.version,
    );
  /** case.rectify sent straight to central, as a desk that skipped its own checks would. */
  const rectify = async (request: RectificationRequest, versions: Record<number, number> = {}) =>
    team.op(team.people.other.client, 'case.rectify', {
      case_id: caseId,
      customer_id: 5,
      base_version: await team.customerVersion(5),
      evidence: request.evidence,
      changes: request.changes,
      addresses: await Promise.all(
        request.addresses.map(async (a) => ({
          address_id: a.addressId,
          base_version: versions[a.addressId] ?? (await addressVersion(a.addressId)),
          changes: a.changes,
        })),
      ),
    });
  const customer = async () =>
    (
      await team.central.query<{ name: string; line1: string; city: string }>(
        `SELECT c.name, a.line1, a.city FROM reflect.customers c
         JOIN reflect.addresses a ON a.customer_id = c.customer_id WHERE c.customer_id = 5`,
      )
    ).rows[0];
  return { ...team, caseId, rectify, customer };
}

const rename = { name: 'Person Five Corrected' };

/** Corrections central refuses, and why; the desk's check must say the same, first. */
const REFUSED: [what: string, request: RectificationRequest, reason: RegExp][] = [
  [
    'a city emptied',
    { evidence: 'bill', changes: rename, addresses: [{ addressId: 901, changes: { city: ' ' } }] },
    /an address keeps its city/,
  ],
  [
    'the first line emptied',
    { evidence: 'bill', changes: rename, addresses: [{ addressId: 901, changes: { line1: '' } }] },
    /an address keeps its first line/,
  ],
  [
    "another customer's address",
    {
      evidence: 'bill',
      changes: rename,
      addresses: [{ addressId: 902, changes: { line1: '2 New Street' } }],
    },
    /address 902 is not one of this customer's/,
  ],
  [
    'no evidence',
    { evidence: ' ', changes: {}, addresses: [{ addressId: 901, changes: { city: 'Bradford' } }] },
    /names the requester's evidence/,
  ],
  [
    'an email that is not one',
    { evidence: 'bill', changes: { email: 'five@@' }, addresses: [] },
    /the email address is not one/,
  ],
];

describe('rectification of addresses from the case', () => {
  it('refuses on the desk and centrally in the same words, and a refused address leaves every field as it was', async () => {
    const { rectify, customer } = await setUp();
    const before = await customer();
    for (const [what, request, reason] of REFUSED) {
      const outcome = await rectify(request);
      expect(outcome, what).toMatchObject({ status: 'rejected' });
      expect((outcome as { reason: string }).reason, what).toMatch(reason);
      expect(rectificationProblem(request, [901]), what).toBe(
        (outcome as { reason: string }).reason,
      );
      // The name was in the same correction: nothing of it was written.
      expect(await customer(), what).toEqual(before);
    }
  });

  it('answers a changed address with a conflict and changes nothing; a correct one changes both', async () => {
    const { rectify, customer, central } = await setUp();
    const before = await customer();
    const stale = await rectify(
      {
        evidence: 'bill',
        changes: rename,
        addresses: [{ addressId: 901, changes: { city: 'Hull' } }],
      },
      { 901: 0 },
    );
    expect(stale).toMatchObject({ status: 'conflict' });
    expect(await customer()).toEqual(before);

    const applied = await rectify({
      evidence: 'utility bill of 2 February',
      changes: rename,
      addresses: [{ addressId: 901, changes: { line1: '2 New Street', city: 'Bradford' } }],
    });
    expect(applied).toMatchObject({ status: 'applied' });
    expect(await customer()).toEqual({
      name: 'Person Five Corrected',
      line1: '2 New Street',
      city: 'Bradford',
    });
    const action = await central.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM reflect.case_actions WHERE kind = 'rectification'`,
    );
    expect(action.rows[0]?.details).toMatchObject({
      fields: ['name'],
      addresses: [{ addressId: 901, fields: expect.arrayContaining(['line1', 'city']) }],
      evidence: 'utility bill of 2 February',
    });
  });

  it('corrects an address from the desk with the evidence, and refuses on the desk before asking central', async () => {
    const { central, caseId, people } = await setUp();
    const officer = testServices(join(tempDir(), 'officer'), { now });
    await officer.workspace.create({ name: 'officer', keyMode: 'keychain' });
    await officer.sync.connect({ url: `${people.other.url}?sslmode=disable` });
    await officer.sync.run();
    await expect(
      officer.rights.rectify({
        caseId,
        customerId: 5,
        evidence: 'bill',
        changes: {},
        addresses: [{ addressId: 901, changes: { country: '' } }],
      }),
    ).rejects.toThrow('Not corrected: An address keeps its country.');
    await expect(
      officer.rights.rectify({
        caseId,
        customerId: 5,
        evidence: 'bill',
        changes: {},
        addresses: [{ addressId: 902, changes: { city: 'Leeds' } }],
      }),
    ).rejects.toThrow("Not corrected: Address 902 is not one of this customer's.");
    await officer.rights.rectify({
      caseId,
      customerId: 5,
      evidence: 'tenancy agreement',
      changes: {},
      addresses: [{ addressId: 901, changes: { postcode: 'LS2 2BB', line2: 'Flat 3' } }],
    });
    const raw = officer.workspace.requireOpen().replica.raw;
    expect(
      raw.prepare('SELECT line2, postcode FROM addresses WHERE address_id = 901').get(),
    ).toEqual({ line2: 'Flat 3', postcode: 'LS2 2BB' });
    expect(officer.cases.get(caseId).actions.map((a) => a.kind)).toEqual(['rectification']);
    const centralRow = await central.query(
      'SELECT line2, postcode FROM reflect.addresses WHERE address_id = 901',
    );
    expect(centralRow.rows).toEqual([{ line2: 'Flat 3', postcode: 'LS2 2BB' }]);
  });
});
