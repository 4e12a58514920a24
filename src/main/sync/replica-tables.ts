/**
 * The tables a desk mirrors, in pull order (parents first), with their columns as both sides
 * name them. One list drives the snapshot, the change-log replay, and the convergence checks.
 */
export interface ReplicaTable {
  name:
    | 'customers'
    | 'addresses'
    | 'orders'
    | 'interactions'
    | 'events'
    | 'consents'
    | 'cases'
    | 'case_events'
    | 'case_actions'
    | 'reappearances';
  pk: string;
  /** Tables whose rows desks create offline are keyed by UUIDs; the rest by central bigints. */
  keyType: 'bigint' | 'uuid';
  columns: readonly string[];
  /**
   * Mirrored only by desks whose login may read it: records that match an erased person are for
   * officers, since they tell that someone was erased.
   */
  readableBy?: 'officer';
}

/** Central columns that are not stored as they come: timestamps, JSON, arrays, booleans. */
const TIMESTAMPS = new Set([
  'created_at',
  'last_active',
  'placed_at',
  'occurred_at',
  'granted_at',
  'withdrawn_at',
  'updated_at',
  'received_at',
  'acknowledged_at',
  'closed_at',
  'at',
  'erased_at',
  'raised_at',
  'decided_at',
]);
const JSON_COLUMNS = new Set([
  'attributes',
  'metadata',
  'requester',
  'agent',
  'verification',
  'extension',
  'pauses',
  'approval',
  'details',
]);
const ARRAYS = new Set(['tags', 'subject_ids', 'related_case_ids', 'matched_on']);
const BOOLEANS = new Set(['restricted', 'granted']);

/**
 * The SELECT list that makes PostgreSQL hand over each value already in the replica's form
 * (ISO 8601 UTC text, JSON text, 0/1), so pulling millions of rows costs no parsing and
 * re-serialising in JavaScript.
 */
export function centralSelectList(table: ReplicaTable): string {
  return table.columns
    .map((column) => {
      if (TIMESTAMPS.has(column)) {
        return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;
      }
      if (JSON_COLUMNS.has(column)) return `${column}::text AS ${column}`;
      if (ARRAYS.has(column)) return `array_to_json(${column})::text AS ${column}`;
      if (BOOLEANS.has(column)) return `${column}::int AS ${column}`;
      return column;
    })
    .join(', ');
}

export const REPLICA_TABLES: readonly ReplicaTable[] = [
  {
    name: 'customers',
    pk: 'customer_id',
    keyType: 'bigint',
    columns: [
      'customer_id',
      'name',
      'email',
      'phone',
      'status',
      'created_at',
      'last_active',
      'tags',
      'lifecycle_stage',
      'attributes',
      'restricted',
      'merged_into',
      'version',
    ],
  },
  {
    name: 'addresses',
    pk: 'address_id',
    keyType: 'bigint',
    columns: [
      'address_id',
      'customer_id',
      'kind',
      'line1',
      'line2',
      'city',
      'region',
      'postcode',
      'country',
      'created_at',
      'version',
    ],
  },
  {
    name: 'orders',
    pk: 'order_id',
    keyType: 'bigint',
    columns: [
      'order_id',
      'customer_id',
      'placed_at',
      'status',
      'total_cents',
      'currency',
      'version',
    ],
  },
  {
    name: 'interactions',
    pk: 'interaction_id',
    keyType: 'bigint',
    columns: ['interaction_id', 'customer_id', 'channel', 'occurred_at', 'summary', 'version'],
  },
  {
    name: 'events',
    pk: 'event_id',
    keyType: 'bigint',
    columns: ['event_id', 'customer_id', 'event_type', 'occurred_at', 'metadata', 'version'],
  },
  {
    name: 'consents',
    pk: 'consent_id',
    keyType: 'bigint',
    columns: [
      'consent_id',
      'customer_id',
      'purpose',
      'granted',
      'source',
      'granted_at',
      'withdrawn_at',
      'updated_at',
      'version',
    ],
  },
  {
    name: 'cases',
    pk: 'case_id',
    keyType: 'uuid',
    columns: [
      'case_id',
      'reference',
      'jurisdiction',
      'request_type',
      'channel',
      'status',
      'requester',
      'agent',
      'received_at',
      'time_zone',
      'subject_ids',
      'assignee',
      'priority',
      'tags',
      'verification',
      'extension',
      'pauses',
      'approval',
      'acknowledged_at',
      'resolution',
      'related_case_ids',
      'closed_at',
      'created_by',
      'created_at',
      'updated_at',
      'version',
    ],
  },
  {
    name: 'case_events',
    pk: 'event_id',
    keyType: 'uuid',
    columns: ['event_id', 'case_id', 'occurred_at', 'actor', 'kind', 'details', 'version'],
  },
  {
    name: 'case_actions',
    pk: 'action_id',
    keyType: 'uuid',
    columns: ['action_id', 'case_id', 'kind', 'at', 'actor', 'details', 'version'],
  },
  {
    name: 'reappearances',
    pk: 'reappearance_id',
    keyType: 'uuid',
    readableBy: 'officer',
    columns: [
      'reappearance_id',
      'customer_id',
      'matched_on',
      'erased_at',
      'case_reference',
      'raised_at',
      'decision',
      'decided_by',
      'decided_at',
      'note',
      'version',
    ],
  },
];

/** A primary-key value: a central bigint (as a safe JS number) or a UUID. */
export type RowKey = number | string;

export function replicaTable(name: string): ReplicaTable {
  const table = REPLICA_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`Not a replicated table: ${name}`);
  return table;
}

export type SqliteValue = string | number | null;

/**
 * A central value as the replica stores it: JSON and arrays as JSON text, booleans as 0/1,
 * timestamps as ISO 8601 UTC (the central client already returns them so).
 */
export function toReplicaValue(value: unknown): SqliteValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

export function toReplicaRow(table: ReplicaTable, row: Record<string, unknown>): SqliteValue[] {
  return table.columns.map((column) => toReplicaValue(row[column]));
}
