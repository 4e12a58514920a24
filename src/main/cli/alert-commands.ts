import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { alertEvidenceLines, alertSummary, ruleLine } from '../../shared/alert-words';
import { ALERT_RULE_KINDS, type AlertRule } from '../../shared/alerts';
import { alertRuleInput } from '../../shared/ipc/alert-schemas';
import {
  evaluateAlerts,
  isPermissionDenied,
  readAlertRules,
  readOpenAlerts,
  rulePayload,
} from '../alerts/central-alerts';
import { applyOperation, CentralPermissionError } from '../central/operations';
import type { CentralCommandContext } from './central-command';

export const ALERT_COMMANDS = new Set([
  'central alerts evaluate',
  'central alerts list',
  'central alerts ack',
  'central alerts rules',
  'central alerts rules set',
]);

export const ALERT_USAGE = `  central alerts evaluate --url URL             measure the audit log appended since the last
                                                evaluation against the alert rules (raises no
                                                alert twice for one rule, login and window)
  central alerts list --url URL                 open alerts with their evidence (approvers and
                                                administrators)
  central alerts ack --url URL --alert N --note TEXT
                                                acknowledge an alert, saying what was found
  central alerts rules --url URL                the alert rules in force
  central alerts rules set --url URL --rule KIND [--enabled yes|no] [--threshold N]
                 [--window MINUTES] [--hours HH:MM-HH:MM] [--days 1-5|1,2,3] [--zone TZ] [--totp CODE]
                                                change one rule (administrators); KIND is one of
                                                ${ALERT_RULE_KINDS.join(', ')}

`;

export interface AlertOptions {
  alert?: string;
  note?: string;
  rule?: string;
  enabled?: string;
  threshold?: string;
  window?: string;
  hours?: string;
  days?: string;
  zone?: string;
}

export type AlertContext = CentralCommandContext;

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** `reflect central alerts ...`: evaluation, the open alerts, acknowledgement and the rules. */
export async function runAlertCommand(
  command: string,
  values: AlertOptions,
  ctx: AlertContext,
): Promise<number> {
  try {
    return await ctx.withCentral(ctx.url(), (client) => run(command, values, ctx, client));
  } catch (error) {
    if (error instanceof CentralPermissionError) ctx.fail('INVALID_INPUT', error.message);
    if (isPermissionDenied(error)) {
      ctx.fail(
        'INVALID_INPUT',
        'Central shows alerts and their rules to approvers and administrators only; connect with such a login.',
      );
    }
    throw error;
  }
}

async function run(
  command: string,
  values: AlertOptions,
  ctx: AlertContext,
  client: pg.ClientBase,
): Promise<number> {
  switch (command) {
    case 'central alerts evaluate': {
      const result = await evaluateAlerts(client);
      ctx.print(
        result,
        `Evaluated ${result.entries} new audit entr${result.entries === 1 ? 'y' : 'ies'}: ${result.raised} alert(s) raised, ${result.updated} open alert(s) with new evidence.`,
      );
      return 0;
    }
    case 'central alerts list': {
      const alerts = await readOpenAlerts(client);
      const text =
        alerts.length === 0
          ? 'No open alerts.'
          : alerts
              .map((a) =>
                [
                  `Alert ${a.alertId}: ${alertSummary(a, utc)}`,
                  ...Object.entries(alertEvidenceLines(a)).map(([k, v]) => `  ${k}: ${v}`),
                ].join('\n'),
              )
              .join('\n\n');
      ctx.print(alerts, text);
      return alerts.length === 0 ? 0 : 3;
    }
    case 'central alerts ack': {
      if (!values.alert || !/^[0-9]{1,18}$/.test(values.alert)) {
        ctx.fail(
          'INVALID_INPUT',
          '--alert is the number of the alert (see `central alerts list`).',
        );
      }
      const outcome = await applyOperation(client, {
        opId: randomUUID(),
        kind: 'alerts.acknowledge',
        payload: { alert_id: values.alert, note: values.note ?? '' },
      });
      if (outcome.status !== 'applied') {
        ctx.fail(
          'INVALID_INPUT',
          `Central refused: ${outcome.status === 'rejected' ? outcome.reason : 'a conflict'}.`,
        );
      }
      ctx.print({ acknowledged: values.alert }, `Alert ${values.alert} acknowledged.`);
      return 0;
    }
    case 'central alerts rules': {
      const overview = await readAlertRules(client);
      ctx.print(overview, overview.rules.map(ruleLine).join('\n'));
      return 0;
    }
    case 'central alerts rules set': {
      const overview = await readAlertRules(client);
      const current = overview.rules.find((r) => r.kind === values.rule);
      if (!current) {
        ctx.fail('INVALID_INPUT', `--rule is one of ${ALERT_RULE_KINDS.join(', ')}.`);
      }
      const next = changedRule(current, values, ctx);
      const outcome = await applyOperation(client, {
        opId: randomUUID(),
        kind: 'alerts.set-rule',
        payload: rulePayload(next),
      });
      if (outcome.status !== 'applied') {
        ctx.fail(
          'INVALID_INPUT',
          `Not saved. Central refused: ${outcome.status === 'rejected' ? outcome.reason : 'a conflict'}.`,
        );
      }
      ctx.print(next, `Saved. ${ruleLine(next)}`);
      return 0;
    }
    default:
      return ctx.fail('INVALID_INPUT', `Unknown command: ${command}.`);
  }
}

function changedRule(current: AlertRule, values: AlertOptions, ctx: AlertContext): AlertRule {
  const [workStart, workEnd] = values.hours?.split('-') ?? [current.workStart, current.workEnd];
  const candidate = {
    kind: current.kind,
    enabled:
      values.enabled === undefined
        ? current.enabled
        : ['yes', 'true', 'on'].includes(values.enabled),
    threshold: values.threshold === undefined ? current.threshold : Number(values.threshold),
    windowMinutes: values.window === undefined ? current.windowMinutes : Number(values.window),
    workStart: workStart ?? '',
    workEnd: workEnd ?? '',
    workDays: values.days === undefined ? current.workDays : parseDays(values.days),
    timeZone: values.zone ?? current.timeZone,
  };
  const parsed = alertRuleInput.safeParse(candidate);
  if (!parsed.success) {
    ctx.fail(
      'INVALID_INPUT',
      `Not saved: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`,
    );
  }
  return parsed.data;
}

/** `1-5` or `1,2,3` (ISO days, 1 = Monday). */
function parseDays(text: string): number[] {
  const range = /^([1-7])-([1-7])$/.exec(text.trim());
  if (range) {
    const days: number[] = [];
    for (let d = Number(range[1]); d <= Number(range[2]); d += 1) days.push(d);
    return days;
  }
  return text.split(',').map((d) => Number(d.trim()));
}
