import { describe, expect, it } from 'vitest';
import { computeDeadline, type DeadlineFacts } from '../../../src/main/cases/deadlines';
import type { HolidayCalendar } from '../../../src/shared/cases';

/**
 * Periods that end on a weekend or public holiday end on the next working day: Regulation
 * 1182/71 Art. 3(4) for the GDPR, Cal. Code Civ. Proc. §12a for the CCPA, and CCPA business days
 * skip both. Three calendars: Bavaria (holidays of a German state), France, California.
 */
const calendar = (country: string, state: string | null = null, region: string | null = null) =>
  ({ country, state, region }) satisfies HolidayCalendar;
const BAVARIA = calendar('DE', 'BY');
const rules = (gdpr: HolidayCalendar | null, ccpa: HolidayCalendar | null = null) => ({
  dueSoonDays: 7,
  calendars: { gdpr, ccpa },
});

function gdpr(receivedAt: string, timeZone: string, extra: Partial<DeadlineFacts> = {}) {
  return {
    jurisdiction: 'gdpr' as const,
    requestType: 'access' as const,
    receivedAt,
    timeZone,
    status: 'in_progress' as const,
    extension: null,
    pauses: [],
    closedAt: null,
    ...extra,
  } satisfies DeadlineFacts;
}

const california = (receivedAt: string, extra: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  ...gdpr(receivedAt, 'America/Los_Angeles'),
  jurisdiction: 'ccpa',
  requestType: 'know',
  ...extra,
});

const at = (iso: string) => new Date(iso);

describe('GDPR deadlines in Germany (Bavaria)', () => {
  it('moves a period ending on a Bavarian holiday to the next working day, not elsewhere', () => {
    // One month from 4 May 2026 is Thursday 4 June, Corpus Christi: a holiday in Bavaria.
    const facts = gdpr('2026-05-04T09:00:00+02:00', 'Europe/Berlin');
    const bavaria = computeDeadline(facts, at('2026-05-05T09:00:00Z'), rules(BAVARIA));
    expect(bavaria.dueDate).toBe('2026-06-05');
    expect(bavaria.dueAt).toBe('2026-06-05T21:59:59.999Z');
    expect(bavaria.movedFrom).toEqual({ date: '2026-06-04', daysOff: ['Corpus Christi'] });
    expect(bavaria.calendarName).toBe('Germany, Bayern');
    // Berlin works that day: the same request is due on the 4th there.
    const berlin = computeDeadline(facts, at('2026-05-05T09:00:00Z'), rules(calendar('DE', 'BE')));
    expect(berlin.dueDate).toBe('2026-06-04');
    expect(berlin.movedFrom).toBeNull();
  });

  it('passes over the whole Easter weekend', () => {
    // One month from 3 March 2026 is Good Friday, 3 April; Easter Monday is off too.
    const due = computeDeadline(
      gdpr('2026-03-03T11:00:00+01:00', 'Europe/Berlin'),
      at('2026-03-04T09:00:00Z'),
      rules(BAVARIA),
    );
    expect(due.dueDate).toBe('2026-04-07');
    expect(due.movedFrom?.daysOff).toEqual(['Good Friday', 'Saturday', 'Sunday', 'Easter Monday']);
  });

  it("counts a local area's holiday: 15 August in Bavaria's catholic communities", () => {
    // One month from 15 July 2029 is Wednesday 15 August.
    const facts = gdpr('2029-07-15T10:00:00+02:00', 'Europe/Berlin');
    const now = at('2029-07-16T09:00:00Z');
    expect(computeDeadline(facts, now, rules(BAVARIA)).dueDate).toBe('2029-08-15');
    const catholic = computeDeadline(facts, now, rules(calendar('DE', 'BY', 'KATH')));
    expect(catholic.dueDate).toBe('2029-08-16');
    expect(catholic.movedFrom?.daysOff).toEqual(['Assumption']);
  });

  it('marks a reply on the Monday after a period ending on Saturday as on time', () => {
    // One month from 31 January 2026 is Saturday 28 February.
    const facts = gdpr('2026-01-31T10:00:00+01:00', 'Europe/Berlin', {
      status: 'fulfilled',
      closedAt: '2026-03-02T16:00:00Z',
    });
    const due = computeDeadline(facts, at('2026-03-10T09:00:00Z'), rules(BAVARIA));
    expect(due.dueDate).toBe('2026-03-02');
    expect(due.movedFrom).toEqual({ date: '2026-02-28', daysOff: ['Saturday', 'Sunday'] });
    expect(due.state).toBe('met');
    // Weekends move it whatever the calendar: the regulation names Saturday and Sunday.
    expect(computeDeadline(facts, at('2026-03-10T09:00:00Z'), rules(null)).state).toBe('met');
  });
});

describe('GDPR deadlines in France', () => {
  const FRANCE = rules(calendar('FR'));

  it('moves a period ending on 14 July to the 15th', () => {
    const due = computeDeadline(
      gdpr('2026-06-14T15:00:00+02:00', 'Europe/Paris'),
      at('2026-06-15T09:00:00Z'),
      FRANCE,
    );
    expect(due.dueDate).toBe('2026-07-15');
    expect(due.movedFrom).toEqual({ date: '2026-07-14', daysOff: ['Bastille Day'] });
  });

  it('still allows an extension on the working day after a first month ending on Ascension Day', () => {
    // One month from 14 April 2026 is Thursday 14 May, Ascension Day.
    const facts = gdpr('2026-04-14T10:00:00+02:00', 'Europe/Paris');
    const friday = computeDeadline(facts, at('2026-05-15T14:00:00Z'), FRANCE);
    expect(friday.firstPeriodEndsAt).toBe('2026-05-15T21:59:59.999Z');
    expect(friday.canExtend).toBe(true);
    const extended = computeDeadline(
      { ...facts, extension: { extendedAt: '2026-05-15T14:00:00Z' } },
      at('2026-05-15T14:00:00Z'),
      FRANCE,
    );
    // Three months from receipt: Tuesday 14 July is the holiday, so the 15th.
    expect(extended.dueDate).toBe('2026-07-15');
    expect(computeDeadline(facts, at('2026-05-15T22:00:00Z'), FRANCE).canExtend).toBe(false);
  });
});

describe('CCPA deadlines in California', () => {
  const CALIFORNIA = rules(null, calendar('US', 'CA'));

  it('moves 45 days ending on César Chávez Day to the next business day', () => {
    // 45 days from 14 February 2026 is Tuesday 31 March, a California state holiday.
    const due = computeDeadline(
      california('2026-02-14T18:00:00Z'),
      at('2026-02-15T00:00:00Z'),
      CALIFORNIA,
    );
    expect(due.dueDate).toBe('2026-04-01');
    expect(due.movedFrom?.daysOff).toEqual(['César Chávez Day']);
    expect(due.calendarName).toBe('United States of America, California');
  });

  it('counts business days around Thanksgiving and Martin Luther King Jr. Day', () => {
    // Received Friday 20 November 2026: Thanksgiving and the day after are not business days.
    const ack = computeDeadline(
      california('2026-11-20T18:00:00Z'),
      at('2026-11-21T00:00:00Z'),
      CALIFORNIA,
    );
    expect(ack.acknowledgeBy).toBe('2026-12-09T07:59:59.999Z');
    const weekendsOnly = computeDeadline(
      california('2026-11-20T18:00:00Z'),
      at('2026-11-21T00:00:00Z'),
      rules(null),
    );
    expect(weekendsOnly.acknowledgeBy).toBe('2026-12-05T07:59:59.999Z');

    // Fifteen business days for an opt-out from Monday 5 January 2026, MLK Day (19th) skipped.
    const optOut = computeDeadline(
      california('2026-01-05T17:00:00Z', { requestType: 'opt_out' }),
      at('2026-01-06T00:00:00Z'),
      CALIFORNIA,
    );
    expect(optOut.dueDate).toBe('2026-01-27');
    expect(optOut.movedFrom).toBeNull();
  });
});
