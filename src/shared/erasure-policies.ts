/**
 * What an erasure does to each table that reaches a person, as an administrator sets it
 * centrally (reflect.erasure_policies). The desk checks a policy with `erasurePolicyProblem`
 * before sending it, for a fast answer in the same words; central checks it again
 * (op_erasure_set_policy), and its answer is the one that counts.
 */

export const POLICY_STRATEGIES = ['delete', 'anonymise', 'retain'] as const;
export type PolicyStrategy = (typeof POLICY_STRATEGIES)[number];
export const THEN_STRATEGIES = ['delete', 'anonymise'] as const;
export type ThenStrategy = (typeof THEN_STRATEGIES)[number];

export interface ErasurePolicy {
  /** Schema-qualified: reflect.orders. */
  table: string;
  strategy: PolicyStrategy;
  /** Anonymised columns (and, after a retention, the columns anonymised then): null, hash or fixed:<text>. */
  columns: Record<string, string>;
  legalBasis: string | null;
  retainYears: number | null;
  /** The row's own date the period counts from; null: the day of the erasure. */
  retainFrom: string | null;
  thenStrategy: ThenStrategy | null;
}

export interface StoredErasurePolicy extends ErasurePolicy {
  updatedBy: string;
  updatedAt: string;
}

/** A column of a table an erasure reaches, as the catalog describes it. */
export interface PolicyColumn {
  name: string;
  /** PostgreSQL's type name: text, bigint, timestamp with time zone, ... */
  type: string;
  notNull: boolean;
}

export interface ErasurePolicyOverview {
  /** The login this desk uses on central. */
  login: string;
  /** Whether that login is an administrator's, the only one that may change a policy. */
  canChange: boolean;
  policies: StoredErasurePolicy[];
  /**
   * Tables that reach a person through a foreign key without a policy: each blocks every
   * erasure plan. null when this login may not read the catalog's foreign keys (administrators only).
   */
  withoutPolicy: string[] | null;
  /** The columns of every table listed, for choosing what to anonymise and the date to count from. */
  columns: Record<string, PolicyColumn[]>;
}

const TEXT_TYPES = new Set(['text', 'character varying', 'character']);
const DATE_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone', 'date']);

export const isTextType = (type: string): boolean => TEXT_TYPES.has(type.replace(/\(.*\)$/, ''));
export const isDateType = (type: string): boolean => DATE_TYPES.has(type);

/**
 * Why central would refuse `policy`, in central's words, or null. `columns` are the table's
 * columns when known; without them the checks that need the catalog are left to central.
 */
export function erasurePolicyProblem(
  policy: ErasurePolicy,
  columns: readonly PolicyColumn[] | null,
): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_$]*\.[A-Za-z_][A-Za-z0-9_$]*$/.test(policy.table)) {
    return `there is no table ${policy.table}`;
  }
  if (policy.table === 'reflect.customers') {
    return "the person's own record is always deleted; no policy applies to it";
  }
  if (!(POLICY_STRATEGIES as readonly string[]).includes(policy.strategy)) {
    return 'the strategy is delete, anonymise or retain';
  }
  const byName = new Map((columns ?? []).map((c) => [c.name, c]));
  for (const [col, rule] of Object.entries(policy.columns)) {
    const column = byName.get(col);
    if (columns && !column) return `${policy.table} has no column ${col}`;
    if (column && rule === 'null' && column.notNull) {
      return `${policy.table}.${col} cannot be emptied (NOT NULL): use "hash" or "fixed:<text>"`;
    }
    if (column && (rule === 'hash' || rule.startsWith('fixed:')) && !isTextType(column.type)) {
      return `${policy.table}.${col} is not text, so it can only be emptied ("null")`;
    }
    if (!(rule === 'null' || rule === 'hash' || rule.startsWith('fixed:'))) {
      return `${policy.table}.${col}: "${rule}" is not a rule (null, hash or fixed:<text>)`;
    }
  }
  if (policy.strategy !== 'retain') return null;
  if (
    (policy.legalBasis ?? '').trim() === '' ||
    policy.retainYears === null ||
    policy.thenStrategy === null
  ) {
    return 'keeping rows needs the legal basis, the number of years and what happens after';
  }
  if (!Number.isInteger(policy.retainYears) || policy.retainYears < 1 || policy.retainYears > 100) {
    return 'rows are kept for 1 to 100 years';
  }
  if (!(THEN_STRATEGIES as readonly string[]).includes(policy.thenStrategy)) {
    return 'after the period, rows are deleted or anonymised';
  }
  if (policy.retainFrom !== null && columns) {
    const from = byName.get(policy.retainFrom);
    if (!from || !isDateType(from.type)) {
      return `${policy.table} has no date column ${policy.retainFrom} to count the retention from`;
    }
  }
  return null;
}
