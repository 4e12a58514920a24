import { DateTime } from 'luxon';
import {
  CLOSED_STATUSES,
  type CaseStatus,
  type Deadline,
  type DeadlineState,
  type Extension,
  type Jurisdiction,
  type Pause,
  type RequestType,
} from '../../shared/cases';

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

export const DEFAULT_DUE_SOON_DAYS = 7;

/** CCPA regulations §7026(f): an opt-out is acted on within 15 business days, with no extension. */
const CCPA_OPT_OUT_BUSINESS_DAYS = 15;
/** CCPA regulations §7021(a): confirm receipt within 10 business days. */
const CCPA_ACKNOWLEDGE_BUSINESS_DAYS = 10;
const CCPA_PERIOD_DAYS = 45;

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/**
 * The legal deadline of a case, counted in calendar days of the case's own time zone, so a request
 * received at 23:30 in Berlin is dated by Berlin's calendar whatever the desk's clock says.
 *
 * GDPR Art. 12(3): one month from receipt, ending on the same date of the following month, or on
 * its last day when that date does not exist (31 January gives 28 or 29 February), the rule of
 * Regulation 1182/71 on periods. An extension makes the period three months from receipt and is
 * possible only before the first month ends. Pauses (waiting for the requester to clarify who
 * they are) add the calendar days they lasted. Weekends and public holidays do not move the end.
 *
 * CCPA §1798.130: 45 days from receipt, one further 45 days with notice before the first period
 * ends; receipt confirmed within 10 business days. The CCPA has no pause: the clock runs during
 * verification.
 */
export function computeDeadline(
  facts: DeadlineFacts,
  now: Date,
  dueSoonDays = DEFAULT_DUE_SOON_DAYS,
): Deadline {
  const zone = isValidTimeZone(facts.timeZone) ? facts.timeZone : 'UTC';
  const received = DateTime.fromISO(facts.receivedAt, { zone }).startOf('day');
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const daysPaused = facts.jurisdiction === 'gdpr' ? pausedDays(facts.pauses, zone, today) : 0;
  const extended = facts.extension !== null;

  let firstPeriodEnd: DateTime;
  let dueDay: DateTime;
  let acknowledgeBy: DateTime | null = null;
  let extensionPossible = true;
  if (facts.jurisdiction === 'gdpr') {
    firstPeriodEnd = received.plus({ months: 1 }).plus({ days: daysPaused });
    dueDay = received.plus({ months: extended ? 3 : 1 }).plus({ days: daysPaused });
  } else if (facts.requestType === 'opt_out') {
    firstPeriodEnd = addBusinessDays(received, CCPA_OPT_OUT_BUSINESS_DAYS);
    dueDay = firstPeriodEnd;
    extensionPossible = false;
  } else {
    firstPeriodEnd = received.plus({ days: CCPA_PERIOD_DAYS });
    dueDay = received.plus({ days: CCPA_PERIOD_DAYS * (extended ? 2 : 1) });
    acknowledgeBy = addBusinessDays(received, CCPA_ACKNOWLEDGE_BUSINESS_DAYS).endOf('day');
  }

  const dueAt = dueDay.endOf('day');
  const firstPeriodEndsAt = firstPeriodEnd.endOf('day');
  const closed = CLOSED_STATUSES.has(facts.status);
  const daysLeft = Math.round(dueDay.diff(today, 'days').days);
  const extendBlockedBy = closed
    ? 'The case is closed.'
    : !extensionPossible
      ? 'An opt-out of sale or sharing cannot be extended (15 business days).'
      : extended
        ? 'The deadline was already extended once.'
        : DateTime.fromJSDate(now) > firstPeriodEndsAt
          ? 'An extension must be decided before the first period ends.'
          : null;

  return {
    dueAt: toIso(dueAt),
    dueDate: dueDay.toISODate() ?? '',
    firstPeriodEndsAt: toIso(firstPeriodEndsAt),
    daysPaused,
    state: deadlineState(facts, dueAt, daysLeft, now, dueSoonDays),
    daysLeft,
    acknowledgeBy: acknowledgeBy ? toIso(acknowledgeBy) : null,
    canExtend: extendBlockedBy === null,
    extendBlockedBy,
  };
}

function deadlineState(
  facts: DeadlineFacts,
  dueAt: DateTime,
  daysLeft: number,
  now: Date,
  dueSoonDays: number,
): DeadlineState {
  if (CLOSED_STATUSES.has(facts.status)) {
    const closedAt = facts.closedAt ? DateTime.fromISO(facts.closedAt) : DateTime.fromJSDate(now);
    return closedAt <= dueAt ? 'met' : 'missed';
  }
  if (facts.jurisdiction === 'gdpr' && facts.pauses.some((p) => p.to === null)) return 'paused';
  if (DateTime.fromJSDate(now) > dueAt) return 'overdue';
  return daysLeft <= dueSoonDays ? 'due_soon' : 'on_track';
}

/** Whole calendar days between each pause's first and last day; an open pause runs to today. */
function pausedDays(pauses: Pause[], zone: string, today: DateTime): number {
  let days = 0;
  for (const pause of pauses) {
    const from = DateTime.fromISO(pause.from, { zone }).startOf('day');
    const to = pause.to ? DateTime.fromISO(pause.to, { zone }).startOf('day') : today;
    days += Math.max(0, Math.round(to.diff(from, 'days').days));
  }
  return days;
}

/** Monday to Friday; public holidays differ by state and are not counted out. */
export function addBusinessDays(start: DateTime, count: number): DateTime {
  let day = start;
  let added = 0;
  while (added < count) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) added += 1;
  }
  return day;
}

function toIso(value: DateTime): string {
  return value.toUTC().toISO() ?? '';
}
