import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type {
  LegalHold,
  RetentionOverview,
  RetentionPolicyInput,
  RetentionPreview,
  RetentionRun,
  RetentionRunOutcome,
  RetentionSchedule,
} from '../../shared/retention';
import { applyOperation, type OperationKind } from '../central/operations';
import { centralNow } from '../rights/central-now';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import {
  isMissingRetention,
  isPermissionDenied,
  policyPayload,
  previewRetention,
  readHolds,
  readRetention,
  readRuns,
  runRetention,
  schedulePayload,
} from './central-retention';

export interface HoldTarget {
  customerId?: number;
  caseId?: string;
}

/**
 * Retention and legal holds as the desk shows them: read from central when asked, never kept in
 * the replica, because the preview is central's answer for the present moment and every change
 * is central's to make; offline, the officer is told that this needs central (centralNow).
 */
export class RetentionService {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly sync: SyncController,
  ) {}

  overview(): Promise<RetentionOverview> {
    return this.central((client) => readRetention(client));
  }

  preview(): Promise<RetentionPreview> {
    return this.central((client) => previewRetention(client));
  }

  runs(): Promise<RetentionRun[]> {
    return this.central((client) =>
      readRuns(client).catch((error: unknown) => {
        throw refusedRead(error, 'the retention run log', 'officers');
      }),
    );
  }

  setPolicy(policy: RetentionPolicyInput, totp?: string): Promise<RetentionOverview> {
    return this.adminChange('retention.set-policy', policyPayload(policy), totp, {
      target: policy.category ?? policy.table,
      period: `${policy.keepAmount} ${policy.keepUnit}`,
      action: policy.action,
    });
  }

  removePolicy(policyId: string, totp?: string): Promise<RetentionOverview> {
    return this.adminChange('retention.remove-policy', { policy_id: policyId }, totp, { policyId });
  }

  confirm(policyId: string, confirmed: boolean, totp?: string): Promise<RetentionOverview> {
    return this.adminChange('retention.confirm', { policy_id: policyId, confirmed }, totp, {
      policyId,
      confirmed,
    });
  }

  setSchedule(schedule: RetentionSchedule, totp?: string): Promise<RetentionOverview> {
    return this.adminChange('retention.set-schedule', schedulePayload(schedule), totp, {
      ...schedule,
    });
  }

  async runNow(): Promise<RetentionRunOutcome> {
    const outcome = await this.central((client) => runRetention(client));
    this.record('retention.run-started', null, { outcome: outcome.status });
    return outcome;
  }

  holds(target: HoldTarget): Promise<LegalHold[]> {
    return this.central((client) => this.readHoldsOf(client, target));
  }

  async place(target: HoldTarget, reason: string): Promise<LegalHold[]> {
    const holds = await this.central(async (client) => {
      await this.apply(client, 'legal-hold.place', {
        ...(target.customerId === undefined ? {} : { customer_id: String(target.customerId) }),
        ...(target.caseId === undefined ? {} : { case_id: target.caseId }),
        reason,
      });
      return this.readHoldsOf(client, target);
    });
    this.record('legal-hold.placed', subjectOf(target), { reasonLength: reason.trim().length });
    return holds;
  }

  async release(holdId: string, target: HoldTarget): Promise<LegalHold[]> {
    const holds = await this.central(async (client) => {
      await this.apply(client, 'legal-hold.release', { hold_id: holdId });
      return this.readHoldsOf(client, target);
    });
    this.record('legal-hold.released', subjectOf(target), { holdId });
    return holds;
  }

  private async readHoldsOf(client: pg.ClientBase, target: HoldTarget): Promise<LegalHold[]> {
    try {
      return await readHolds(client, {
        ...(target.customerId === undefined ? {} : { customerId: String(target.customerId) }),
        ...(target.caseId === undefined ? {} : { caseId: target.caseId }),
      });
    } catch (error) {
      throw refusedRead(error, 'legal holds', 'officers');
    }
  }

  private adminChange(
    kind: OperationKind,
    payload: Record<string, unknown>,
    totp: string | undefined,
    details: Record<string, unknown>,
  ): Promise<RetentionOverview> {
    return this.central(async (client) => {
      const before = await readRetention(client);
      if (!before.canChange) {
        throw new AppError(
          'ROLE_REFUSED',
          `Only an administrator's login can change retention; this desk logs in to central as "${before.login}". Ask an administrator, or connect this desk with an administrator's login in Settings.`,
        );
      }
      await this.apply(client, kind, payload, totp);
      this.record(kind, null, details);
      return readRetention(client);
    });
  }

  private async apply(
    client: pg.ClientBase,
    kind: OperationKind,
    payload: Record<string, unknown>,
    totp?: string,
  ): Promise<void> {
    const outcome = await applyOperation(
      client,
      { opId: randomUUID(), kind, payload },
      totp === undefined ? {} : { totp },
    );
    if (outcome.status === 'rejected') {
      throw new AppError(
        'INVALID_INPUT',
        `Not saved. Central refused: ${sentence(outcome.reason)}`,
      );
    }
  }

  private record(action: string, subject: string | null, details: Record<string, unknown>): void {
    this.workspace.requireOpen().audit.record({
      actor: this.workspace.actor,
      action,
      ...(subject ? { subject } : {}),
      details,
    });
  }

  private central<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    return centralNow(this.sync, async (client) => {
      try {
        return await work(client);
      } catch (error) {
        if (isMissingRetention(error)) {
          throw new AppError(
            'INVALID_INPUT',
            'The central database has no retention yet: an administrator runs `reflect central install` to upgrade it.',
            { cause: error },
          );
        }
        throw error;
      }
    });
  }
}

function subjectOf(target: HoldTarget): string {
  return target.customerId === undefined
    ? `case:${target.caseId ?? ''}`
    : `customer:${target.customerId}`;
}

function refusedRead(error: unknown, what: string, who: string): unknown {
  if (!isPermissionDenied(error)) return error;
  return new AppError(
    'ROLE_REFUSED',
    `Central shows ${what} to ${who} and above; this login may not read them.`,
    {
      cause: error,
    },
  );
}

function sentence(reason: string): string {
  const text = reason.trim();
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}
