import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import type { QualitySummary } from '../../../src/shared/quality';
import { writeCandidatePair, writeKnownCustomers } from '../../support/quality-replica';
import { testServices } from '../../support/workspace';

const GB = { lines: ['1 High Street'], country: 'GB' };

/** Known gaps: every missing and invalid value below is counted by hand in the expectations. */
async function deskWithKnownRecords() {
  const services = testServices();
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  const { raw } = services.workspace.requireOpen().replica;
  writeKnownCustomers(raw, [
    {
      id: 1,
      name: 'Zoë Quiñones',
      email: 'zoe@example.org',
      phone: '+44 20 7946 0958',
      attributes: { given_name: 'Zoë', family_name: 'Quiñones', date_of_birth: '1990-04-01' },
      address: GB,
    },
    {
      id: 2,
      name: '王小明',
      // Internationalised: valid, though plain ASCII rules would refuse it.
      email: '小明@例子.中国',
      // Valid only when read in the address's country (no country code).
      phone: '020 7946 0958',
      attributes: { given_name: '小明', family_name: '王' },
      address: GB,
    },
    {
      id: 3,
      // Whitespace of other scripts is still nothing: ideographic and no-break spaces.
      name: ' \u3000 ',
      email: '\u00a0',
      phone: '   ',
      attributes: { given_name: '\t', date_of_birth: '' },
      address: { lines: ['   '], country: 'DE' },
    },
    {
      id: 4,
      name: 'Ольга Иванова',
      email: 'olga@@example.ru',
      phone: '12',
      attributes: { birth_date: '1970-01-01' },
    },
    {
      id: 5,
      name: 'Ana Souza',
      email: 'ana@example.com.br',
      // No country code and no address: valid only with the organisation's country (GB).
      phone: '020 7946 0959',
      address: { lines: [], country: 'BR' },
    },
    { id: 6, name: 'Merged Away', mergedInto: 1 },
  ]);
  return { ...services, raw };
}

const gap = (summary: QualitySummary, field: string) =>
  summary.missing.find((m) => m.field === field);

describe('data quality over the replica', () => {
  it('counts blank and whitespace-only values as missing, in any script, and leaves merged records out', async () => {
    const { handlers } = await deskWithKnownRecords();
    const summary = await handlers['quality:summary']({});
    expect(summary.customers).toBe(5);
    expect(gap(summary, 'full_name')).toEqual({ field: 'full_name', missing: 1, share: 0.2 });
    expect(gap(summary, 'email')?.missing).toBe(1);
    expect(gap(summary, 'phone')?.missing).toBe(1);
    expect(gap(summary, 'given_name')?.missing).toBe(3);
    expect(gap(summary, 'family_name')?.missing).toBe(3);
    // date_of_birth or birth_date, whichever the record has.
    expect(gap(summary, 'birth_date')?.missing).toBe(3);
    expect(gap(summary, 'postal_address')?.missing).toBe(3);
    const ids = async (metric: string) =>
      (
        await handlers['quality:records']({
          metric: metric as 'missing:email',
          offset: 0,
          limit: 50,
        })
      ).records.map((r) => r.customerId);
    expect(await ids('missing:full_name')).toEqual([3]);
    expect(await ids('missing:postal_address')).toEqual([3, 4, 5]);
  });

  it('checks email shapes and phone numbers as intake does, reading a bare number in its region', async () => {
    const { handlers, cases } = await deskWithKnownRecords();
    let summary = await handlers['quality:summary']({});
    expect(summary.invalid.email).toEqual({ count: 1, checked: 4 });
    // Without an organisation country, customer 5's bare national number cannot be read.
    expect(summary.invalid.phone).toEqual({ count: 2, checked: 4 });
    const page = await handlers['quality:records']({
      metric: 'invalid:phone',
      offset: 0,
      limit: 50,
    });
    expect(page.records).toEqual([
      { customerId: 4, name: 'Ольга Иванова' },
      { customerId: 5, name: 'Ana Souza' },
    ]);
    const settings = cases.settings();
    cases.saveSettings({
      ...settings,
      calendars: { ...settings.calendars, gdpr: { country: 'GB', state: null, region: null } },
    });
    summary = await handlers['quality:summary']({});
    expect(summary.invalid.phone).toEqual({ count: 1, checked: 4 });
  });

  it('counts the records in open clusters by the band of their strongest pair', async () => {
    const { handlers, raw } = await deskWithKnownRecords();
    writeCandidatePair(raw, 1, 2, 0.97);
    // Joined to the likely cluster through record 2, so counted there.
    writeCandidatePair(raw, 2, 3, 0.6);
    writeCandidatePair(raw, 4, 5, 0.7);
    // A merged record's pair and a dismissed pair are not open.
    writeCandidatePair(raw, 1, 6, 0.99);
    writeCandidatePair(raw, 3, 5, 0.99);
    raw
      .prepare(
        `INSERT INTO dedupe_decisions (a, b, decision, decided_by, decided_at)
         VALUES (3, 5, 'different', 'x', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    const { duplicates } = await handlers['quality:summary']({});
    expect(duplicates).toMatchObject({
      likely: 3,
      possible: 2,
      likelyShare: 0.6,
      possibleShare: 0.4,
    });
    const likely = await handlers['quality:records']({
      metric: 'duplicates:likely',
      offset: 1,
      limit: 5,
    });
    expect(likely).toMatchObject({ total: 3, offset: 1 });
    expect(likely.records.map((r) => r.customerId)).toEqual([2, 3]);
  });

  it('refuses a page beyond the bounds or an unknown figure, and audits every page it shows', async () => {
    const { handlers, raw } = await deskWithKnownRecords();
    const ask = (input: unknown) => dispatch(handlers, 'quality:records', input);
    for (const input of [
      { metric: 'missing:email', limit: 1_000_000_000 },
      { metric: 'missing:email', limit: 0 },
      { metric: 'missing:email', offset: -1 },
      { metric: 'missing:email', offset: 0.5 },
      { metric: 'customers.name' },
      { metric: 'missing:name; DROP TABLE customers' },
      { metric: 'missing:email', extra: true },
    ]) {
      const result = await ask(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
    const far = await ask({ metric: 'missing:email', offset: 9_000_000 });
    expect(far).toEqual({
      ok: true,
      value: { metric: 'missing:email', total: 1, offset: 9_000_000, records: [] },
    });
    const shown = await ask({ metric: 'invalid:email' });
    expect(shown.ok).toBe(true);
    const audited = raw
      .prepare(`SELECT actor, details FROM audit_log WHERE action = 'quality.records-shown'`)
      .all() as { actor: string; details: string }[];
    // The empty page revealed no one and is not an entry; the shown one names its record.
    expect(audited.map((a) => JSON.parse(a.details) as unknown)).toEqual([
      { metric: 'invalid:email', offset: 0, shown: 1, customerIds: [4] },
    ]);
    expect(audited[0]?.actor).toBe('officer.test');
  });

  it('counts again once a record changes, and an empty replica reads as zero', async () => {
    const services = testServices();
    await services.workspace.create({ name: 'Empty', keyMode: 'keychain' });
    const empty = await services.handlers['quality:summary']({});
    expect(empty.customers).toBe(0);
    expect(empty.missing.map((m) => m.share)).toEqual([0, 0, 0, 0]);
    expect(empty.duplicates).toMatchObject({ likely: 0, likelyShare: 0, lastCheckAt: null });
    const { raw } = services.workspace.requireOpen().replica;
    writeKnownCustomers(raw, [{ id: 1, name: 'Only One', email: 'bad' }]);
    const after = await services.handlers['quality:summary']({});
    expect(after.customers).toBe(1);
    expect(after.invalid.email.count).toBe(1);
  });
});

describe('a count of a larger replica', () => {
  it('says how far it has got between its batches, and the figures add up', async () => {
    const progress: { done: number; total: number }[] = [];
    const services = testServices(undefined, { onQualityProgress: (p) => progress.push(p) });
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    const { raw } = services.workspace.requireOpen().replica;
    writeKnownCustomers(
      raw,
      Array.from({ length: 2500 }, (_, i) => ({
        id: i + 1,
        name: `Person ${i + 1}`,
        ...(i % 10 === 0 ? {} : { email: `p${i + 1}@example.org` }),
      })),
    );
    // Asked twice at once (two windows, a check finishing): one count serves both.
    const [summary, same] = await Promise.all([
      services.handlers['quality:summary']({}),
      services.handlers['quality:summary']({}),
    ]);
    expect(same).toEqual(summary);
    expect(summary.customers).toBe(2500);
    expect(summary.missing.find((m) => m.field === 'email')?.missing).toBe(250);
    expect(progress).toEqual([
      { done: 1000, total: 2500 },
      { done: 2000, total: 2500 },
    ]);
  });
});

describe('a count when the workspace is locked', () => {
  it('stops between batches and says so, and counts afresh after unlocking', async () => {
    const locking: { done?: Promise<unknown> } = {};
    const services = testServices(undefined, {
      onQualityProgress: () => {
        locking.done ??= services.workspace.lock('officer');
      },
    });
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    writeKnownCustomers(
      services.workspace.requireOpen().replica.raw,
      Array.from({ length: 2500 }, (_, i) => ({ id: i + 1, name: `Person ${i + 1}` })),
    );
    const result = await dispatch(services.handlers, 'quality:summary', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'WORKSPACE_LOCKED' } });
    await locking.done;
    await services.workspace.unlock({});
    const summary = await services.handlers['quality:summary']({});
    expect(summary.customers).toBe(2500);
  });
});
