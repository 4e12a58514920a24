import type pg from 'pg';
import type { AccessAlert } from '../../shared/alerts';
import type { SqliteDatabase } from '../db/open';
import {
  evaluateAlerts,
  isMissingAlerts,
  isPermissionDenied,
  readOpenAlerts,
} from './central-alerts';

/**
 * After a sync has pushed this desk's audit entries: central evaluates them against the alert
 * rules, then the desk keeps the open alerts its login may read. A login that may not read them
 * (below approver) keeps none; a central database without alerts changes nothing here.
 */
export async function evaluateAndPullAlerts(
  central: pg.ClientBase,
  db: SqliteDatabase,
): Promise<{ visible: boolean; open: number }> {
  try {
    await evaluateAlerts(central);
  } catch (error) {
    if (isMissingAlerts(error)) return { visible: false, open: 0 };
    if (!isPermissionDenied(error)) throw error;
  }
  let alerts: AccessAlert[];
  try {
    alerts = await readOpenAlerts(central);
  } catch (error) {
    if (!isPermissionDenied(error) && !isMissingAlerts(error)) throw error;
    replaceLocalAlerts(db, []);
    return { visible: false, open: 0 };
  }
  replaceLocalAlerts(db, alerts);
  return { visible: true, open: alerts.length };
}

export function replaceLocalAlerts(db: SqliteDatabase, alerts: AccessAlert[]): void {
  const insert = db.prepare(
    `INSERT INTO access_alerts (alert_id, rule, login, window_start, window_end, evidence, raised_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare('DELETE FROM access_alerts').run();
    for (const a of alerts) {
      insert.run(
        a.alertId,
        a.rule,
        a.login,
        a.windowStart,
        a.windowEnd,
        JSON.stringify(a.evidence),
        a.raisedAt,
      );
    }
  })();
}

export function localAlerts(db: SqliteDatabase): AccessAlert[] {
  const rows = db
    .prepare(
      `SELECT alert_id, rule, login, window_start, window_end, evidence, raised_at
       FROM access_alerts ORDER BY raised_at DESC, CAST(alert_id AS INTEGER) DESC`,
    )
    .all() as {
    alert_id: string;
    rule: AccessAlert['rule'];
    login: string;
    window_start: string;
    window_end: string;
    evidence: string;
    raised_at: string;
  }[];
  return rows.map((r) => ({
    alertId: r.alert_id,
    rule: r.rule,
    login: r.login,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    evidence: JSON.parse(r.evidence) as AccessAlert['evidence'],
    raisedAt: r.raised_at,
  }));
}

export function dropLocalAlert(db: SqliteDatabase, alertId: string): void {
  db.prepare('DELETE FROM access_alerts WHERE alert_id = ?').run(alertId);
}
