import { DateTime } from 'luxon';
import {
  CLOSED_STATUSES,
  type CaseCalendars,
  type CaseStatus,
  type Deadline,
  type DeadlineState,
  type Extension,
  type Jurisdiction,
  type Pause,
  type RequestType,
} from '../../shared/cases';
import {
  addWorkingDays,
  onOrAfterWorkingDay,
  workingCalendar,
  type WorkingCalendar,
} from './working-days';

export interface DeadlineFacts {
  jurisdiction: Jurisdiction;
  requestType: RequestType;
  receivedAt: string;
  /** IANA zone the case is counted in: where the request was received. */
  timeZone: string;
  status: CaseStatus;
  extension: Pick<Extension, 'extendedAt'> | null;
  pauses: Pause[];
  closedAt: string | null;
}

/** What the organisation chose that changes a deadline or how it is shown. */
export interface DeadlineRules {
  /** Open cases due within this many days are "due soon". */
  dueSoonDays: number;
  /** Whose public holidays are not working days, per law. */
  calendars: CaseCalendars;
}

export const DEFAULT_DUE_SOON_DAYS = 7;

/**
 * CCPA regulations §7026(f) and §7027(e): an opt-out, and a request to limit the use of sensitive
 * personal information, are acted on within 15 business days, with no extension.
 */
const CCPA_OPT_OUT_BUSINESS_DAYS = 15;
/** CCPA regulations §7021(a): confirm receipt within 10 business days. */
const CCPA_ACKNOWLEDGE_BUSINESS_DAYS = 10;
const CCPA_PERIOD_DAYS = 45;

const validZones = new Map<string, boolean>();
export function isValidTimeZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = DateTime.local().setZone(zone).isValid;
    validZones.set(zone, valid);
  }
  return valid;
}

/**
 * The legal deadline of a case, counted in calendar days of the case's own time zone, so a request
 * received at 23:30 in Berlin is dated by Berlin's calendar whatever the desk's clock says.
 *
 * GDPR Art. 12(3): one month from receipt, ending on the same date of the following month, or on
 * its last day when that date does not exist (31 January gives 28 or 29 February), the rule of
 * Regulation 1182/71 on periods (Art. 3(2)(c)). An extension makes the period three months from
 * receipt and is possible only before the first month ends. Pauses (waiting for the requester to
 * clarify who they are) add the calendar days they lasted. A period whose last day is a Saturday,
 * Sunday or public holiday ends on the next working day instead (Art. 3(4)).
 *
 * CCPA §1798.130: 45 days from receipt, one further 45 days with notice before the first period
 * ends; a period ending on a weekend or holiday ends on the next business day (Cal. Code Civ.
 * Proc. §12a). Receipt is confirmed within 10 business days (regulations §7021) and an opt-out
 * is acted on within 15 (§7026(f)); business days skip weekends and the calendar's holidays. The
 * CCPA has no pause: the clock runs during verification.
 */
export function computeDeadline(facts: DeadlineFacts, now: Date, rules: DeadlineRules): Deadline {
  const zone = isValidTimeZone(facts.timeZone) ? facts.timeZone : 'UTC';
  const calendar = workingCalendar(rules.calendars[facts.jurisdiction]);
  // Calendar arithmetic runs on plain dates (UTC midnights, no zone rules: fast); only the few
  // conversions between an instant and a day of the case's zone consult the zone.
  const received = dayIn(facts.receivedAt, zone);
  const today = todayIn(now, zone);
  const daysPaused = facts.jurisdiction === 'gdpr' ? pausedDays(facts.pauses, zone, today) : 0;
  const extended = facts.extension !== null;
  const periods = periodEnds(facts, received, daysPaused, extended, calendar);
  const dueDay = periods.due.day;

  const dueAt = endOfDayIn(dueDay, zone);
  const firstPeriodEndsAt = endOfDayIn(periods.first.day, zone);
  const closed = CLOSED_STATUSES.has(facts.status);
  const daysLeft = Math.round((dueDay.toMillis() - today.toMillis()) / DAY_MS);
  const extendBlockedBy = closed
    ? 'The case is closed.'
    : !periods.extensionPossible
      ? 'An opt-out of sale or sharing, or a request to limit the use of sensitive information, cannot be extended (15 business days).'
      : extended
        ? 'The deadline was already extended once.'
        : now.getTime() > firstPeriodEndsAt
          ? `An extension must be decided before the first period ends, and it ended on ${readableDay(periods.first.day)}: answer the request by ${readableDay(dueDay)}.`
          : null;

  return {
    dueAt: new Date(dueAt).toISOString(),
    dueDate: dueDay.toISODate() ?? '',
    firstPeriodEndsAt: new Date(firstPeriodEndsAt).toISOString(),
    daysPaused,
    state: deadlineState(facts, dueAt, daysLeft, now, rules.dueSoonDays),
    daysLeft,
    acknowledgeBy: periods.acknowledgeBy
      ? new Date(endOfDayIn(periods.acknowledgeBy, zone)).toISOString()
      : null,
    canExtend: extendBlockedBy === null,
    extendBlockedBy,
    movedFrom:
      periods.due.passed.length > 0
        ? { date: periods.due.from.toISODate() ?? '', daysOff: periods.due.passed }
        : null,
    calendarName: calendar.name,
  };
}

interface PeriodEnd {
  /** The last day of the period, a working day. */
  day: DateTime;
  /** The day the period itself ended on, before moving past days off. */
  from: DateTime;
  passed: string[];
}

/** The ends of the first period and of the whole one, and when receipt must be confirmed. */
function periodEnds(
  facts: DeadlineFacts,
  received: DateTime,
  daysPaused: number,
  extended: boolean,
  calendar: WorkingCalendar,
): {
  first: PeriodEnd;
  due: PeriodEnd;
  acknowledgeBy: DateTime | null;
  extensionPossible: boolean;
} {
  const workingDayFrom = (end: DateTime): PeriodEnd => ({
    ...onOrAfterWorkingDay(calendar, end),
    from: end,
  });
  if (facts.jurisdiction === 'gdpr') {
    // Months first (31 January + 1 month is 28 February), then the days paused.
    const after = (months: number) => received.plus({ months }).plus({ days: daysPaused });
    const first = workingDayFrom(after(1));
    const due = extended ? workingDayFrom(after(3)) : first;
    return { first, due, acknowledgeBy: null, extensionPossible: true };
  }
  if (facts.requestType === 'opt_out' || facts.requestType === 'limit') {
    // Counted in business days, so it always ends on one.
    const day = addWorkingDays(calendar, received, CCPA_OPT_OUT_BUSINESS_DAYS);
    const end = { day, from: day, passed: [] };
    return { first: end, due: end, acknowledgeBy: null, extensionPossible: false };
  }
  const first = workingDayFrom(received.plus({ days: CCPA_PERIOD_DAYS }));
  const due = extended ? workingDayFrom(received.plus({ days: CCPA_PERIOD_DAYS * 2 })) : first;
  return {
    first,
    due,
    acknowledgeBy: addWorkingDays(calendar, received, CCPA_ACKNOWLEDGE_BUSINESS_DAYS),
    extensionPossible: true,
  };
}

const DAY_MS = 86_400_000;

/** "1 March 2027": a calendar day (already the case's own) for a message. */
const readableDay = (day: DateTime): string => day.setLocale('en-GB').toFormat('d LLLL yyyy');

/** The calendar day an instant falls on in `zone`, as a UTC midnight. */
function dayIn(iso: string, zone: string): DateTime {
  const local = DateTime.fromISO(iso, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/** Today in `zone`; a list computes thousands of deadlines against one clock and few zones. */
const todayCache = new Map<string, DateTime>();
function todayIn(now: Date, zone: string): DateTime {
  const key = `${zone}|${now.getTime()}`;
  let day = todayCache.get(key);
  if (!day) {
    if (todayCache.size > 64) todayCache.clear();
    day = dayIn(now.toISOString(), zone);
    todayCache.set(key, day);
  }
  return day;
}

/**
 * The last millisecond of a calendar day in `zone`, as epoch milliseconds. Cached by zone and day:
 * a team's cases fall due on a few hundred distinct days, and the zone lookup is the slow part.
 */
const endOfDayCache = new Map<string, number>();
function endOfDayIn(day: DateTime, zone: string): number {
  const key = `${zone}|${day.toMillis()}`;
  let end = endOfDayCache.get(key);
  if (end === undefined) {
    if (endOfDayCache.size > 20_000) endOfDayCache.clear();
    end = endOfDayInZone(day, zone);
    endOfDayCache.set(key, end);
  }
  return end;
}

function endOfDayInZone(day: DateTime, zone: string): number {
  return DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: 23,
      minute: 59,
      second: 59,
      millisecond: 999,
    },
    { zone },
  ).toMillis();
}

function deadlineState(
  facts: DeadlineFacts,
  dueAt: number,
  daysLeft: number,
  now: Date,
  dueSoonDays: number,
): DeadlineState {
  if (CLOSED_STATUSES.has(facts.status)) {
    const closedAt = facts.closedAt ? Date.parse(facts.closedAt) : now.getTime();
    return closedAt <= dueAt ? 'met' : 'missed';
  }
  if (facts.jurisdiction === 'gdpr' && facts.pauses.some((p) => p.to === null)) return 'paused';
  if (now.getTime() > dueAt) return 'overdue';
  return daysLeft <= dueSoonDays ? 'due_soon' : 'on_track';
}

/** Whole calendar days between each pause's first and last day; an open pause runs to today. */
function pausedDays(pauses: Pause[], zone: string, today: DateTime): number {
  let days = 0;
  for (const pause of pauses) {
    const from = dayIn(pause.from, zone);
    const to = pause.to ? dayIn(pause.to, zone) : today;
    days += Math.max(0, Math.round((to.toMillis() - from.toMillis()) / DAY_MS));
  }
  return days;
}
