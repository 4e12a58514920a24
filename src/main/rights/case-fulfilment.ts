import type { CaseActionKind, CaseActionView } from '../../shared/rights';
import type { RequestType } from '../../shared/cases';
import type { SqliteDatabase } from '../db/open';
import type { CaseRecord } from '../cases/case-record';

/** What central confirmed was done for the case, oldest first, as the replica mirrors it. */
export function confirmedActions(db: SqliteDatabase, caseId: string): CaseActionView[] {
  const rows = db
    .prepare(
      'SELECT action_id, kind, at, actor, details FROM case_actions WHERE case_id = ? ORDER BY at, action_id',
    )
    .all(caseId) as {
    action_id: string;
    kind: string;
    at: string;
    actor: string;
    details: string;
  }[];
  return rows.map((r) => ({
    actionId: r.action_id,
    kind: r.kind as CaseActionKind,
    at: r.at,
    actor: r.actor,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

const CONSENT_TYPES: ReadonlySet<RequestType> = new Set([
  'objection',
  'consent_withdrawal',
  'opt_out',
  'limit',
]);

/**
 * Why the case cannot be fulfilled yet, or null: its right must have been carried out. The same
 * rule as central's reflect.case_unfulfilled (central migration 12); the desk asks first so the
 * officer sees the reason at once, central's answer is the one that counts.
 */
export function fulfilmentMissing(db: SqliteDatabase, record: CaseRecord): string | null {
  const kinds = new Set(confirmedActions(db, record.caseId).map((a) => a.kind));
  const type = record.requestType;
  if (type === 'erasure' || type === 'delete') {
    return kinds.has('erasure')
      ? null
      : 'The erasure has not been carried out: preview the plan, have it approved, then execute it.';
  }
  if (type === 'restriction') {
    const unrestricted = db
      .prepare(
        `SELECT customer_id FROM customers WHERE restricted = 0
         AND customer_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(record.subjectIds)) as number[];
    if (unrestricted.length > 0 || !kinds.has('restriction')) {
      return `Processing is not restricted yet${unrestricted.length > 0 ? ` for customer ${unrestricted.join(', ')}` : ''}: restrict it first.`;
    }
    return null;
  }
  if (CONSENT_TYPES.has(type)) {
    return kinds.has('consent')
      ? null
      : 'The consents have not been withdrawn yet: withdraw them from the case first.';
  }
  if (type === 'rectification' || type === 'correct') {
    return kinds.has('rectification')
      ? null
      : 'No correction has been made for this case. Correct the record, or, if nothing needed correcting, reject the request and say why.';
  }
  const exported = db
    .prepare(`SELECT 1 FROM case_events WHERE case_id = ? AND kind = 'exported' LIMIT 1`)
    .get(record.caseId);
  return exported
    ? null
    : 'No export has been written for this case yet: export the package first.';
}
