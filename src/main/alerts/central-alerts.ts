import type pg from 'pg';
import {
  ALERT_RULE_KINDS,
  type AccessAlert,
  type AlertRule,
  type AlertRuleKind,
  type AlertRulesOverview,
} from '../../shared/alerts';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** PostgreSQL's words for "this login may not": the alerts are not this role's to see. */
export const isPermissionDenied = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === '42501';

/** A central database older than the alerts (migration 22) has neither table nor function. */
export const isMissingAlerts = (error: unknown): boolean => {
  const code = (error as { code?: string } | null)?.code;
  return code === '42P01' || code === '42883';
};

export async function evaluateAlerts(
  client: pg.ClientBase,
): Promise<{ raised: number; updated: number; entries: number }> {
  const { rows } = await client.query<{ r: { raised: number; updated: number; entries: number } }>(
    'SELECT reflect.evaluate_alerts() AS r',
  );
  return rows[0]?.r ?? { raised: 0, updated: 0, entries: 0 };
}

interface AlertRow {
  alert_id: string;
  rule: AlertRuleKind;
  login: string;
  window_start: string;
  window_end: string;
  evidence: AccessAlert['evidence'];
  raised_at: string;
}

/** Open alerts, newest first; refused (42501) to a login below approver. */
export async function readOpenAlerts(client: pg.ClientBase, limit = 500): Promise<AccessAlert[]> {
  const { rows } = await client.query<AlertRow>(
    `SELECT id::text AS alert_id, rule, login, evidence,
            to_char(window_start AT TIME ZONE 'UTC', ${ISO}) AS window_start,
            to_char(window_end AT TIME ZONE 'UTC', ${ISO}) AS window_end,
            to_char(raised_at AT TIME ZONE 'UTC', ${ISO}) AS raised_at
     FROM reflect.alerts WHERE acknowledged_at IS NULL ORDER BY raised_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toAlert);
}

export function toAlert(row: AlertRow): AccessAlert {
  return {
    alertId: row.alert_id,
    rule: row.rule,
    login: row.login,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    evidence: row.evidence,
    raisedAt: row.raised_at,
  };
}

interface RuleRow {
  kind: AlertRuleKind;
  enabled: boolean;
  threshold: number;
  window_minutes: number;
  work_start: string;
  work_end: string;
  work_days: number[];
  time_zone: string;
  changed_by: string | null;
  changed_at: string;
}

export async function readAlertRules(client: pg.ClientBase): Promise<AlertRulesOverview> {
  const who = await client.query<{ login: string; admin: boolean }>(
    `SELECT session_user AS login, pg_has_role(session_user, 'reflect_admin', 'MEMBER') AS admin`,
  );
  const { rows } = await client.query<RuleRow>(
    `SELECT kind, enabled, threshold, window_minutes, to_char(work_start, 'HH24:MI') AS work_start,
            CASE WHEN work_end = '24:00' THEN '24:00' ELSE to_char(work_end, 'HH24:MI') END AS work_end,
            array_to_json(work_days) AS work_days, time_zone, changed_by,
            to_char(changed_at AT TIME ZONE 'UTC', ${ISO}) AS changed_at
     FROM reflect.alert_rules`,
  );
  const order = (k: AlertRuleKind) => ALERT_RULE_KINDS.indexOf(k);
  return {
    login: who.rows[0]?.login ?? '',
    canChange: who.rows[0]?.admin === true,
    rules: rows
      .sort((a, b) => order(a.kind) - order(b.kind))
      .map((r) => ({
        kind: r.kind,
        enabled: r.enabled,
        threshold: r.threshold,
        windowMinutes: r.window_minutes,
        workStart: r.work_start,
        workEnd: r.work_end,
        workDays: r.work_days,
        timeZone: r.time_zone,
        changedBy: r.changed_by,
        changedAt: r.changed_at,
      })),
  };
}

/** The payload of alerts.set-rule. */
export function rulePayload(rule: AlertRule): Record<string, unknown> {
  return {
    kind: rule.kind,
    enabled: rule.enabled,
    threshold: rule.threshold,
    window_minutes: rule.windowMinutes,
    work_start: rule.workStart,
    work_end: rule.workEnd,
    work_days: rule.workDays,
    time_zone: rule.timeZone,
  };
}
