import { requesterLocaleOf } from '../requester/requester-of-case';
import {
  CASE_STATUSES,
  type CaseCommunication,
  type CaseDetail,
  type CaseEvent,
  type CaseFilters,
  type CaseList,
  type CaseStatus,
  type CaseSummary,
  type Deadline,
  type TemplateKind,
} from '../../shared/cases';
import type { SqliteDatabase } from '../db/open';
import { loadAllCases, pendingCaseIds, type CaseRecord } from './case-record';
import { needsApproval, transitionProblem } from './case-rules';
import { computeDeadline, type DeadlineRules } from './deadlines';
import { calendarKey } from './working-days';
import { confirmedActions, fulfilmentMissing } from '../rights/case-fulfilment';

export function toSummary(
  record: CaseRecord,
  now: Date,
  rules: DeadlineRules,
  pending: boolean,
): CaseSummary {
  return {
    caseId: record.caseId,
    reference: record.reference,
    jurisdiction: record.jurisdiction,
    requestType: record.requestType,
    status: record.status,
    channel: record.channel,
    requesterName:
      record.requester.names[0] ?? record.requester.emails[0] ?? record.requester.phones[0] ?? '',
    receivedAt: record.receivedAt,
    timeZone: record.timeZone,
    assignee: record.assignee,
    priority: record.priority,
    tags: record.tags,
    subjectIds: record.subjectIds,
    deadline: deadlineOf(record, now, rules),
    closedAt: record.closedAt,
    pending,
    version: record.version,
  };
}

/**
 * Deadlines by case version and minute: the list is recomputed as the officer types a filter, and
 * a case's deadline changes only with the case (its version), the clock (checked per minute) or
 * the settings (warning horizon, holiday calendar).
 */
const deadlines = new Map<string, Deadline>();
function deadlineOf(record: CaseRecord, now: Date, rules: DeadlineRules): Deadline {
  const calendar = calendarKey(rules.calendars[record.jurisdiction]);
  const minute = Math.floor(now.getTime() / 60_000);
  const key = `${record.caseId}|${record.version}|${minute}|${rules.dueSoonDays}|${calendar}`;
  let deadline = deadlines.get(key);
  if (!deadline) {
    if (deadlines.size > 100_000) deadlines.clear();
    deadline = computeDeadline(record, now, rules);
    deadlines.set(key, deadline);
  }
  return deadline;
}

/** Every case with its deadline, soonest due first (closed cases after open ones). */
export function allSummaries(db: SqliteDatabase, now: Date, rules: DeadlineRules): CaseSummary[] {
  const pending = pendingCaseIds(db);
  return loadAllCases(db)
    .map((r) => toSummary(r, now, rules, pending.has(r.caseId)))
    .sort(byDueDate);
}

function byDueDate(a: CaseSummary, b: CaseSummary): number {
  const closedA = a.closedAt !== null ? 1 : 0;
  const closedB = b.closedAt !== null ? 1 : 0;
  if (closedA !== closedB) return closedA - closedB;
  return a.deadline.dueAt.localeCompare(b.deadline.dueAt) || a.caseId.localeCompare(b.caseId);
}

export function listCases(
  db: SqliteDatabase,
  filters: CaseFilters,
  now: Date,
  rules: DeadlineRules,
): CaseList {
  const all = allSummaries(db, now, rules);
  const text = filters.text.trim().toLowerCase();
  const textHits = text ? textMatches(db, text) : null;
  // Counts by status are over every other filter, so they say what choosing a status would show.
  const beforeStatus = all.filter(
    (c) =>
      (filters.requestTypes.length === 0 || filters.requestTypes.includes(c.requestType)) &&
      (filters.jurisdictions.length === 0 || filters.jurisdictions.includes(c.jurisdiction)) &&
      (filters.assignee === null ||
        (filters.assignee === '' ? c.assignee === null : c.assignee === filters.assignee)) &&
      (filters.dueWithinDays === null ||
        (c.closedAt === null && c.deadline.daysLeft <= filters.dueWithinDays)) &&
      (!filters.overdueOnly || c.deadline.state === 'overdue') &&
      (textHits === null || textHits.has(c.caseId)),
  );
  const byStatus: CaseList['byStatus'] = {};
  for (const c of beforeStatus) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  const cases = beforeStatus.filter(
    (c) => filters.statuses.length === 0 || filters.statuses.includes(c.status),
  );
  return {
    cases,
    byStatus,
    overdue: cases.filter((c) => c.deadline.state === 'overdue').length,
    dueSoon: cases.filter((c) => c.deadline.state === 'due_soon').length,
    total: cases.length,
    assignees: [
      ...new Set(all.map((c) => c.assignee).filter((a): a is string => a !== null)),
    ].sort(),
    dueSoonDays: rules.dueSoonDays,
  };
}

/** Cases whose reference or requester (names, emails, phones) contains the text. */
function textMatches(db: SqliteDatabase, text: string): Set<string> {
  const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return new Set(
    db
      .prepare(
        `SELECT case_id FROM cases
         WHERE lower(coalesce(reference, '')) LIKE ? ESCAPE '\\' OR lower(requester) LIKE ? ESCAPE '\\'`,
      )
      .pluck()
      .all(like, like) as string[],
  );
}

export function caseDetail(
  db: SqliteDatabase,
  record: CaseRecord,
  context: { now: Date; rules: DeadlineRules; officer: string },
): CaseDetail {
  const pending = pendingCaseIds(db).has(record.caseId);
  const pendingEvents = new Set(
    db
      .prepare(`SELECT pk FROM outbox_rows WHERE table_name = 'case_events'`)
      .pluck()
      .all() as string[],
  );
  const events = db
    .prepare(
      // Entries of the same moment keep the order they were written in (rowid).
      `SELECT event_id, occurred_at, actor, kind, details FROM case_events
       WHERE case_id = ? ORDER BY occurred_at, rowid`,
    )
    .all(record.caseId) as {
    event_id: string;
    occurred_at: string;
    actor: string;
    kind: string;
    details: string;
  }[];
  const timeline: CaseEvent[] = events.map((e) => ({
    eventId: e.event_id,
    occurredAt: e.occurred_at,
    actor: e.actor,
    kind: e.kind,
    details: JSON.parse(e.details) as Record<string, unknown>,
    pending: pendingEvents.has(e.event_id),
  }));
  const communications: CaseCommunication[] = timeline
    .filter((e) => e.kind === 'communication')
    .map((e) => ({
      eventId: e.eventId,
      sentAt: (e.details.sentAt as string | undefined) ?? e.occurredAt,
      actor: e.actor,
      template: (e.details.template as TemplateKind | null | undefined) ?? null,
      channel: e.details.channel as CaseCommunication['channel'],
      subject: typeof e.details.subject === 'string' ? e.details.subject : '',
      body: typeof e.details.body === 'string' ? e.details.body : '',
    }));
  const customer = db.prepare('SELECT name, email FROM customers WHERE customer_id = ?');
  const subjects = record.subjectIds.map((customerId) => {
    const row = customer.get(customerId) as { name: string; email: string | null } | undefined;
    return {
      customerId,
      name: row?.name ?? '(not in the replica: erased or not yet synced)',
      email: row?.email ?? null,
      present: row !== undefined,
    };
  });
  const blockers: CaseDetail['blockers'] = {};
  const allowedTransitions: CaseStatus[] = [];
  const unfulfilled = fulfilmentMissing(db, record);
  for (const to of CASE_STATUSES) {
    if (to === record.status) continue;
    const problem = transitionProblem(record, to, undefined, unfulfilled);
    if (problem === null) allowedTransitions.push(to);
    else if (!problem.startsWith('A case cannot go')) blockers[to] = problem;
  }
  const related = new Set(record.relatedCaseIds);
  for (const id of db
    .prepare(`SELECT c.case_id FROM cases c, json_each(c.related_case_ids) j WHERE j.value = ?`)
    .pluck()
    .all(record.caseId) as string[]) {
    related.add(id);
  }
  return {
    ...toSummary(record, context.now, context.rules, pending),
    requester: record.requester,
    requesterLanguage: requesterLocaleOf(db, record),
    agent: record.agent,
    verification: record.verification,
    extension: record.extension,
    pauses: record.pauses,
    approval: record.approval,
    acknowledgedAt: record.acknowledgedAt,
    resolution: record.resolution,
    relatedCaseIds: [...related],
    subjects,
    timeline,
    communications,
    allowedTransitions,
    blockers,
    needsApproval: needsApproval(record),
    officer: context.officer,
    createdBy: record.createdBy,
    actions: confirmedActions(db, record.caseId),
  };
}
