/** Retention of personal data (central migration 25): policies, schedule, preview, runs, holds. */

export const RETENTION_CATEGORIES = ['transactional', 'behavioural', 'communications'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** What each category covers in the reference schema. */
export const CATEGORY_TABLES: Record<RetentionCategory, string> = {
  transactional: 'orders',
  behavioural: 'events',
  communications: 'interactions',
};

export type RetentionAnchor = 'event' | 'last_activity';
export type RetentionAction = 'delete' | 'anonymise';
export type RetentionUnit = 'days' | 'years';

/** A policy as an administrator sets it: for one category or one table (schema.table). */
export interface RetentionPolicyInput {
  category?: RetentionCategory;
  table?: string;
  keepAmount: number;
  keepUnit: RetentionUnit;
  anchor: RetentionAnchor;
  action: RetentionAction;
  /** The date column the period counts from; absent: the table's usual one. */
  eventColumn?: string;
}

export interface RetentionPolicy {
  policyId: string;
  category: RetentionCategory | null;
  table: string | null;
  keepAmount: number;
  keepUnit: RetentionUnit;
  keepDays: number;
  /** "7 years", "90 days". */
  period: string;
  anchor: RetentionAnchor;
  action: RetentionAction;
  eventColumn: string | null;
  confirmed: boolean;
  confirmedBy: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface RetentionSchedule {
  enabled: boolean;
  everyDays: number;
  /** HH:MM in `timeZone`. */
  at: string;
  timeZone: string;
}

export interface RetentionPreviewEntry {
  policyId: string;
  target: string;
  table: string;
  action: RetentionAction;
  anchor: RetentionAnchor;
  period: string;
  confirmed: boolean;
  cutoff: string;
  due: number;
  held: number;
  firstIds: string[];
  problem: string | null;
}

export interface RetentionPreview {
  asOf: string;
  schedule: RetentionSchedule & {
    lastSlot: string;
    nextSlot: string;
    lastSlotDone: string | null;
    due: boolean;
  };
  policies: RetentionPreviewEntry[];
  /** Rows the next run removes (confirmed policies only). */
  removes: number;
  /** Rows it skips for a legal hold. */
  held: number;
}

export interface RetentionRunPolicy {
  policyId: string;
  target: string;
  table: string;
  action: RetentionAction;
  removed: number;
  held: number;
  firstIds: string[];
}

export interface RetentionRun {
  runId: string;
  startedAt: string;
  finishedAt: string;
  asOf: string;
  runBy: string;
  trigger: 'manual' | 'schedule';
  status: 'done' | 'failed';
  rowsDeleted: number;
  rowsAnonymised: number;
  skippedHeld: number;
  policies: RetentionRunPolicy[];
  error: string | null;
}

export type RetentionRunOutcome =
  | {
      status: 'done';
      runId: string;
      deleted: number;
      anonymised: number;
      skippedHeld: number;
      policies: RetentionRunPolicy[];
    }
  | { status: 'failed'; runId: string; error: string }
  | { status: 'disabled' | 'not-due' | 'busy'; nextSlot?: string };

export interface LegalHold {
  holdId: string;
  customerId: string | null;
  caseId: string | null;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
}

export interface RetentionOverview {
  login: string;
  /** Administrators change policies and the schedule. */
  canChange: boolean;
  policies: RetentionPolicy[];
  schedule: RetentionSchedule & { updatedBy: string; updatedAt: string };
}

/** "Next run removes 1,204 rows (12 held back)" and the like, in an officer's words. */
export function describePreview(preview: RetentionPreview): string {
  const held = preview.held > 0 ? `; ${preview.held} held back by a legal hold` : '';
  const waiting = preview.policies.filter((p) => !p.confirmed && p.due > 0);
  const unconfirmed =
    waiting.length > 0
      ? ` ${waiting.length} unconfirmed ${waiting.length === 1 ? 'policy would' : 'policies would'} remove ${waiting.reduce((n, p) => n + p.due, 0)} more once confirmed.`
      : '';
  return `Next run removes ${preview.removes} ${preview.removes === 1 ? 'row' : 'rows'}${held}.${unconfirmed}`;
}

export function policyTarget(p: {
  category: RetentionCategory | null;
  table: string | null;
}): string {
  return p.category ? `${p.category} data (${CATEGORY_TABLES[p.category]})` : (p.table ?? '');
}

export function describePolicy(p: RetentionPolicy): string {
  const from = p.anchor === 'event' ? 'after the event' : "after the person's last activity";
  const then = p.action === 'delete' ? 'then deleted' : 'then anonymised';
  return `${policyTarget(p)}: kept ${p.period} ${from}, ${then}${p.confirmed ? '' : ' (not confirmed: removes nothing yet)'}`;
}
