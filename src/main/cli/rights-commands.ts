import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type { Output } from '../../shared/ipc/contract';
import { ADDRESS_FIELDS, RECTIFIABLE_FIELDS, type ErasurePreview } from '../../shared/rights';
import { applyOperation } from '../central/operations';

/** The CLI's words for an erasure plan: one line per table, then what blocks it. */
export function describeErasurePreview(plan: ErasurePreview): string {
  const lines = plan.tables.map((t) => {
    const rows = t.applied?.rows ?? t.rows;
    const what =
      t.strategy === null
        ? 'NO POLICY'
        : t.strategy === 'retain'
          ? `retain ${t.retainYears} years (${t.legalBasis ?? ''}), then ${t.thenStrategy}${t.applied?.retainUntilLast ? `, last until ${t.applied.retainUntilLast.slice(0, 10)}` : ''}`
          : t.strategy === 'anonymise'
            ? `anonymise ${Object.entries(t.columns)
                .map(([c, r]) => `${c}=${r}`)
                .join(', ')}${t.detach.length ? `, unlink ${t.detach.join(', ')}` : ''}`
            : 'delete';
    return `  ${t.table.padEnd(28)} ${String(rows).padStart(6)} row(s)  ${what}`;
  });
  return [
    `Subjects: ${plan.subjects.join(', ')}${plan.missing.length ? ` (no longer central: ${plan.missing.join(', ')})` : ''}`,
    ...lines,
    plan.complete
      ? 'Complete.'
      : `INCOMPLETE, execution is blocked:\n  - ${plan.problems.join('\n  - ')}`,
    `Plan hash: ${plan.hash}`,
  ].join('\n');
}

export function describeActions(detail: Output<'cases:get'>): string {
  if (detail.actions.length === 0) return 'No action confirmed by central yet.';
  return detail.actions
    .map((a) => `${a.at}  ${a.kind.padEnd(20)} by ${a.actor}  ${JSON.stringify(a.details)}`)
    .join('\n');
}

/** `--set field=value` pairs; an empty value clears the field. */
export function parseRectification(
  sets: string[],
  addresses: string[],
): {
  changes: Record<string, string | null>;
  addresses: { addressId: number; changes: Record<string, string | null> }[];
} {
  const pair = (
    text: string,
    allowed: readonly string[],
    what: string,
  ): [string, string | null] => {
    const at = text.indexOf('=');
    const field = at < 0 ? '' : text.slice(0, at).trim();
    if (!allowed.includes(field)) {
      throw new AppError(
        'INVALID_INPUT',
        `${what} "${text}": write FIELD=VALUE with FIELD one of ${allowed.join(', ')}.`,
      );
    }
    const value = text.slice(at + 1).trim();
    return [field, value === '' ? null : value];
  };
  const changes = Object.fromEntries(sets.map((s) => pair(s, RECTIFIABLE_FIELDS, '--set')));
  const byAddress = new Map<number, Record<string, string | null>>();
  for (const text of addresses) {
    const colon = text.indexOf(':');
    const id = Number(text.slice(0, colon));
    if (colon < 0 || !Number.isSafeInteger(id) || id < 1) {
      throw new AppError('INVALID_INPUT', `--address "${text}": write ADDRESS_ID:FIELD=VALUE.`);
    }
    const [field, value] = pair(text.slice(colon + 1), ADDRESS_FIELDS, '--address');
    byAddress.set(id, { ...byAddress.get(id), [field]: value });
  }
  return {
    changes,
    addresses: [...byAddress].map(([addressId, c]) => ({ addressId, changes: c })),
  };
}

export interface PolicyRow {
  table_schema: string;
  table_name: string;
  strategy: string;
  columns: Record<string, string>;
  legal_basis: string | null;
  retain_years: number | null;
  retain_from: string | null;
  then_strategy: string | null;
  updated_by: string;
  updated_at: string;
}

/** Every erasure policy, and the tables that reach a customer without one (they block erasure). */
export async function listErasurePolicies(
  client: pg.ClientBase,
): Promise<{ policies: PolicyRow[]; withoutPolicy: string[] }> {
  const policies = await client.query<PolicyRow>(
    'SELECT * FROM reflect.erasure_policies ORDER BY table_schema, table_name',
  );
  const known = new Set(policies.rows.map((p) => `${p.table_schema}.${p.table_name}`));
  const reached = await client
    .query<{ child: string }>(
      // Named with their schema whatever the session's search path.
      `SELECT DISTINCT n.nspname || '.' || c.relname AS child FROM reflect.erasure_edges() e
       JOIN pg_class c ON c.oid = e.child JOIN pg_namespace n ON n.oid = c.relnamespace`,
    )
    .catch(() => ({ rows: [] as { child: string }[] }));
  return {
    policies: policies.rows,
    withoutPolicy: reached.rows.map((r) => r.child).filter((t) => !known.has(t)),
  };
}

export function describePolicies(list: Awaited<ReturnType<typeof listErasurePolicies>>): string {
  return [
    ...list.policies.map((p) => {
      const rule =
        p.strategy === 'retain'
          ? `retain ${p.retain_years} years from ${p.retain_from ?? 'the erasure'}, then ${p.then_strategy}: ${p.legal_basis}`
          : p.strategy === 'anonymise'
            ? `anonymise ${
                Object.entries(p.columns)
                  .map(([c, r]) => `${c}=${r}`)
                  .join(', ') || '(unlink only)'
              }`
            : 'delete';
      return `${`${p.table_schema}.${p.table_name}`.padEnd(28)} ${rule}  (${p.updated_by})`;
    }),
    ...list.withoutPolicy.map(
      (t) => `${t.padEnd(28)} NO POLICY: every erasure is blocked until one is set`,
    ),
  ].join('\n');
}

/** An administrator's operation on central (policies, purge), with its outcome in words. */
export async function adminOperation(
  client: pg.ClientBase,
  kind: 'erasure.set-policy' | 'erasure.remove-policy' | 'erasure.purge-due',
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const outcome = await applyOperation(client, { opId: randomUUID(), kind, payload });
  if (outcome.status === 'rejected') {
    throw new AppError('INVALID_INPUT', `Central refused: ${outcome.reason}.`);
  }
  if (outcome.status === 'conflict') {
    throw new AppError('CONFLICTING_CHANGE', 'Central changed meanwhile; run the command again.');
  }
  return outcome;
}

/** `--column col=rule` pairs of an anonymising policy. */
export function parseColumnRules(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((text) => {
      const at = text.indexOf('=');
      if (at < 1) {
        throw new AppError(
          'INVALID_INPUT',
          `--column "${text}": write COLUMN=null, COLUMN=hash or COLUMN=fixed:TEXT.`,
        );
      }
      return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
    }),
  );
}
