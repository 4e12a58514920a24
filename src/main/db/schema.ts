import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The replica's tables as Kysely sees them. Replica tables mirror the central reference schema
 * (central/ owns the truth); local tables hold sync state, the outbox, conflicts and the audit chain.
 * JSON columns are TEXT holding JSON, checked by `json_valid` in the migrations.
 */

export interface CustomersTable {
  customer_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  status: string;
  created_at: string;
  last_active: string | null;
  tags: string;
  lifecycle_stage: string | null;
  attributes: string;
  restricted: Generated<number>;
  merged_into: number | null;
  version: number;
}

export interface AddressesTable {
  address_id: number;
  customer_id: number | null;
  kind: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  country: string;
  created_at: string;
  version: number;
}

export interface OrdersTable {
  order_id: number;
  customer_id: number | null;
  placed_at: string;
  status: string;
  total_cents: number;
  currency: string;
  version: number;
}

export interface InteractionsTable {
  interaction_id: number;
  customer_id: number | null;
  channel: string;
  occurred_at: string;
  summary: string;
  version: number;
}

export interface EventsTable {
  event_id: number;
  customer_id: number | null;
  event_type: string;
  occurred_at: string;
  metadata: string;
  version: number;
}

export interface ConsentsTable {
  consent_id: number;
  customer_id: number | null;
  purpose: string;
  granted: number;
  source: string;
  granted_at: string | null;
  withdrawn_at: string | null;
  updated_at: string;
  version: number;
}

/** JSON columns hold text; the case store parses them. */
export interface CasesTable {
  case_id: string;
  reference: string | null;
  jurisdiction: string;
  request_type: string;
  channel: string;
  status: string;
  requester: string;
  agent: string | null;
  received_at: string;
  time_zone: string;
  subject_ids: string;
  assignee: string | null;
  priority: string;
  tags: string;
  verification: string | null;
  extension: string | null;
  pauses: string;
  approval: string | null;
  acknowledged_at: string | null;
  resolution: string | null;
  related_case_ids: string;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CaseEventsTable {
  event_id: string;
  case_id: string;
  occurred_at: string;
  actor: string;
  kind: string;
  details: string;
  version: number;
}

export interface CaseActionsTable {
  action_id: string;
  case_id: string;
  kind: string;
  at: string;
  actor: string;
  details: string;
  version: number;
}

export interface ReappearancesTable {
  reappearance_id: string;
  customer_id: number;
  matched_on: string;
  erased_at: string;
  case_reference: string;
  raised_at: string;
  decision: string | null;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  version: number;
}

export interface CaseSubjectsTable {
  customer_id: number;
  case_id: string;
  open: number;
}

export interface DeskSettingsTable {
  key: string;
  value: string;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface SyncProgressTable {
  table_name: string;
  phase: string;
  /** A number, or a UUID for tables keyed by one. */
  last_pk: number | string | null;
  rows_done: number;
  rows_total: number | null;
  updated_at: string;
}

export interface OutboxTable {
  op_id: string;
  seq: Generated<number>;
  operation: string;
  payload: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  state: Generated<'pending' | 'rejected'>;
}

export interface OutboxRowsTable {
  op_id: string;
  table_name: string;
  pk: number | string;
}

export interface ConflictsTable {
  conflict_id: Generated<number>;
  op_id: string;
  operation: string;
  table_name: string;
  pk: number | string;
  local_value: string;
  central_value: string;
  raised_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

export interface TombstonesTable {
  subject_hash: string;
  erased_at: string;
}

/** Customers whose deletion this desk applied, by a hash salted with this desk's own secret. */
export type ErasedSubjectsTable = TombstonesTable;

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  pushed_at: string | null;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AccessAlertsTable {
  alert_id: string;
  rule: string;
  login: string;
  window_start: string;
  window_end: string;
  evidence: string;
  raised_at: string;
}

export interface TeamDirectoryTable {
  login: string;
  display_name: string;
  email: string | null;
  active: number;
  role: string | null;
  updated_at: string;
  updated_by: string;
}

export interface Database {
  customers: CustomersTable;
  addresses: AddressesTable;
  orders: OrdersTable;
  interactions: InteractionsTable;
  events: EventsTable;
  consents: ConsentsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_actions: CaseActionsTable;
  reappearances: ReappearancesTable;
  case_subjects: CaseSubjectsTable;
  desk_settings: DeskSettingsTable;
  sync_state: SyncStateTable;
  sync_progress: SyncProgressTable;
  outbox: OutboxTable;
  outbox_rows: OutboxRowsTable;
  conflicts: ConflictsTable;
  tombstones: TombstonesTable;
  erased_subjects: ErasedSubjectsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  access_alerts: AccessAlertsTable;
  team_directory: TeamDirectoryTable;
}

export type Customer = Selectable<CustomersTable>;
export type ConsentRow = Selectable<ConsentsTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type CaseRow = Selectable<CasesTable>;
