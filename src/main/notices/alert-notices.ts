import { ALERT_TITLES, countOf } from '../../shared/alert-words';
import type { AccessAlert } from '../../shared/alerts';
import type { DeskNotice } from './desk-notices';

/**
 * One notification per alert the desk has not announced yet in this run. It names the login and
 * the count only (an alert holds nothing else), and a click opens the start screen where the
 * alert is acknowledged.
 */
export function alertNotices(
  alerts: readonly AccessAlert[],
  shown: ReadonlySet<string>,
): DeskNotice[] {
  return alerts
    .filter((a) => !shown.has(`alert:${a.alertId}`))
    .map((a) => ({
      key: `alert:${a.alertId}`,
      title: `Access alert: ${ALERT_TITLES[a.rule].toLowerCase()}`,
      body: `${a.login}: ${countOf(a.rule, a.evidence.count)}. Open the start screen to look at it and acknowledge it.`,
      opens: { screen: 'home', caseId: null },
    }));
}
