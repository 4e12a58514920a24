import type { ErasurePolicy } from '../../../../shared/erasure-policies';

/** A column rule as an officer reads it: "email emptied", "name replaced by a hash". */
export function ruleWords(column: string, rule: string): string {
  if (rule === 'null') return `${column} emptied`;
  if (rule === 'hash') return `${column} replaced by a salted hash`;
  return `${column} set to “${rule.slice('fixed:'.length)}”`;
}

function columnsWords(columns: Record<string, string>): string {
  const parts = Object.entries(columns).map(([c, r]) => ruleWords(c, r));
  return parts.length > 0 ? parts.join(', ') : 'only the link to the person removed';
}

/** What an erasure does to a table under `policy`, in one sentence. */
export function policyWords(policy: ErasurePolicy): string {
  if (policy.strategy === 'delete') return 'Rows deleted.';
  if (policy.strategy === 'anonymise') {
    return `Rows kept without the person: ${columnsWords(policy.columns)}.`;
  }
  const from = policy.retainFrom ? `from its ${policy.retainFrom}` : 'from the erasure';
  const then =
    policy.thenStrategy === 'anonymise'
      ? `then anonymised (${columnsWords(policy.columns)})`
      : 'then deleted';
  return `Kept ${policy.retainYears ?? '?'} years ${from}, unlinked from the person, ${then}. Why: ${policy.legalBasis ?? ''}`;
}
