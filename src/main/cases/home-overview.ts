import { CLOSED_STATUSES, type CaseSummary, type HomeOverview } from '../../shared/cases';
import type { SqliteDatabase } from '../db/open';
import { loadAllCases, pendingCaseIds } from './case-record';
import type { DeadlineRules } from './deadlines';
import { toSummary } from './case-views';

/** Lists on the start screen are short: the Cases screen has the rest. */
const MAX_LISTED = 20;

/**
 * What is due for `officer`: their open cases overdue, due today and due within a week (by the
 * deadline's own calendar days in the case's time zone), open cases with no one assigned, and
 * cases others sent for approval, each list soonest due first.
 */
export function homeOverview(
  db: SqliteDatabase,
  officer: string,
  now: Date,
  rules: DeadlineRules,
): HomeOverview {
  const pending = pendingCaseIds(db);
  // Each open case is read once, with what four eyes needs (who asked for the approval).
  const records = loadAllCases(db).filter((r) => !CLOSED_STATUSES.has(r.status));
  const askedBy = new Map(records.map((r) => [r.caseId, r.approval?.requestedBy ?? null]));
  const open = records
    .map((r) => toSummary(r, now, rules, pending.has(r.caseId)))
    .sort((a, b) => a.deadline.dueAt.localeCompare(b.deadline.dueAt));
  const mine = open.filter((c) => c.assignee === officer);
  const listed = (cases: CaseSummary[]) => cases.slice(0, MAX_LISTED);
  return {
    at: now.toISOString(),
    officer,
    mine: {
      overdue: listed(mine.filter((c) => c.deadline.daysLeft < 0)),
      dueToday: listed(mine.filter((c) => c.deadline.daysLeft === 0)),
      dueThisWeek: listed(mine.filter((c) => c.deadline.daysLeft >= 1 && c.deadline.daysLeft <= 7)),
    },
    unassigned: listed(open.filter((c) => c.assignee === null)),
    awaitingMyApproval: listed(
      open.filter((c) => c.status === 'awaiting_approval' && askedBy.get(c.caseId) !== officer),
    ),
    overdueTotal: open.filter((c) => c.deadline.daysLeft < 0).length,
    openTotal: open.length,
  };
}
