import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOperation } from '../../../src/main/central/operations';
import { policyPayload } from '../../../src/main/rights/erasure-policy-store';
import { erasurePolicyProblem, type ErasurePolicy } from '../../../src/shared/erasure-policies';
import { AppError } from '../../../src/shared/errors';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { startTcpProxy } from '../../support/tcp-proxy';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

async function desk(url: string, name: string) {
  const services = testServices(join(tempDir(), name));
  await services.workspace.create({ name, keyMode: 'keychain' });
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  return services;
}

const base: ErasurePolicy = {
  table: 'reflect.orders',
  strategy: 'retain',
  columns: {},
  legalBasis: 'tax law',
  retainYears: 10,
  retainFrom: 'placed_at',
  thenStrategy: 'delete',
};

/** One table of policies central refuses, and why: the desk must refuse each in the same words. */
const REFUSED: [what: string, policy: ErasurePolicy, reason: RegExp][] = [
  ['the person’s own table', { ...base, table: 'reflect.customers' }, /always deleted/],
  ['no legal basis', { ...base, legalBasis: ' ' }, /needs the legal basis/],
  ['no years', { ...base, retainYears: null }, /needs the legal basis/],
  ['zero years', { ...base, retainYears: 0 }, /1 to 100 years/],
  ['five hundred years', { ...base, retainYears: 500 }, /1 to 100 years/],
  ['a start that is not a date', { ...base, retainFrom: 'status' }, /no date column status/],
  ['a start that does not exist', { ...base, retainFrom: 'nope' }, /no date column nope/],
  [
    'an unknown column',
    { ...base, strategy: 'anonymise', columns: { nope: 'null' } },
    /has no column nope/,
  ],
  [
    'a NOT NULL column emptied',
    { ...base, table: 'reflect.consents', strategy: 'anonymise', columns: { purpose: 'null' } },
    /cannot be emptied \(NOT NULL\)/,
  ],
  [
    'a number hashed',
    { ...base, strategy: 'anonymise', columns: { total_cents: 'hash' } },
    /is not text/,
  ],
  [
    'an unknown rule',
    { ...base, strategy: 'anonymise', columns: { status: 'scramble' } },
    /is not a rule/,
  ],
];

describe('erasure policies from the desk', () => {
  it('refuses what central refuses, in the same words, and central refuses it too', async () => {
    const { database, central } = await centralWithClient();
    const admin = await database.connect(await createLoginRole(database, 'reflect_admin'));
    const columnsOf = async (table: string) =>
      (
        await central.query<{ name: string; type: string; notNull: boolean }>(
          `SELECT attname AS name, format_type(atttypid, atttypmod) AS type, attnotnull AS "notNull"
           FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
          [table],
        )
      ).rows;
    for (const [what, policy, reason] of REFUSED) {
      const desk = erasurePolicyProblem(policy, await columnsOf(policy.table));
      const outcome = await applyOperation(admin, {
        opId: randomUUID(),
        kind: 'erasure.set-policy',
        payload: policyPayload(policy),
      });
      expect(outcome, what).toMatchObject({ status: 'rejected' });
      const said = (outcome as { reason: string }).reason;
      expect(said, what).toMatch(reason);
      expect(desk, what).toBe(said);
    }
    // Sent as text, the years are refused as a rule, not as a database error.
    const asText = await applyOperation(admin, {
      opId: randomUUID(),
      kind: 'erasure.set-policy',
      payload: { ...policyPayload(base), retain_years: 'ten' },
    });
    expect(asText).toMatchObject({
      status: 'rejected',
      reason: 'rows are kept for 1 to 100 years',
    });
    expect(erasurePolicyProblem(base, await columnsOf('reflect.orders'))).toBeNull();
  });

  it('lists, sets and removes with an administrator’s login, and refuses any other login clearly', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 2);
    await central.query(
      `CREATE TABLE reflect.loyalty_cards (card_id bigint PRIMARY KEY,
         customer_id bigint NOT NULL REFERENCES reflect.customers, holder text, issued_on date)`,
    );
    const adminDesk = await desk(await createLoginRole(database, 'reflect_admin'), 'admin');
    const officerDesk = await desk(await createLoginRole(database, 'reflect_officer'), 'officer');

    const first = await adminDesk.rights.erasurePolicies();
    expect(first.canChange).toBe(true);
    expect(first.withoutPolicy).toEqual(['reflect.loyalty_cards']);
    expect(first.policies.map((p) => p.table)).toContain('reflect.orders');
    expect(first.columns['reflect.loyalty_cards']?.map((c) => c.name)).toEqual([
      'card_id',
      'customer_id',
      'holder',
      'issued_on',
    ]);

    // The desk's own check answers before central is asked.
    await expect(
      adminDesk.rights.setErasurePolicy({
        ...base,
        table: 'reflect.loyalty_cards',
        retainFrom: 'holder',
      }),
    ).rejects.toThrow(
      'Not saved: reflect.loyalty_cards has no date column holder to count the retention from.',
    );
    const saved = await adminDesk.rights.setErasurePolicy({
      ...base,
      table: 'reflect.loyalty_cards',
      retainYears: 3,
      retainFrom: 'issued_on',
      thenStrategy: 'anonymise',
      columns: { holder: 'fixed:erased' },
    });
    expect(saved.withoutPolicy).toEqual([]);
    expect(saved.policies.find((p) => p.table === 'reflect.loyalty_cards')).toMatchObject({
      strategy: 'retain',
      retainYears: 3,
      retainFrom: 'issued_on',
      thenStrategy: 'anonymise',
      columns: { holder: 'fixed:erased' },
    });
    const audited = (await adminDesk.workspace.requireOpen().audit.list({ limit: 10 })).map((e) => [
      e.action,
      e.details,
    ]);
    expect(audited).toContainEqual([
      'erasure.policy-set',
      { table: 'reflect.loyalty_cards', strategy: 'retain', columns: ['holder'] },
    ]);

    // An officer reads the policies but changes none; central would refuse it as well.
    const seen = await officerDesk.rights.erasurePolicies();
    expect(seen.canChange).toBe(false);
    expect(seen.withoutPolicy).toBeNull();
    expect(seen.policies.map((p) => p.table)).toContain('reflect.loyalty_cards');
    await expect(officerDesk.rights.removeErasurePolicy('reflect.loyalty_cards')).rejects.toThrow(
      /^Only an administrator's login can change erasure policies; this desk logs in to central as "officer_/,
    );

    const removed = await adminDesk.rights.removeErasurePolicy('reflect.loyalty_cards');
    expect(removed.withoutPolicy).toEqual(['reflect.loyalty_cards']);
    await expect(adminDesk.rights.removeErasurePolicy('reflect.loyalty_cards')).rejects.toThrow(
      'Central refused: reflect.loyalty_cards has no erasure policy.',
    );
  });

  it('tells an officer whose desk is offline that a right’s action needs central now, and queues nothing', async () => {
    const { database } = await centralWithClient();
    const url = new URL(await createLoginRole(database, 'reflect_admin'));
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    const services = await desk(proxy.through(url.toString()), 'offline');
    await proxy.close();
    const error = await services.rights.erasurePolicies().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('OFFLINE');
    expect((error as AppError).message).toMatch(
      /This needs central to answer now, because central decides what cannot be undone: nothing was done or queued\. Try again once the desk is connected/,
    );
    expect((error as AppError).message).not.toMatch(/outbox/);
  });
});
