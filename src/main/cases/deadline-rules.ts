import { DateTime } from 'luxon';
import type { Deadline } from '../../shared/cases';
import type { DeadlineFacts } from './deadlines';

/**
 * A time given as "when the requester was told" may run ahead of the desk's clock by this much
 * (a clock a little fast, a minute typed ahead); more is a date in the future, not a slip.
 */
export const NOTICE_CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * Why the requester cannot have been told of an extension at `informedAt`, or null. GDPR Art.
 * 12(3) and CCPA §1798.130(a)(2) both want the notice given within the first period: after the
 * request arrived and before that period ended; and a notice not yet given cannot be recorded.
 * Central checks the same (central/migrations/010-deadline-checks.ts).
 */
export function extensionNoticeProblem(
  facts: Pick<DeadlineFacts, 'receivedAt' | 'timeZone'>,
  informedAt: string,
  deadline: Pick<Deadline, 'firstPeriodEndsAt'>,
  now: Date,
): string | null {
  const told = Date.parse(informedAt);
  const when = (iso: string) => moment(iso, facts.timeZone);
  if (told > now.getTime() + NOTICE_CLOCK_TOLERANCE_MS) {
    return `The requester cannot have been told on ${when(informedAt)}: that is in the future. Tell them first, then record the extension with the time you told them.`;
  }
  if (told < Date.parse(facts.receivedAt)) {
    return `The requester was told on ${when(informedAt)}, before the request was received (${when(facts.receivedAt)}). Check the date and time you entered.`;
  }
  if (told > Date.parse(deadline.firstPeriodEndsAt)) {
    return `The requester must be told of an extension within the first period, which ended on ${when(deadline.firstPeriodEndsAt)}; a notice given on ${when(informedAt)} is too late, so the original deadline stands.`;
  }
  return null;
}

/**
 * Why the clock cannot be paused now, or null. A pause only stops a clock that is still running:
 * once the deadline has passed the answer is late, and no pause can make it timely again.
 * Central checks the same (central/migrations/010-deadline-checks.ts).
 */
export function pauseProblem(
  facts: Pick<DeadlineFacts, 'timeZone'>,
  deadline: Pick<Deadline, 'dueAt'>,
  now: Date,
): string | null {
  if (now.getTime() <= Date.parse(deadline.dueAt)) return null;
  return `The deadline passed on ${moment(deadline.dueAt, facts.timeZone)}, so the clock can no longer be paused. Answer the request as soon as you can, and note on the case why the answer is late.`;
}

/** A moment as the case's time zone reads it, e.g. "1 March 2027, 23:59 (Europe/Berlin)". */
function moment(iso: string, zone: string): string {
  const local = DateTime.fromISO(iso, { zone });
  return `${local.setLocale('en-GB').toFormat('d LLLL yyyy, HH:mm')} (${zone})`;
}
