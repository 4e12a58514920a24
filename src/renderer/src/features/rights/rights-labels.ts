import type { CaseActionView, ErasurePlanTable } from '../../../../shared/rights';
import { PURPOSE_LABELS, tableLabel as sharedTableLabel } from '../../../../shared/rights';

/** A day, in the officer's locale. */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** A table in words, capitalised for a table cell. */
export function tableLabel(table: string): string {
  // The shared labels address the requester ("your customer record"); the officer reads the thing.
  const words = sharedTableLabel(table).replace(/^your /, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What happens to a table's rows, as a sentence a privacy officer signs off. */
export function strategyText(t: ErasurePlanTable): string {
  if (t.strategy === null)
    return 'No policy: an administrator must decide before anything is erased';
  if (t.strategy === 'delete') return 'Deleted';
  const unlink = t.detach.length > 0 ? 'unlinked from the person' : '';
  if (t.strategy === 'anonymise') {
    const fields = Object.entries(t.columns).map(
      ([column, rule]) =>
        `${column} ${rule === 'null' ? 'emptied' : rule === 'hash' ? 'replaced by a one-way code' : `set to "${rule.slice(6)}"`}`,
    );
    return ['Kept, anonymised', unlink, ...fields].filter(Boolean).join('; ');
  }
  const first = t.applied?.retainUntilFirst ?? null;
  const last = t.applied?.retainUntilLast ?? null;
  const until =
    first && last && formatDay(first) !== formatDay(last)
      ? `until ${formatDay(first)} to ${formatDay(last)}`
      : first
        ? `until ${formatDay(first)}`
        : `for ${t.retainYears ?? '?'} years`;
  return `Kept ${until}, ${unlink || 'as it is'}, then ${t.thenStrategy === 'delete' ? 'deleted' : 'anonymised'}. Why: ${t.legalBasis ?? ''}`;
}

/** A detail central recorded, as text: details are JSON, so anything but a scalar is not shown. */
function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

/** One confirmed action in words. */
export function actionText(a: CaseActionView): string {
  const d = a.details;
  switch (a.kind) {
    case 'erasure': {
      const tables = (d.tables ?? {}) as Record<string, { strategy: string; rows: number }>;
      const parts = Object.entries(tables)
        .filter(([, t]) => t.rows > 0)
        .map(
          ([name, t]) =>
            `${tableLabel(name)}: ${t.rows} ${t.strategy === 'delete' ? 'deleted' : t.strategy === 'retain' ? 'kept under a legal basis' : 'anonymised'}`,
        );
      return `Erased (approved by ${text(d.approvedBy, '?')}). ${parts.join('; ')}.`;
    }
    case 'restriction':
      return `Processing restricted for customer ${text(d.customerId)}.`;
    case 'restriction_lifted':
      return `Restriction lifted for customer ${text(d.customerId)}: ${text(d.reason)}`;
    case 'consent': {
      const purposes = Array.isArray(d.purposes) ? (d.purposes as string[]) : [];
      return `Consent withdrawn: ${purposes.map((p) => PURPOSE_LABELS[p] ?? p).join(', ')} (${text(d.withdrawn, '0')} withdrawn, ${text(d.recordedRefused, '0')} recorded as refused).`;
    }
    case 'rectification': {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]) : [];
      const addresses = Array.isArray(d.addresses) ? d.addresses.length : 0;
      return `Corrected for customer ${text(d.customerId)}: ${[...fields.map((f) => f.replace(/_/g, ' ')), ...(addresses ? [`${addresses} address(es)`] : [])].join(', ')}. Evidence: ${text(d.evidence)}`;
    }
  }
}
