import type { AccessAlert, AlertRule, AlertRuleKind } from './alerts';

/** Alerts in an officer's words: the same text on the start screen, in notifications and the CLI. */

export const ALERT_TITLES: Record<AlertRuleKind, string> = {
  profile_views: 'Many profiles viewed',
  search_results: 'Many search results shown',
  export_after_hours: 'Export outside working hours',
  bulk_changes: 'Many changes in a short time',
  restricted_access: 'A restricted person was viewed',
};

/** What each rule watches, for the rules' settings. */
export const RULE_DESCRIPTIONS: Record<AlertRuleKind, string> = {
  profile_views: 'Profiles one login opens within the window.',
  search_results: 'Records one login’s searches show within the window.',
  export_after_hours: 'Exports written outside the working hours and days below.',
  bulk_changes: 'Changes (operations) one login makes centrally within the window.',
  restricted_access: 'Views of a person whose processing is restricted (GDPR Art. 18).',
};

const MEASURE: Record<AlertRuleKind, [one: string, many: string]> = {
  profile_views: ['profile viewed', 'profiles viewed'],
  search_results: ['search result shown', 'search results shown'],
  export_after_hours: ['export outside working hours', 'exports outside working hours'],
  bulk_changes: ['change', 'changes'],
  restricted_access: ['view of a restricted person', 'views of a restricted person'],
};

export function countOf(kind: AlertRuleKind, n: number): string {
  const [one, many] = MEASURE[kind];
  return `${n} ${n === 1 ? one : many}`;
}

export function windowText(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? 'an hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** One sentence: who did what, how much, against which limit. */
export function alertSummary(
  alert: AccessAlert,
  time: (iso: string) => string,
  /** How the window's end is written (the time of day alone, when the start names the day). */
  until: (iso: string) => string = time,
): string {
  const e = alert.evidence;
  const span = `between ${time(alert.windowStart)} and ${until(alert.windowEnd)}`;
  const minutes = Math.round(
    (Date.parse(alert.windowEnd) - Date.parse(alert.windowStart)) / 60_000,
  );
  const limit =
    e.threshold === 0
      ? 'the rule allows none'
      : `the rule allows ${e.threshold} in ${windowText(minutes)}`;
  return `${alert.login}: ${countOf(alert.rule, e.count)} ${span}; ${limit}.`;
}

/** A list of ids, the first few named and the rest counted. */
export function idList(
  ids: readonly (number | string)[] | undefined,
  total?: number,
  shown = 10,
): string {
  const list = ids ?? [];
  const named = list
    .slice(0, shown)
    .map((id) => (typeof id === 'number' ? `#${id}` : id.slice(0, 8)));
  const rest = Math.max(total ?? list.length, list.length) - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}

/** The evidence as label and value lines, never as raw data. */
export function alertEvidenceLines(alert: AccessAlert): Record<string, string> {
  const e = alert.evidence;
  const lines: Record<string, string> = {
    Login: alert.login,
    Found: countOf(alert.rule, e.count),
    Limit: e.threshold === 0 ? 'none allowed' : String(e.threshold),
  };
  if (e.customers !== undefined) lines['Different people'] = String(e.customers);
  if (e.searches !== undefined) lines.Searches = String(e.searches);
  if (e.customer_ids && e.customer_ids.length > 0) {
    lines['Customer ids'] = idList(e.customer_ids, e.customers);
  }
  if (e.local_times && e.local_times.length > 0) {
    const zone = e.time_zone ? ` (${e.time_zone})` : '';
    lines['Local time'] = `${e.local_times.slice(0, 5).join(', ')}${zone}`;
  }
  if (e.case_ids && e.case_ids.length > 0) lines.Cases = idList(e.case_ids);
  if (e.export_ids && e.export_ids.length > 0) lines.Exports = idList(e.export_ids);
  if (e.by_kind) {
    lines['By kind'] = Object.entries(e.by_kind)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, n]) => `${n} ${kind.replace(/[.-]/g, ' ')}`)
      .join(', ');
  }
  if (e.entry_ids && e.entry_ids.length > 0) {
    // Central keeps the first 50 of a window's entries as evidence.
    lines['Audit entries'] =
      `${idList(e.entry_ids)}${e.entry_ids.length >= 50 ? ' (the first 50)' : ''}`;
  }
  return lines;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function workDaysText(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return 'no days';
  if (sorted.length > 2 && last - first === sorted.length - 1) {
    return `${DAYS[first - 1]}–${DAYS[last - 1]}`;
  }
  return sorted.map((d) => DAYS[d - 1]).join(', ');
}

/** A rule in one line, for lists. */
export function ruleLine(rule: AlertRule): string {
  const state = rule.enabled ? '' : ' (off)';
  if (rule.kind === 'export_after_hours') {
    return `${ALERT_TITLES[rule.kind]}${state}: working hours ${rule.workStart}–${rule.workEnd}, ${workDaysText(rule.workDays)}, ${rule.timeZone}`;
  }
  return `${ALERT_TITLES[rule.kind]}${state}: more than ${rule.threshold} in ${windowText(rule.windowMinutes)}`;
}
