import { DateTime } from 'luxon';
import {
  ALL_REQUEST_TYPES,
  CASE_STATUSES,
  CLOSED_STATUSES,
  type CaseDashboard,
  type CaseSummary,
} from '../../shared/cases';

const MONTHS_SHOWN = 12;

/**
 * The figures a privacy lead reports on: how many requests are open and where, what falls due
 * this week, the share closed on time, and how long closing takes. Months are counted in the
 * desk's zone; each case's own deadline is already in its own zone.
 */
export function caseDashboard(cases: CaseSummary[], now: Date, zone: string): CaseDashboard {
  const open = cases.filter((c) => !CLOSED_STATUSES.has(c.status));
  const closed = cases.filter((c) => CLOSED_STATUSES.has(c.status) && c.closedAt !== null);
  const fulfilled = closed.filter((c) => c.status === 'fulfilled' || c.status === 'rejected');
  const onTime = fulfilled.filter((c) => c.deadline.state === 'met').length;
  const daysToClose = fulfilled
    .map(
      (c) => DateTime.fromISO(c.closedAt ?? '').diff(DateTime.fromISO(c.receivedAt), 'days').days,
    )
    .filter((d) => Number.isFinite(d))
    .sort((a, b) => a - b);

  const thisMonth = DateTime.fromJSDate(now, { zone }).startOf('month');
  const months = Array.from({ length: MONTHS_SHOWN }, (_, i) =>
    thisMonth.minus({ months: MONTHS_SHOWN - 1 - i }).toFormat('yyyy-MM'),
  );
  const byMonth = new Map(
    months.map((m) => [m, { month: m, received: 0, closedOnTime: 0, closedLate: 0 }]),
  );
  for (const c of cases) {
    const month = byMonth.get(DateTime.fromISO(c.receivedAt, { zone }).toFormat('yyyy-MM'));
    if (!month) continue;
    month.received += 1;
    if (c.deadline.state === 'met') month.closedOnTime += 1;
    if (c.deadline.state === 'missed') month.closedLate += 1;
  }

  return {
    open: open.length,
    openByStatus: CASE_STATUSES.filter((s) => !CLOSED_STATUSES.has(s)).map((status) => ({
      status,
      count: open.filter((c) => c.status === status).length,
    })),
    dueThisWeek: open.filter((c) => c.deadline.daysLeft >= 0 && c.deadline.daysLeft <= 7).length,
    overdue: open.filter((c) => c.deadline.state === 'overdue').length,
    closed: closed.length,
    onTimeRate: fulfilled.length === 0 ? null : onTime / fulfilled.length,
    medianDaysToClose: daysToClose.length === 0 ? null : round1(median(daysToClose)),
    byMonth: [...byMonth.values()],
    byType: ALL_REQUEST_TYPES.map((requestType) => ({
      requestType,
      count: cases.filter((c) => c.requestType === requestType).length,
    })).filter((t) => t.count > 0),
  };
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
