import type { RequestType } from './cases';

/** What an erasure does to one table, as central's dry run found it. */
export interface ErasurePlanTable {
  /** Schema-qualified, as PostgreSQL names it. */
  table: string;
  /** null: the table reaches the person but has no policy, which blocks the erasure. */
  strategy: 'delete' | 'anonymise' | 'retain' | null;
  rows: number;
  /** Anonymised columns and their rule: null, hash or fixed:<text>. */
  columns: Record<string, string>;
  /** Links to the person emptied on rows that stay. */
  detach: string[];
  legalBasis: string | null;
  retainYears: number | null;
  retainFrom: string | null;
  thenStrategy: 'delete' | 'anonymise' | null;
  /** From the dry run: rows changed, and until when retained rows stay. */
  applied: {
    rows: number;
    retainUntilFirst?: string | null;
    retainUntilLast?: string | null;
  } | null;
  /** A few of the rows as they are now, for the officer to recognise them. */
  samples: Record<string, unknown>[];
}

export interface ErasurePreview {
  caseId: string;
  /** The case's subjects and every record merged into them. */
  subjects: number[];
  /** Subjects no longer in the central database (erased earlier). */
  missing: number[];
  complete: boolean;
  problems: string[];
  tables: ErasurePlanTable[];
  /** What an approval is bound to: a changed plan has another hash. */
  hash: string;
}

export type CaseActionKind =
  'erasure' | 'restriction' | 'restriction_lifted' | 'consent' | 'rectification';

/** What central confirmed was done for a case. */
export interface CaseActionView {
  actionId: string;
  kind: CaseActionKind;
  at: string;
  actor: string;
  details: Record<string, unknown>;
}

/** A record central flagged because it carries an identifier of a person erased before. */
export interface ReappearanceView {
  reappearanceId: string;
  customerId: number;
  matchedOn: string[];
  erasedAt: string;
  caseReference: string;
  raisedAt: string;
  decision: 'keep' | 'erase' | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  version: number;
}

/** The consent purposes each request type withdraws; the screen offers these, central checks them. */
export const WITHDRAWABLE_PURPOSES: Partial<Record<RequestType, readonly string[]>> = {
  objection: ['marketing_email', 'marketing_sms', 'profiling'],
  opt_out: ['third_party_sharing'],
  limit: ['sensitive_data_use'],
  consent_withdrawal: [
    'marketing_email',
    'marketing_sms',
    'profiling',
    'third_party_sharing',
    'sensitive_data_use',
  ],
};

export const PURPOSE_LABELS: Record<string, string> = {
  marketing_email: 'Marketing by email',
  marketing_sms: 'Marketing by text message',
  profiling: 'Profiling',
  third_party_sharing: 'Sale or sharing with third parties',
  sensitive_data_use: 'Use of sensitive personal information',
};

/** Identity fields a correction may change (central checks the same list). */
export const RECTIFIABLE_FIELDS = [
  'name',
  'email',
  'phone',
  'given_name',
  'family_name',
  'date_of_birth',
  'national_id',
  'customer_number',
] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

export const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'region', 'postcode', 'country'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** The reference tables in words a requester reads; a company's own tables keep their names. */
export const TABLE_LABELS: Record<string, string> = {
  'reflect.customers': 'your customer record',
  'reflect.addresses': 'addresses',
  'reflect.orders': 'orders',
  'reflect.interactions': 'records of contact with you',
  'reflect.events': 'activity events',
  'reflect.consents': 'consent records',
};

export function tableLabel(table: string): string {
  return TABLE_LABELS[table] ?? table.replace(/^[^.]*\./, '').replace(/_/g, ' ');
}
