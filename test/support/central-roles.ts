import type { OperationKind } from '../../src/main/central/operations';

/**
 * What each central role may do, as the README's "Central roles" table documents it. The matrix
 * test holds the installed schema to exactly this, so the table and the grants cannot drift.
 */
export const ROLES = ['none', 'viewer', 'officer', 'approver', 'admin'] as const;
export type CentralRole = (typeof ROLES)[number];

/** Each role includes the ones before it (admin > approver > officer > viewer); none has nothing. */
export const includes = (role: CentralRole, needed: CentralRole): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(needed);

export const OPERATION_ROLE: Record<OperationKind, CentralRole> = {
  'audit.append': 'viewer',
  'customer.rectify': 'officer',
  'customer.restrict': 'officer',
  'consent.set': 'officer',
  'customer.merge': 'officer',
  'customer.unmerge': 'officer',
  'customer.erase': 'officer',
  'case.create': 'officer',
  'case.update': 'officer',
  'case.transition': 'officer',
  'case.verify': 'officer',
  'case.extend': 'officer',
  'case.pause': 'officer',
  'case.note': 'officer',
  'case.communicate': 'officer',
  'case.record-export': 'officer',
  'case.propose-export': 'officer',
  'case.decide-approval': 'approver',
  'case.erase': 'officer',
  'case.withdraw-consents': 'officer',
  'case.rectify': 'officer',
  'customer.lift-restriction': 'officer',
  'reappearance.decide': 'officer',
  'erasure.set-policy': 'admin',
  'erasure.remove-policy': 'admin',
  'erasure.purge-due': 'admin',
  'datamap.save': 'admin',
  'datamap.discovered': 'admin',
  'datamap.capture': 'admin',
  'datamap.uncapture': 'admin',
  'alerts.set-rule': 'admin',
  'alerts.acknowledge': 'approver',
  'team.set': 'admin',
  'team.remove': 'admin',
};

/** The least role that may read each table; null: no role reads it directly. */
export const TABLE_READER: Record<string, CentralRole | null> = {
  customers: 'viewer',
  addresses: 'viewer',
  orders: 'viewer',
  interactions: 'viewer',
  events: 'viewer',
  consents: 'viewer',
  change_log: 'viewer',
  tombstones: 'officer',
  operation_kinds: 'viewer',
  settings: 'officer',
  cases: 'viewer',
  case_events: 'viewer',
  case_request_types: 'viewer',
  case_transitions: 'viewer',
  audit_log: 'admin',
  applied_operations: 'admin',
  merges: 'admin',
  desks: 'admin',
  audit_head: 'admin',
  case_actions: 'viewer',
  erasure_policies: 'viewer',
  retained_rows: 'officer',
  reappearances: 'officer',
  erasure_approvals: null,
  tombstone_identifiers: null,
  desk_horizons: 'admin',
  export_proposals: null,
  export_approvals: null,
  data_maps: 'viewer',
  mapped_changes: 'viewer',
  mapped_capture: 'viewer',
  team_members: 'viewer',
  schema_migrations: null,
  alert_rules: 'approver',
  alerts: 'approver',
  alert_evaluation: 'admin',
  admin_totp: null,
  admin_mfa_grants: null,
};

/** The only functions anyone may call directly; every change goes through apply_operation. */
export const CALLABLE_FUNCTIONS: Record<string, CentralRole> = {
  apply_operation: 'viewer',
  subject_hash: 'officer',
  erasure_preview: 'officer',
  erasure_edges: 'admin',
  export_proposal: 'officer',
  confirmed_export_approval: 'officer',
  desk_audit_hashes: 'viewer',
  verify_audit_log: 'admin',
  audit_entry_hash: 'admin',
  desk_checkin: 'viewer',
  set_desk_retention: 'admin',
  prune_change_log: 'admin',
  data_map_problems: 'admin',
  evaluate_alerts: 'viewer',
  my_access: 'viewer',
  mfa_enrol: 'admin',
  mfa_confirm: 'admin',
  mfa_verify: 'admin',
  set_admin_mfa_required: 'admin',
  team_role: 'viewer',
  quality_figures: 'approver',
};
