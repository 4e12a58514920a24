import type { ExportTable, StatementCategory } from '../../shared/exports';

export type ColumnKind = 'integer' | 'text' | 'timestamp' | 'boolean' | 'json';

export interface ExportColumn {
  name: string;
  kind: ColumnKind;
  /** For README.txt and the documented schema: what a recipient needs to read the value. */
  description: string;
  /** An amount in the currency's smallest unit: the column of the same row naming the currency. */
  currencyColumn?: string;
  /**
   * Coded values a requester reads in words (code.<group>.<value> in the requester catalogues);
   * for a JSON column, the group that names its keys. Unknown codes are shown as they are.
   */
  codes?: CodeGroup;
  /** A day written as YYYY-MM-DD: shown as a date in the requester's words. */
  day?: boolean;
}

export type CodeGroup =
  | 'accountStatus'
  | 'addressKind'
  | 'orderStatus'
  | 'channel'
  | 'purpose'
  | 'caseStatus'
  | 'law'
  | 'requestType'
  | 'requester';

export interface ExportTableSpec {
  table: ExportTable;
  /** Which part of the access statement (purposes, retention, ...) covers this table. */
  category: StatementCategory | null;
  description: string;
  columns: ExportColumn[];
}

const id = (what: string): ExportColumn => ({
  name: `${what}_id`,
  kind: 'integer',
  description: `Identifier of the ${what} in the company's customer database.`,
});
const customerRef: ExportColumn = {
  name: 'customer_id',
  kind: 'integer',
  description: 'The customer record this row belongs to (see customers).',
};
const at = (name: string, description: string): ExportColumn => ({
  name,
  kind: 'timestamp',
  description: `${description} (ISO 8601, UTC).`,
});
const text = (name: string, description: string, codes?: CodeGroup): ExportColumn => ({
  name,
  kind: 'text',
  description,
  ...(codes ? { codes } : {}),
});

/**
 * Every table a package holds and every column in it, in order. The replica's sync-only columns
 * (version) are left out: they describe the copy, not the person.
 */
export const EXPORT_TABLE_SPECS: readonly ExportTableSpec[] = [
  {
    table: 'customers',
    category: 'identity',
    description:
      'Your customer records. More than one row means the company held duplicate records of you; merged_into names the record a duplicate was merged into.',
    columns: [
      id('customer'),
      text('name', 'Full name.'),
      text('email', 'Email address.'),
      text('phone', 'Phone number (E.164 where it could be read).'),
      text('status', 'Account status (active, inactive, closed).', 'accountStatus'),
      at('created_at', 'When the record was created'),
      at('last_active', 'Last recorded activity'),
      { name: 'tags', kind: 'json', description: 'Labels the company gave the record (a list).' },
      text('lifecycle_stage', 'Marketing lifecycle stage.'),
      {
        name: 'attributes',
        kind: 'json',
        description: 'Further attributes held about you (an object).',
      },
      {
        name: 'restricted',
        kind: 'boolean',
        description: 'Whether processing of the record is restricted.',
      },
      {
        name: 'merged_into',
        kind: 'integer',
        description: 'The record this one was merged into, if it was a duplicate.',
      },
    ],
  },
  {
    table: 'addresses',
    category: 'addresses',
    description: 'Postal addresses on your records.',
    columns: [
      id('address'),
      customerRef,
      text('kind', 'billing, shipping or home.', 'addressKind'),
      text('line1', 'First address line.'),
      text('line2', 'Second address line.'),
      text('city', 'City or town.'),
      text('region', 'Region, state or county.'),
      text('postcode', 'Postal code.'),
      text('country', 'Country (ISO 3166 alpha-2).'),
      at('created_at', 'When the address was recorded'),
    ],
  },
  {
    table: 'orders',
    category: 'orders',
    description: 'Orders you placed.',
    columns: [
      id('order'),
      customerRef,
      at('placed_at', 'When the order was placed'),
      text('status', 'placed, shipped, delivered, cancelled or refunded.', 'orderStatus'),
      {
        name: 'total_cents',
        kind: 'integer',
        description: 'Order total in the smallest unit of the currency (cents).',
        currencyColumn: 'currency',
      },
      text('currency', 'Currency (ISO 4217).'),
    ],
  },
  {
    table: 'interactions',
    category: 'interactions',
    description: 'Your contacts with customer service.',
    columns: [
      id('interaction'),
      customerRef,
      text('channel', 'email, phone, chat or in_store.', 'channel'),
      at('occurred_at', 'When it happened'),
      text('summary', "The agent's summary of the contact."),
    ],
  },
  {
    table: 'events',
    category: 'events',
    description: 'Activity recorded on the website and apps.',
    columns: [
      id('event'),
      customerRef,
      text('event_type', 'What happened (page_view, login, purchase, ...).'),
      at('occurred_at', 'When it happened'),
      {
        name: 'metadata',
        kind: 'json',
        description: 'Details recorded with the event (an object).',
      },
    ],
  },
  {
    table: 'consents',
    category: 'consents',
    description: 'Consents you gave or withdrew, with their history.',
    columns: [
      id('consent'),
      customerRef,
      text('purpose', 'What the consent covers.', 'purpose'),
      {
        name: 'granted',
        kind: 'boolean',
        description: 'Whether consent is currently given.',
      },
      text('source', 'Where the consent was collected.', 'channel'),
      at('granted_at', 'When consent was given'),
      at('withdrawn_at', 'When consent was withdrawn'),
      at('updated_at', 'Last change'),
    ],
  },
  {
    table: 'dsar_case',
    category: null,
    description: 'The request this package answers.',
    columns: [
      text('case_id', 'Identifier of the request.'),
      text('reference', 'Reference to quote in any reply.'),
      text('jurisdiction', 'The law the request was made under (gdpr or ccpa).', 'law'),
      text('request_type', 'What was asked (access, portability, know).', 'requestType'),
      text('channel', 'How the request arrived.', 'channel'),
      at('received_at', 'When it was received'),
      text('time_zone', 'Time zone the deadline is counted in.'),
      text('status', 'Where the request stands.', 'caseStatus'),
      {
        ...text('due_date', 'The last day for the answer, in that time zone (YYYY-MM-DD).'),
        day: true,
      },
      text('extension_reason', 'Why the deadline was extended, if it was.'),
      text('identity_check', 'How your identity was confirmed.'),
      at('approved_at', 'When the disclosure was approved'),
      {
        name: 'requester',
        kind: 'json',
        codes: 'requester',
        description: 'The names, emails and phones the request was made with.',
      },
    ],
  },
  {
    table: 'case_events',
    category: null,
    description: 'What was done on the request, and when.',
    columns: [
      text('event_id', 'Identifier of the entry.'),
      at('occurred_at', 'When'),
      text('actor', 'The staff login that acted.'),
      text('kind', 'What happened (received, verified, extended, communication, ...).'),
      { name: 'details', kind: 'json', description: 'Details of the entry (an object).' },
    ],
  },
];

export function tableSpec(table: ExportTable): ExportTableSpec {
  const spec = EXPORT_TABLE_SPECS.find((s) => s.table === table);
  if (!spec) throw new Error(`No export table ${table}.`);
  return spec;
}
