import type pg from 'pg';
import { centralMfaError, verifyAdminCode } from './admin-mfa';

/** Operation kinds the central side knows; `central/migrations` registers each in reflect.operation_kinds. */
export type OperationKind =
  | 'customer.rectify'
  | 'customer.restrict'
  | 'consent.set'
  | 'customer.merge'
  | 'customer.unmerge'
  | 'customer.erase'
  | 'audit.append'
  | 'case.create'
  | 'case.update'
  | 'case.transition'
  | 'case.verify'
  | 'case.extend'
  | 'case.pause'
  | 'case.decide-approval'
  | 'case.note'
  | 'case.communicate'
  | 'case.record-export'
  | 'case.propose-export'
  | 'case.erase'
  | 'case.withdraw-consents'
  | 'case.rectify'
  | 'customer.lift-restriction'
  | 'reappearance.decide'
  | 'erasure.set-policy'
  | 'erasure.remove-policy'
  | 'erasure.purge-due'
  | 'datamap.save'
  | 'datamap.discovered'
  | 'datamap.capture'
  | 'datamap.uncapture'
  | 'alerts.set-rule'
  | 'alerts.acknowledge'
  | 'team.set'
  | 'team.remove'
  | 'retention.set-policy'
  | 'retention.remove-policy'
  | 'retention.confirm'
  | 'retention.set-schedule'
  | 'legal-hold.place'
  | 'legal-hold.release'
  | 'records.set'
  | 'records.remove';

export type OperationOutcome =
  | { status: 'applied'; subject: string | null; repeated?: boolean }
  | { status: 'conflict'; current: unknown }
  | { status: 'rejected'; reason: string };

/** The central database refused the officer's role for this operation. */
export class CentralPermissionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CentralPermissionError';
  }
}

/**
 * Applies one named operation centrally. Idempotent by `opId`: sending the same operation again
 * (its acknowledgement lost) returns the first outcome with `repeated: true` and changes nothing.
 */
export async function applyOperation(
  client: pg.ClientBase,
  operation: { opId: string; kind: OperationKind; payload: Record<string, unknown> },
  options: { totp?: string } = {},
): Promise<OperationOutcome> {
  // An admin change spends a two-step code verified on the same session just before it.
  if (options.totp !== undefined) await verifyAdminCode(client, options.totp);
  try {
    const result = await client.query<{ outcome: OperationOutcome }>(
      'SELECT reflect.apply_operation($1, $2, $3) AS outcome',
      [operation.opId, operation.kind, JSON.stringify(operation.payload)],
    );
    const outcome = result.rows[0]?.outcome;
    if (!outcome) throw new Error('The central database returned no outcome.');
    return outcome;
  } catch (error) {
    const mfa = centralMfaError(error);
    if (mfa) throw mfa;
    if ((error as { code?: string }).code === '42501') {
      throw new CentralPermissionError(
        `The central database refused this operation: ${(error as Error).message}. Ask an administrator for the right role.`,
        { cause: error },
      );
    }
    throw error;
  }
}
