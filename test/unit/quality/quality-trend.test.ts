import { describe, expect, it } from 'vitest';
import { TREND_DAYS } from '../../../src/main/quality/quality-trend';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { writeCandidatePair, writeKnownCustomers } from '../../support/quality-replica';
import { writeBundles } from '../../support/synthetic-replica';
import { testServices } from '../../support/workspace';

describe('the data-quality trend', () => {
  it('keeps one snapshot per day, the day’s last, and drops days past the history kept', async () => {
    let clock = new Date('2027-03-01T08:00:00Z');
    const services = testServices(undefined, { now: () => clock });
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    const { raw } = services.workspace.requireOpen().replica;
    writeKnownCustomers(
      raw,
      [1, 2, 3, 4].map((id) => ({ id, name: `Person ${id}`, email: `p${id}@example.org` })),
    );
    const { quality, handlers } = services;
    await quality.recordSnapshot();
    writeCandidatePair(raw, 1, 2, 0.99);
    clock = new Date('2027-03-01T17:30:00Z');
    await quality.recordSnapshot();
    let trend = await handlers['quality:trend']({});
    expect(trend).toEqual([
      {
        day: '2027-03-01',
        recordedAt: '2027-03-01T17:30:00.000Z',
        customers: 4,
        likelyShare: 0.5,
        possibleShare: 0,
        invalidEmail: 0,
        invalidPhone: 0,
      },
    ]);
    // After a sync, the day's figures stand: the count is made once a day, not at every sync.
    writeCandidatePair(raw, 3, 4, 0.99);
    clock = new Date('2027-03-01T18:10:00Z');
    await quality.recordSnapshot('sync');
    expect((await handlers['quality:trend']({}))[0]?.recordedAt).toBe('2027-03-01T17:30:00.000Z');
    clock = new Date('2027-03-01T23:59:00Z');
    await quality.recordSnapshot('sync');
    expect((await handlers['quality:trend']({}))[0]?.recordedAt).toBe('2027-03-01T17:30:00.000Z');
    // An officer's duplicate check records the figures as they are now.
    await quality.recordSnapshot('check');
    expect((await handlers['quality:trend']({}))[0]).toMatchObject({
      recordedAt: '2027-03-01T23:59:00.000Z',
      likelyShare: 1,
    });
    clock = new Date('2027-03-02T00:10:00Z');
    await quality.recordSnapshot('sync');
    trend = await handlers['quality:trend']({});
    expect(trend.map((p) => p.day)).toEqual(['2027-03-01', '2027-03-02']);
    // The oldest day falls out once it is TREND_DAYS days back.
    clock = new Date(Date.parse('2027-03-01T12:00:00Z') + TREND_DAYS * 86_400_000);
    await quality.recordSnapshot();
    trend = await handlers['quality:trend']({});
    expect(trend.map((p) => p.day)).toEqual(['2027-03-02', clock.toISOString().slice(0, 10)]);
  });

  it('records the day’s figures when a duplicate check finishes', async () => {
    const clock = new Date('2027-05-04T10:00:00Z');
    const services = testServices(undefined, { now: () => clock });
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    const { raw } = services.workspace.requireOpen().replica;
    writeBundles(raw, generateCustomers({ customers: 600, seed: 3 }), ['addresses']);
    expect(await services.handlers['quality:trend']({})).toEqual([]);
    const run = await services.handlers['duplicates:check']({ kind: 'full' });
    expect(run.likely + run.possible).toBeGreaterThan(0);
    const trend = await services.handlers['quality:trend']({});
    const summary = await services.handlers['quality:summary']({});
    expect(trend).toEqual([
      {
        day: '2027-05-04',
        recordedAt: '2027-05-04T10:00:00.000Z',
        customers: summary.customers,
        likelyShare: summary.duplicates.likelyShare,
        possibleShare: summary.duplicates.possibleShare,
        invalidEmail: summary.invalid.email.count,
        invalidPhone: summary.invalid.phone.count,
      },
    ]);
    expect(summary.duplicates.likelyShare + summary.duplicates.possibleShare).toBeGreaterThan(0);
  });
});
