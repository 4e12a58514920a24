import {
  MERGE_FIELDS,
  type MergeConsentOutcome,
  type MergeField,
  type MergeRecordView,
} from '../../shared/dedupe';
import type { ConsentRow } from './merge-records';

/**
 * The default survivor: the record with the most history (orders, interactions, events), since
 * it is the one other systems most likely refer to; on a tie the older one.
 */
export function defaultSurvivor(records: readonly MergeRecordView[]): number {
  const activity = (r: MergeRecordView) =>
    r.counts.orders + r.counts.interactions + r.counts.events;
  const sorted = [...records].sort(
    (a, b) =>
      activity(b) - activity(a) ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.customerId - b.customerId,
  );
  const first = sorted[0];
  if (!first) throw new RangeError('A merge needs records.');
  return first.customerId;
}

/** When a record was last known to be right: its last activity, or its creation. */
const recency = (r: MergeRecordView): string => r.last_active ?? r.createdAt;

/**
 * Default survivorship per field: a verified email or phone first; otherwise the most recent
 * record's value that is not empty; the latest activity for last_active.
 */
export function defaultFieldSources(
  records: readonly MergeRecordView[],
): Record<MergeField, { from: number; reason: string }> {
  const byRecency = [...records].sort(
    (a, b) => recency(b).localeCompare(recency(a)) || a.customerId - b.customerId,
  );
  const result = {} as Record<MergeField, { from: number; reason: string }>;
  for (const field of MERGE_FIELDS) {
    const verified =
      field === 'email'
        ? byRecency.find((r) => r.emailVerified && r.email)
        : field === 'phone'
          ? byRecency.find((r) => r.phoneVerified && r.phone)
          : undefined;
    if (verified) {
      result[field] = { from: verified.customerId, reason: `verified ${field}` };
      continue;
    }
    if (field === 'last_active') {
      const latest = [...records]
        .filter((r) => r.last_active)
        .sort((a, b) => (b.last_active ?? '').localeCompare(a.last_active ?? ''))[0];
      result[field] = {
        from: (latest ?? byRecency[0])?.customerId ?? 0,
        reason: 'the latest activity',
      };
      continue;
    }
    const withValue = byRecency.find((r) => r[field] !== null && r[field] !== '');
    result[field] = {
      from: (withValue ?? byRecency[0])?.customerId ?? 0,
      reason: 'the most recently active record with a value',
    };
  }
  return result;
}

/**
 * The most restrictive consent wins: a purpose that any record has withdrawn or refused (its
 * newest answer for the purpose is "no") is withdrawn on the merged person, and every granted
 * row for it is withdrawn by the merge.
 */
export function consentOutcomes(
  latest: ReadonlyMap<number, readonly ConsentRow[]>,
  all: ReadonlyMap<number, readonly ConsentRow[]>,
): MergeConsentOutcome[] {
  const purposes = new Set<string>();
  for (const rows of latest.values()) for (const row of rows) purposes.add(row.purpose);
  return [...purposes].sort().map((purpose) => {
    const answers = [...latest.values()].flatMap((rows) =>
      rows.filter((r) => r.purpose === purpose),
    );
    const refusal = answers
      .filter((r) => r.granted === 0)
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
    if (!refusal) {
      const newest = [...answers].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
      return { purpose, granted: true, fromCustomerId: newest?.customer_id ?? 0, withdraws: [] };
    }
    const withdraws = [...all.values()]
      .flatMap((rows) => rows.filter((r) => r.purpose === purpose && r.granted === 1))
      .map((r) => r.consent_id)
      .sort((a, b) => a - b);
    return { purpose, granted: false, fromCustomerId: refusal.customer_id ?? 0, withdraws };
  });
}
