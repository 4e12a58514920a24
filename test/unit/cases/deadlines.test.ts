import { describe, expect, it } from 'vitest';
import {
  computeDeadline as computeWith,
  type DeadlineFacts,
  type DeadlineRules,
} from '../../../src/main/cases/deadlines';

/** Weekends only, so these tests are about the periods themselves; holidays have their own. */
const WEEKENDS: DeadlineRules = { dueSoonDays: 7, calendars: { gdpr: null, ccpa: null } };
const computeDeadline = (facts: DeadlineFacts, now: Date, dueSoonDays = 7) =>
  computeWith(facts, now, { ...WEEKENDS, dueSoonDays });

function gdpr(receivedAt: string, extra: Partial<DeadlineFacts> = {}): DeadlineFacts {
  return {
    jurisdiction: 'gdpr',
    requestType: 'access',
    receivedAt,
    timeZone: 'Europe/Berlin',
    status: 'in_progress',
    extension: null,
    pauses: [],
    closedAt: null,
    ...extra,
  };
}

function ccpa(receivedAt: string, extra: Partial<DeadlineFacts> = {}): DeadlineFacts {
  return { ...gdpr(receivedAt), jurisdiction: 'ccpa', requestType: 'know', ...extra };
}

const at = (iso: string) => new Date(iso);

describe('GDPR deadlines', () => {
  it('gives the last day of February for a request received on 31 January', () => {
    const due = computeDeadline(gdpr('2029-01-31T10:00:00+01:00'), at('2029-02-01T09:00:00Z'));
    expect(due.dueDate).toBe('2029-02-28');
    // The end of that day in Berlin (UTC+1 in winter).
    expect(due.dueAt).toBe('2029-02-28T22:59:59.999Z');
    expect(due.movedFrom).toBeNull();
    const leap = computeDeadline(gdpr('2028-01-31T10:00:00+01:00'), at('2028-02-01T09:00:00Z'));
    expect(leap.dueDate).toBe('2028-02-29');
  });

  it('ends on the same date of the next month otherwise', () => {
    expect(computeDeadline(gdpr('2026-03-15T08:00:00Z'), at('2026-03-15T09:00:00Z')).dueDate).toBe(
      '2026-04-15',
    );
    expect(computeDeadline(gdpr('2024-12-31T08:00:00Z'), at('2024-12-31T09:00:00Z')).dueDate).toBe(
      '2025-01-31',
    );
  });

  it("dates the receipt by the case's time zone, not by UTC", () => {
    // 23:30 UTC on 31 January is already 1 February in Berlin.
    const berlin = computeDeadline(gdpr('2029-01-31T23:30:00Z'), at('2029-02-02T00:00:00Z'));
    expect(berlin.dueDate).toBe('2029-03-01');
    const london = computeDeadline(
      gdpr('2029-01-31T23:30:00Z', { timeZone: 'Europe/London' }),
      at('2029-02-02T00:00:00Z'),
    );
    expect(london.dueDate).toBe('2029-02-28');
    expect(london.dueAt).toBe('2029-02-28T23:59:59.999Z');
  });

  it('keeps the end of day across a daylight-saving change', () => {
    const due = computeDeadline(gdpr('2026-03-28T12:00:00+01:00'), at('2026-03-28T12:00:00Z'));
    expect(due.dueDate).toBe('2026-04-28');
    expect(due.dueAt).toBe('2026-04-28T21:59:59.999Z');
  });

  it('extends to three months from receipt, only within the first month', () => {
    const facts = gdpr('2029-01-31T10:00:00+01:00');
    const lastMoment = computeDeadline(facts, at('2029-02-28T22:59:00Z'));
    expect(lastMoment.canExtend).toBe(true);
    expect(lastMoment.firstPeriodEndsAt).toBe('2029-02-28T22:59:59.999Z');
    const tooLate = computeDeadline(facts, at('2029-02-28T23:00:00Z'));
    expect(tooLate.canExtend).toBe(false);
    expect(tooLate.extendBlockedBy).toMatch(/before the first period ends/);

    const extended = computeDeadline(
      { ...facts, extension: { extendedAt: '2029-02-10T10:00:00Z' } },
      at('2029-02-10T10:00:00Z'),
    );
    expect(extended.dueDate).toBe('2029-04-30');
    expect(extended.canExtend).toBe(false);
    expect(extended.extendBlockedBy).toMatch(/already extended/);
  });

  it('shifts the clock by the days a pause lasted, and counts an open pause to today', () => {
    const closedPause = computeDeadline(
      gdpr('2026-03-02T09:00:00Z', {
        pauses: [{ reason: 'id', from: '2026-03-05T10:00:00Z', to: '2026-03-12T16:00:00Z' }],
      }),
      at('2026-03-13T09:00:00Z'),
    );
    expect(closedPause.daysPaused).toBe(7);
    expect(closedPause.dueDate).toBe('2026-04-09');
    expect(closedPause.state).toBe('on_track');

    const openPause = computeDeadline(
      gdpr('2026-03-02T09:00:00Z', {
        pauses: [{ reason: 'id', from: '2026-03-05T10:00:00Z', to: null }],
      }),
      at('2026-03-09T09:00:00Z'),
    );
    expect(openPause.daysPaused).toBe(4);
    expect(openPause.dueDate).toBe('2026-04-06');
    expect(openPause.state).toBe('paused');
  });

  it('reports due soon (configurable), overdue, met and missed', () => {
    const facts = gdpr('2026-03-15T08:00:00Z');
    expect(computeDeadline(facts, at('2026-04-01T08:00:00Z')).state).toBe('on_track');
    const soon = computeDeadline(facts, at('2026-04-08T08:00:00Z'));
    expect(soon.state).toBe('due_soon');
    expect(soon.daysLeft).toBe(7);
    expect(computeDeadline(facts, at('2026-04-08T08:00:00Z'), 3).state).toBe('on_track');
    const overdue = computeDeadline(facts, at('2026-04-16T08:00:00Z'));
    expect(overdue.state).toBe('overdue');
    expect(overdue.daysLeft).toBe(-1);
    const met = { ...facts, status: 'fulfilled' as const, closedAt: '2026-04-15T21:00:00Z' };
    expect(computeDeadline(met, at('2026-06-01T00:00:00Z')).state).toBe('met');
    const missed = { ...met, closedAt: '2026-04-15T22:00:00Z' };
    expect(computeDeadline(missed, at('2026-06-01T00:00:00Z')).state).toBe('missed');
  });
});

describe('CCPA deadlines', () => {
  const la = { timeZone: 'America/Los_Angeles' };

  it('gives 45 days, one extension of 45 more, and acknowledgement within 10 business days', () => {
    // Monday 5 January 2026.
    const facts = ccpa('2026-01-05T17:00:00Z', la);
    const due = computeDeadline(facts, at('2026-01-06T00:00:00Z'));
    expect(due.dueDate).toBe('2026-02-19');
    expect(due.acknowledgeBy).toBe('2026-01-20T07:59:59.999Z');
    expect(due.canExtend).toBe(true);
    const extended = computeDeadline(
      { ...facts, extension: { extendedAt: '2026-02-01T00:00:00Z' } },
      at('2026-02-01T00:00:00Z'),
    );
    // 90 days end on Sunday 5 April: the next business day is Monday.
    expect(extended.dueDate).toBe('2026-04-06');
    expect(extended.movedFrom).toEqual({ date: '2026-04-05', daysOff: ['Sunday'] });
    expect(extended.canExtend).toBe(false);
  });

  it('gives an opt-out 15 business days and no extension', () => {
    const due = computeDeadline(
      ccpa('2026-01-05T17:00:00Z', { ...la, requestType: 'opt_out' }),
      at('2026-01-06T00:00:00Z'),
    );
    expect(due.dueDate).toBe('2026-01-26');
    expect(due.canExtend).toBe(false);
    expect(due.extendBlockedBy).toMatch(/opt-out/);
  });

  it('does not stop the clock for pauses', () => {
    const due = computeDeadline(
      ccpa('2026-01-05T17:00:00Z', {
        ...la,
        pauses: [{ reason: 'id', from: '2026-01-06T17:00:00Z', to: '2026-01-16T17:00:00Z' }],
      }),
      at('2026-01-20T00:00:00Z'),
    );
    expect(due.daysPaused).toBe(0);
    expect(due.dueDate).toBe('2026-02-19');
  });
});
