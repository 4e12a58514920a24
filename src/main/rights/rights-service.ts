import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import type { ErasurePreview, ReappearanceView } from '../../shared/rights';
import type { RectifiableField, AddressField } from '../../shared/rights';
import { applyOperation, type OperationKind } from '../central/operations';
import { centralNow } from './central-now';
import { loadCase, type CaseRecord } from '../cases/case-record';
import type { SqliteDatabase } from '../db/open';
import type { SyncController } from '../sync/sync-controller';
import type { WorkspaceService } from '../workspace/workspace-service';
import { toErasurePreview } from './erasure-preview';
import { rectificationProblem } from '../../shared/rectification';
import {
  erasurePolicyProblem,
  type ErasurePolicy,
  type ErasurePolicyOverview,
} from '../../shared/erasure-policies';
import { isCentralAdmin, policyPayload, readErasurePolicies } from './erasure-policy-store';

/**
 * Carries out a case's right. Each action is one named operation that central applies and
 * answers at once (it decides what cannot be undone and re-checks every rule); the desk then
 * syncs, so the erasure, the restriction or the withdrawn consents reach its replica, and the
 * case's confirmed action (what fulfilment waits for) arrives with them.
 */
export class RightsService {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly sync: SyncController,
  ) {}

  /** Central's dry run of the case's erasure: what each table loses, keeps and why. */
  async erasurePreview(caseId: string): Promise<ErasurePreview> {
    const record = this.requireCase(caseId);
    if (record.requestType !== 'erasure' && record.requestType !== 'delete') {
      throw new AppError(
        'INVALID_INPUT',
        'Only an erasure (or CCPA delete) case has an erasure plan.',
      );
    }
    const raw = await this.central(async (client) => {
      const result = await client.query<{ plan: Record<string, unknown> }>(
        'SELECT reflect.erasure_preview($1) AS plan',
        [caseId],
      );
      return result.rows[0]?.plan ?? null;
    });
    if (!raw) throw new AppError('INTERNAL', 'Central returned no erasure plan.');
    if (typeof raw.refusal === 'string')
      throw new AppError('INVALID_INPUT', `Central: ${raw.refusal}.`);
    const preview = toErasurePreview(raw);
    this.audit('erasure.previewed', caseId, {
      planHash: preview.hash,
      complete: preview.complete,
      subjects: preview.subjects,
    });
    return preview;
  }

  /** Executes the approved plan; refused centrally when the plan changed since the approval. */
  async erase(caseId: string, planHash: string): Promise<void> {
    const record = this.requireCase(caseId);
    if (record.approval?.decision !== 'approved') {
      throw new AppError('INVALID_INPUT', 'A second officer must approve the erasure plan first.');
    }
    await this.apply('case.erase', caseId, { case_id: caseId, plan_hash: planHash });
  }

  async withdrawConsents(caseId: string, purposes: string[]): Promise<void> {
    this.requireCase(caseId);
    await this.apply('case.withdraw-consents', caseId, { case_id: caseId, purposes });
  }

  async restrict(caseId: string, customerId: number, reason: string): Promise<void> {
    this.requireCase(caseId);
    await this.apply('customer.restrict', caseId, {
      case_id: caseId,
      customer_id: customerId,
      base_version: this.customerVersion(customerId),
      restricted: true,
      reason,
    });
  }

  async liftRestriction(caseId: string, customerId: number, reason: string): Promise<void> {
    this.requireCase(caseId);
    await this.apply('customer.lift-restriction', caseId, {
      case_id: caseId,
      customer_id: customerId,
      base_version: this.customerVersion(customerId),
      reason,
    });
  }

  async rectify(input: {
    caseId: string;
    customerId: number;
    evidence: string;
    changes: Partial<Record<RectifiableField, string | null>>;
    addresses: { addressId: number; changes: Partial<Record<AddressField, string | null>> }[];
  }): Promise<void> {
    this.requireCase(input.caseId);
    const db = this.db();
    const own = db
      .prepare('SELECT address_id FROM addresses WHERE customer_id = ?')
      .pluck()
      .all(input.customerId) as number[];
    // The desk's answer is the fast one; central checks the same and its answer counts.
    const problem = rectificationProblem(input, own);
    if (problem) throw new AppError('INVALID_INPUT', `Not corrected: ${sentence(problem)}`);
    const addressVersion = db.prepare(
      'SELECT version FROM addresses WHERE address_id = ? AND customer_id = ?',
    );
    await this.apply('case.rectify', input.caseId, {
      case_id: input.caseId,
      customer_id: input.customerId,
      base_version: this.customerVersion(input.customerId),
      evidence: input.evidence,
      changes: input.changes,
      addresses: input.addresses
        .filter((a) => Object.keys(a.changes).length > 0)
        .map((a) => {
          const row = addressVersion.get(a.addressId, input.customerId) as
            { version: number } | undefined;
          if (!row) {
            throw new AppError(
              'NOT_FOUND',
              `Address ${a.addressId} is not one of customer ${input.customerId}'s on this desk.`,
            );
          }
          return { address_id: a.addressId, base_version: row.version, changes: a.changes };
        }),
    });
  }

  /** Records on this desk flagged as matching an erased person, for one customer or all open ones. */
  reappearances(customerId: number | null): ReappearanceView[] {
    const rows = this.db()
      .prepare(
        `SELECT * FROM reappearances WHERE (? IS NULL AND decision IS NULL) OR customer_id = ?
         ORDER BY raised_at`,
      )
      .all(customerId, customerId) as Record<string, unknown>[];
    return rows.map((r) => ({
      reappearanceId: String(r.reappearance_id),
      customerId: Number(r.customer_id),
      matchedOn: JSON.parse(String(r.matched_on)) as string[],
      erasedAt: String(r.erased_at),
      caseReference: String(r.case_reference),
      raisedAt: String(r.raised_at),
      decision: (r.decision as ReappearanceView['decision']) ?? null,
      decidedBy: (r.decided_by as string | null) ?? null,
      decidedAt: (r.decided_at as string | null) ?? null,
      note: (r.note as string | null) ?? null,
      version: Number(r.version),
    }));
  }

  async decideReappearance(input: {
    reappearanceId: string;
    decision: 'keep' | 'erase';
    note: string;
  }): Promise<void> {
    const row = this.db()
      .prepare('SELECT customer_id, version FROM reappearances WHERE reappearance_id = ?')
      .get(input.reappearanceId) as { customer_id: number; version: number } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'This flagged record is not on this desk.');
    await this.apply(
      'reappearance.decide',
      null,
      {
        reappearance_id: input.reappearanceId,
        base_version: row.version,
        decision: input.decision,
        note: input.note,
      },
      // Whose record it is and what was decided; the note stays central (it may describe the person).
      { subject: `customer:${row.customer_id}`, decision: input.decision },
    );
  }

  /** Each table's erasure policy as central holds it, and the tables that have none. */
  erasurePolicies(): Promise<ErasurePolicyOverview> {
    return this.central(readErasurePolicies);
  }

  /**
   * Sets a table's policy centrally (administrators only). The desk checks it first against
   * the table's columns in central's words; central checks it again and its answer counts.
   */
  async setErasurePolicy(policy: ErasurePolicy, totp?: string): Promise<ErasurePolicyOverview> {
    return this.changePolicies('erasure.set-policy', policy.table, totp, async (client) => {
      const overview = await readErasurePolicies(client);
      const problem = erasurePolicyProblem(policy, overview.columns[policy.table] ?? null);
      if (problem) throw new AppError('INVALID_INPUT', `Not saved: ${sentence(problem)}`);
      return policyPayload(policy);
    });
  }

  async removeErasurePolicy(table: string, totp?: string): Promise<ErasurePolicyOverview> {
    return this.changePolicies('erasure.remove-policy', table, totp, () =>
      Promise.resolve({ table }),
    );
  }

  private async changePolicies(
    kind: 'erasure.set-policy' | 'erasure.remove-policy',
    table: string,
    totp: string | undefined,
    payload: (client: pg.Client) => Promise<Record<string, unknown>>,
  ): Promise<ErasurePolicyOverview> {
    return this.central(async (client) => {
      if (!(await isCentralAdmin(client))) {
        const login = (await client.query<{ u: string }>('SELECT session_user AS u')).rows[0]?.u;
        throw new AppError(
          'ROLE_REFUSED',
          `Only an administrator's login can change erasure policies; this desk logs in to central as "${login ?? ''}". Ask an administrator to change it, or connect this desk with an administrator's login in Settings.`,
        );
      }
      const body = await payload(client);
      const outcome = await applyOperation(
        client,
        { opId: randomUUID(), kind, payload: body },
        totp === undefined ? {} : { totp },
      );
      if (outcome.status === 'rejected') {
        throw new AppError('INVALID_INPUT', `Central refused: ${sentence(outcome.reason)}`);
      }
      const { audit } = this.workspace.requireOpen();
      audit.record({
        actor: this.workspace.actor,
        action: kind === 'erasure.set-policy' ? 'erasure.policy-set' : 'erasure.policy-removed',
        details: {
          table,
          ...(kind === 'erasure.set-policy'
            ? { strategy: body.strategy, columns: Object.keys(body.columns as object) }
            : {}),
        },
      });
      return readErasurePolicies(client);
    });
  }

  /** One operation, answered by central now; then a sync brings its effect to this desk. */
  private async apply(
    kind: OperationKind,
    caseId: string | null,
    payload: Record<string, unknown>,
    audited: { subject: string; decision: string } | null = null,
  ): Promise<void> {
    const opId = randomUUID();
    const outcome = await this.central((client) => applyOperation(client, { opId, kind, payload }));
    if (outcome.status === 'conflict') {
      throw new AppError(
        'CONFLICTING_CHANGE',
        'The record changed centrally since this desk last synced. Sync, look at it again and retry.',
      );
    }
    if (outcome.status === 'rejected') {
      throw new AppError('INVALID_INPUT', `Central refused: ${sentence(outcome.reason)}`);
    }
    if (audited) {
      const { audit } = this.workspace.requireOpen();
      audit.record({
        actor: this.workspace.actor,
        action: `right.${kind}`,
        subject: audited.subject,
        details: { opId, kind, decision: audited.decision },
      });
    } else {
      this.audit(`right.${kind}`, caseId, { opId, kind });
    }
    // The effect arrives with the next pull; a failed sync here is shown as the sync's state.
    await this.sync.run().catch(() => undefined);
  }

  private central<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    return centralNow(this.sync, work);
  }

  private audit(action: string, caseId: string | null, details: Record<string, unknown>): void {
    const { audit } = this.workspace.requireOpen();
    audit.record({
      actor: this.workspace.actor,
      action,
      ...(caseId ? { subject: `case:${caseId}` } : {}),
      details,
    });
  }

  private customerVersion(customerId: number): number {
    const row = this.db()
      .prepare('SELECT version FROM customers WHERE customer_id = ?')
      .get(customerId) as { version: number } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `Customer ${customerId} is not in the replica.`);
    return row.version;
  }

  private requireCase(caseId: string): CaseRecord {
    const record = loadCase(this.db(), caseId);
    if (!record) throw new AppError('NOT_FOUND', `No case ${caseId} on this desk.`);
    return record;
  }

  private db(): SqliteDatabase {
    return this.workspace.requireOpen().replica.raw;
  }
}

/** Central's reasons are lower-case clauses; a person reads a sentence. */
function sentence(reason: string): string {
  const text = reason.trim();
  // A table's name (reflect.orders) keeps its case.
  if (/^[a-z_]+\.[a-z_]/.test(text)) return /[.!?]$/.test(text) ? text : `${text}.`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}
