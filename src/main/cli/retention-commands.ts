import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  describePolicy,
  describePreview,
  RETENTION_CATEGORIES,
  type LegalHold,
  type RetentionCategory,
  type RetentionPolicyInput,
  type RetentionRun,
  type RetentionRunOutcome,
} from '../../shared/retention';
import { applyOperation, type OperationKind } from '../central/operations';
import {
  isPermissionDenied,
  policyPayload,
  previewRetention,
  readHolds,
  readRetention,
  readRuns,
  runRetention,
  runRetentionIfDue,
  schedulePayload,
} from '../retention/central-retention';
import { type CentralCommandContext, reportingAppErrors } from './central-command';

export const RETENTION_COMMANDS = new Set([
  'central retention list',
  'central retention set',
  'central retention remove',
  'central retention confirm',
  'central retention schedule',
  'central retention preview',
  'central retention run',
  'central retention runs',
  'central hold place',
  'central hold release',
  'central hold list',
]);

export const RETENTION_USAGE = `  central retention list --url URL              retention policies (per data category or table)
                                                and the schedule
  central retention set --url URL (--category ${RETENTION_CATEGORIES.join('|')} | --table SCHEMA.TABLE)
                 --keep 7y|90d [--anchor event|last-activity] [--action delete|anonymise]
                 [--from DATE_COLUMN] [--totp CODE]
                                                set and confirm a policy (administrators)
  central retention confirm --url URL --policy N [--off] [--totp CODE]
                                                confirm a policy (the installed defaults remove
                                                nothing until confirmed); --off pauses it
  central retention remove --url URL --policy N [--totp CODE]
  central retention schedule --url URL [--enabled yes|no] [--every DAYS] [--at HH:MM] [--zone TZ]
                 [--totp CODE]                  show or change when retention runs
  central retention preview --url URL           what the next run removes, per policy, first ids
  central retention run --url URL [--now]       run if the schedule's slot is due (as every desk's
                                                sync does); --now runs at once (administrators)
  central retention runs --url URL              the run log: counts and ids, never values
  central hold place --url URL (--customer N | --case REF) --reason TEXT
                                                a legal hold: retention skips the person or the
                                                case's subjects until released (approvers)
  central hold release --url URL --hold N
  central hold list --url URL [--customer N | --case REF]

`;

export interface RetentionOptions {
  category?: string;
  table?: string;
  keep?: string;
  anchor?: string;
  action?: string;
  from?: string;
  policy?: string;
  off: boolean;
  enabled?: string;
  every?: string;
  at?: string;
  zone?: string;
  now: boolean;
  customer?: string;
  case?: string;
  reason?: string;
  hold?: string;
}

/** `reflect central retention ...` and `reflect central hold ...`. */
export async function runRetentionCommand(
  command: string,
  values: RetentionOptions,
  ctx: CentralCommandContext,
): Promise<number> {
  return reportingAppErrors(ctx, async () => {
    try {
      return await ctx.withCentral(ctx.url(), (client) => run(command, values, ctx, client));
    } catch (error) {
      if (isPermissionDenied(error)) {
        ctx.fail('ROLE_REFUSED', `Central refused: ${(error as Error).message}.`);
      }
      throw error;
    }
  });
}

async function run(
  command: string,
  values: RetentionOptions,
  ctx: CentralCommandContext,
  client: pg.ClientBase,
): Promise<number> {
  switch (command) {
    case 'central retention list': {
      const overview = await readRetention(client);
      const s = overview.schedule;
      ctx.print(
        overview,
        [
          ...overview.policies.map((p) => `Policy ${p.policyId}: ${describePolicy(p)}`),
          `Schedule: ${s.enabled ? `every ${s.everyDays} day(s) at ${s.at} ${s.timeZone}` : 'off (runs only when started by hand)'}`,
        ].join('\n'),
      );
      return 0;
    }
    case 'central retention set': {
      const outcome = await change(
        client,
        'retention.set-policy',
        policyPayload(policyInput(values, ctx)),
        ctx,
      );
      ctx.print(outcome, 'Saved and confirmed. It applies from the next run.');
      return 0;
    }
    case 'central retention confirm': {
      const policyId = policyOption(values, ctx);
      await change(
        client,
        'retention.confirm',
        { policy_id: policyId, confirmed: !values.off },
        ctx,
      );
      ctx.print(
        { policyId, confirmed: !values.off },
        values.off ? `Policy ${policyId} is paused.` : `Policy ${policyId} is confirmed.`,
      );
      return 0;
    }
    case 'central retention remove': {
      const policyId = policyOption(values, ctx);
      await change(client, 'retention.remove-policy', { policy_id: policyId }, ctx);
      ctx.print({ policyId }, `Policy ${policyId} removed.`);
      return 0;
    }
    case 'central retention schedule': {
      const current = (await readRetention(client)).schedule;
      const changing = [values.enabled, values.every, values.at, values.zone].some(
        (v) => v !== undefined,
      );
      if (changing) {
        const next = {
          enabled:
            values.enabled === undefined
              ? current.enabled
              : ['yes', 'true', 'on'].includes(values.enabled),
          everyDays: values.every === undefined ? current.everyDays : Number(values.every),
          at: values.at ?? current.at,
          timeZone: values.zone ?? current.timeZone,
        };
        await change(client, 'retention.set-schedule', schedulePayload(next), ctx);
      }
      const preview = await previewRetention(client);
      const s = preview.schedule;
      ctx.print(
        s,
        `${changing ? 'Saved. ' : ''}${s.enabled ? `Retention runs every ${s.everyDays} day(s) at ${s.at} ${s.timeZone}; next at the first sync after ${s.nextSlot}.` : 'The schedule is off: retention runs only when started by hand (reflect central retention run --now).'}`,
      );
      return 0;
    }
    case 'central retention preview': {
      const preview = await previewRetention(client);
      ctx.print(
        preview,
        [
          describePreview(preview),
          ...preview.policies.map(
            (p) =>
              `  ${p.table} (${p.target}, ${p.period}, ${p.action}${p.confirmed ? '' : ', not confirmed'}): ${p.problem ?? `${p.due} due${p.held ? `, ${p.held} held` : ''}${p.firstIds.length ? `; first ids ${p.firstIds.join(', ')}` : ''}`}`,
          ),
        ].join('\n'),
      );
      return 0;
    }
    case 'central retention run': {
      const outcome = values.now ? await runRetention(client) : await runRetentionIfDue(client);
      ctx.print(outcome, describeOutcome(outcome));
      return outcome.status === 'failed' ? 1 : 0;
    }
    case 'central retention runs': {
      const runs = await readRuns(client);
      ctx.print(
        runs,
        runs.length === 0 ? 'No retention run yet.' : runs.map(describeRun).join('\n'),
      );
      return 0;
    }
    case 'central hold place': {
      const target = await holdTarget(client, values, ctx);
      if (!target)
        ctx.fail('INVALID_INPUT', 'Name the person (--customer N) or the case (--case REF).');
      const outcome = await change(
        client,
        'legal-hold.place',
        { ...target, reason: values.reason ?? '' },
        ctx,
      );
      ctx.print(
        outcome,
        `Legal hold placed on ${outcome.subject ?? ''}: retention skips it until released.`,
      );
      return 0;
    }
    case 'central hold release': {
      if (!values.hold)
        ctx.fail('INVALID_INPUT', '--hold is the number of the hold (see `central hold list`).');
      await change(client, 'legal-hold.release', { hold_id: values.hold }, ctx);
      ctx.print({ released: values.hold }, `Legal hold ${values.hold} released.`);
      return 0;
    }
    case 'central hold list': {
      const target = await holdTarget(client, values, ctx);
      const holds = await readHolds(client, {
        ...(target?.customer_id ? { customerId: target.customer_id } : {}),
        ...(target?.case_id ? { caseId: target.case_id } : {}),
      });
      ctx.print(holds, holds.length === 0 ? 'No legal holds.' : holds.map(describeHold).join('\n'));
      return 0;
    }
    default:
      return ctx.fail('INVALID_INPUT', `Unknown command: ${command}.`);
  }
}

async function change(
  client: pg.ClientBase,
  kind: OperationKind,
  payload: Record<string, unknown>,
  ctx: CentralCommandContext,
) {
  const outcome = await applyOperation(client, { opId: randomUUID(), kind, payload });
  if (outcome.status !== 'applied') {
    return ctx.fail(
      'INVALID_INPUT',
      `Not saved. Central refused: ${outcome.status === 'rejected' ? outcome.reason : 'a conflict'}.`,
    );
  }
  return outcome;
}

function policyOption(values: RetentionOptions, ctx: CentralCommandContext): string {
  if (!values.policy || !/^[0-9]{1,18}$/.test(values.policy)) {
    ctx.fail(
      'INVALID_INPUT',
      '--policy is the number of the policy (see `central retention list`).',
    );
  }
  return values.policy ?? '';
}

/** `7y`, `7 years`, `90d`, `90 days`. */
export function parseKeep(text: string): { keepAmount: number; keepUnit: 'days' | 'years' } | null {
  const m = /^\s*([0-9]{1,5})\s*(y|years?|d|days?)\s*$/i.exec(text);
  if (!m) return null;
  return {
    keepAmount: Number(m[1]),
    keepUnit: m[2]?.toLowerCase().startsWith('y') ? 'years' : 'days',
  };
}

function policyInput(values: RetentionOptions, ctx: CentralCommandContext): RetentionPolicyInput {
  if ((values.category === undefined) === (values.table === undefined)) {
    ctx.fail('INVALID_INPUT', 'Name one --category or one --table.');
  }
  const keep = parseKeep(values.keep ?? '');
  if (!keep) ctx.fail('INVALID_INPUT', '--keep is a period such as 7y (years) or 90d (days).');
  const anchor = values.anchor === undefined ? 'event' : values.anchor.replace('-', '_');
  if (anchor !== 'event' && anchor !== 'last_activity') {
    ctx.fail('INVALID_INPUT', '--anchor is event or last-activity.');
  }
  const action = values.action ?? 'delete';
  if (action !== 'delete' && action !== 'anonymise') {
    ctx.fail('INVALID_INPUT', '--action is delete or anonymise.');
  }
  return {
    ...(values.category === undefined ? {} : { category: values.category as RetentionCategory }),
    ...(values.table === undefined ? {} : { table: values.table }),
    keepAmount: keep.keepAmount,
    keepUnit: keep.keepUnit,
    anchor,
    action,
    ...(values.from === undefined ? {} : { eventColumn: values.from }),
  };
}

async function holdTarget(
  client: pg.ClientBase,
  values: RetentionOptions,
  ctx: CentralCommandContext,
): Promise<{ customer_id?: string; case_id?: string } | null> {
  if (values.customer !== undefined && values.case !== undefined) {
    ctx.fail('INVALID_INPUT', 'Name the person (--customer) or the case (--case), not both.');
  }
  if (values.customer !== undefined) return { customer_id: values.customer };
  if (values.case === undefined) return null;
  const { rows } = await client.query<{ id: string }>(
    `SELECT case_id::text AS id FROM reflect.cases WHERE reference = $1 OR case_id::text = lower($1) LIMIT 1`,
    [values.case],
  );
  const found = rows[0];
  if (!found)
    return ctx.fail('NOT_FOUND', `There is no case ${values.case} in the central database.`);
  return { case_id: found.id };
}

export function describeOutcome(outcome: RetentionRunOutcome): string {
  switch (outcome.status) {
    case 'done':
      return `Retention run ${outcome.runId}: ${outcome.deleted} row(s) deleted, ${outcome.anonymised} anonymised, ${outcome.skippedHeld} skipped for a legal hold.`;
    case 'failed':
      return `Retention run ${outcome.runId} failed and changed nothing: ${outcome.error}`;
    case 'disabled':
      return 'The schedule is off: nothing ran. Run it by hand with --now, or turn the schedule on.';
    case 'not-due':
      return `Not due: the next run is at the first sync after ${outcome.nextSlot ?? 'the next slot'}.`;
    case 'busy':
      return 'Another desk is running retention right now; it finishes this slot.';
  }
}

function describeRun(r: RetentionRun): string {
  const what =
    r.status === 'failed'
      ? `failed: ${r.error ?? ''}`
      : `${r.rowsDeleted} deleted, ${r.rowsAnonymised} anonymised, ${r.skippedHeld} held${r.policies
          .filter((p) => p.removed > 0)
          .map((p) => `; ${p.table} ${p.removed} (first ${p.firstIds.slice(0, 5).join(', ')})`)
          .join('')}`;
  return `Run ${r.runId} ${r.startedAt} by ${r.runBy} (${r.trigger}): ${what}`;
}

function describeHold(h: LegalHold): string {
  const on = h.customerId ? `customer ${h.customerId}` : `case ${h.caseId ?? ''}`;
  const state = h.releasedAt ? `released ${h.releasedAt} by ${h.releasedBy ?? ''}` : 'live';
  return `Hold ${h.holdId} on ${on}, placed ${h.placedAt} by ${h.placedBy} (${state}): ${h.reason}`;
}
