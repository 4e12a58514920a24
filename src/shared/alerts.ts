/** Alerts on unusual access, raised centrally from the audit log. */

export const ALERT_RULE_KINDS = [
  'profile_views',
  'search_results',
  'export_after_hours',
  'bulk_changes',
  'restricted_access',
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

/** What central found, as counts and ids; never a value of a record. */
export interface AlertEvidence {
  count: number;
  threshold: number;
  entry_ids?: number[];
  customers?: number;
  customer_ids?: number[];
  searches?: number;
  case_ids?: string[];
  export_ids?: string[];
  /** Local times in the rule's time zone, `YYYY-MM-DD HH:MM`. */
  local_times?: string[];
  /** The zone of `local_times`: the organisation's, as the rule names it. */
  time_zone?: string;
  by_kind?: Record<string, number>;
}

export interface AccessAlert {
  alertId: string;
  rule: AlertRuleKind;
  login: string;
  windowStart: string;
  windowEnd: string;
  evidence: AlertEvidence;
  raisedAt: string;
}

export interface AlertRule {
  kind: AlertRuleKind;
  enabled: boolean;
  threshold: number;
  windowMinutes: number;
  /** HH:MM, in `timeZone`. */
  workStart: string;
  workEnd: string;
  /** ISO days of the week, 1 = Monday. */
  workDays: number[];
  timeZone: string;
}

export interface AlertRulesOverview {
  rules: (AlertRule & { changedBy: string | null; changedAt: string })[];
  /** Whether this desk's login may change them (an administrator's). */
  canChange: boolean;
  login: string;
}
