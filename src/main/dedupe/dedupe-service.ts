import { AppError } from '../../shared/errors';
import {
  MAX_MERGE_RECORDS,
  type ClusterPage,
  type DedupeProgress,
  type DedupeRunSummary,
  type DismissedPair,
  type MergePlan,
  type MergeRecordSummary,
} from '../../shared/dedupe';
import type { SqliteDatabase } from '../db/open';
import type { WorkspaceService } from '../workspace/workspace-service';
import { listClusters, type ClusterFilter } from './candidate-clusters';
import { changedSinceRun, lastRun } from './dedupe-runs';
import { listDismissedPairs, undoDismissal } from './dismissed-pairs';
import type { DetectionRunner } from './dedupe-runners';
import { mergeCustomers, type MergeRequest } from './merge-customers';
import { buildMergePlan } from './merge-plan';
import { undoBlocked, unmergeCustomers } from './unmerge-customers';

export interface DedupeServiceOptions {
  runner: DetectionRunner;
  now?: () => Date;
  onProgress?: (progress: DedupeProgress) => void;
  /** A check no one waits for failed (the one after an undone merge): for the log. */
  onBackgroundFailure?: (error: unknown) => void;
}

interface MergeRow {
  op_id: string;
  survivor_id: number;
  merged_ids: string;
  provenance: string;
  survivor_version_after: number;
  merged_at: string;
  merged_by: string;
  undone_at: string | null;
}

/**
 * Duplicate review: checks (in a worker in the app), the clusters found, comparing records,
 * "not the same person" decisions, merges and their undo. Comparing, deciding, merging and undoing
 * are audited; they all show or change personal data.
 */
export class DedupeService {
  private readonly now: () => Date;
  private running: Promise<DedupeRunSummary> | null = null;

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly options: DedupeServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Whether a duplicate check is running now. */
  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Runs a check, or joins the one already running: two at once would only race to save. */
  check(kind: 'full' | 'incremental'): Promise<DedupeRunSummary> {
    if (this.running) return this.running;
    const { key } = this.workspace.requireOpen();
    const run = this.options
      .runner(
        { databasePath: this.workspace.replicaPath, keyHex: key.toString('hex'), kind },
        (progress) => this.options.onProgress?.(progress),
      )
      .finally(() => {
        this.running = null;
      });
    this.running = run;
    return run;
  }

  /**
   * After a sync: re-checks the records it changed, if duplicates were ever checked on this desk
   * (the first, full check is the officer's call: it reads every record).
   */
  async afterSync(): Promise<void> {
    if (changedSinceRun(this.db()) === 0) return;
    await this.check('incremental');
  }

  clusters(filter: ClusterFilter): ClusterPage {
    return listClusters(this.db(), filter);
  }

  compare(customerIds: number[]): MergePlan {
    const { replica, audit } = this.workspace.requireOpen();
    const plan = buildMergePlan(replica.raw, customerIds);
    audit.record({
      actor: this.workspace.actor,
      action: 'duplicates.compared',
      subject: `customer:${plan.survivorId}`,
      details: { customerIds: plan.records.map((r) => r.customerId) },
    });
    return plan;
  }

  /** "Not the same person": every pair among the records is remembered and never suggested again. */
  dismiss(customerIds: number[]): void {
    const ids = [...new Set(customerIds)].sort((a, b) => a - b);
    if (ids.length < 2 || ids.length > MAX_MERGE_RECORDS) {
      throw new AppError('INVALID_INPUT', `Name from 2 to ${MAX_MERGE_RECORDS} records.`);
    }
    const { replica, audit } = this.workspace.requireOpen();
    const db = replica.raw;
    const at = this.now().toISOString();
    db.transaction(() => {
      const insert = db.prepare(
        `INSERT OR REPLACE INTO dedupe_decisions (a, b, decision, decided_by, decided_at)
         VALUES (?, ?, 'different', ?, ?)`,
      );
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++)
          insert.run(ids[i], ids[j], this.workspace.actor, at);
      }
      audit.record({
        actor: this.workspace.actor,
        action: 'duplicates.dismissed',
        subject: `customer:${ids[0]}`,
        details: { customerIds: ids },
      });
    })();
  }

  dismissed(limit: number): DismissedPair[] {
    return listDismissedPairs(this.db(), limit);
  }

  /** Takes back "not the same person", and re-checks the two records if checks were run here. */
  undismiss(customerIds: [number, number]): void {
    const { replica, audit } = this.workspace.requireOpen();
    undoDismissal(replica.raw, audit, this.workspace.actor, customerIds);
    if (lastRun(replica.raw)) {
      this.check('incremental').catch((error: unknown) =>
        this.options.onBackgroundFailure?.(error),
      );
    }
  }

  merge(request: MergeRequest): MergeRecordSummary {
    const { replica, audit } = this.workspace.requireOpen();
    const opId = mergeCustomers(replica.raw, audit, this.workspace.actor, request, this.now());
    return this.mergeRecord(opId);
  }

  /**
   * Undoes a merge and, if duplicates were ever checked here, re-checks the records it brought
   * back: the merge removed their pairs from the review list, and they belong there again.
   */
  unmerge(opId: string): MergeRecordSummary {
    const { replica, audit } = this.workspace.requireOpen();
    unmergeCustomers(replica.raw, audit, this.workspace.actor, opId, this.now());
    const undone = this.mergeRecord(opId);
    if (lastRun(replica.raw)) {
      this.check('incremental').catch((error: unknown) =>
        this.options.onBackgroundFailure?.(error),
      );
    }
    return undone;
  }

  /** The check running now, if any (a caller may wait for it). */
  checking(): Promise<DedupeRunSummary> | null {
    return this.running;
  }

  /** Merges made on this desk, newest first; for one customer when given (survivor or merged). */
  merges(customerId: number | null): MergeRecordSummary[] {
    const db = this.db();
    const rows = (
      customerId === null
        ? db.prepare('SELECT * FROM merges ORDER BY merged_at DESC, rowid DESC').all()
        : db
            .prepare(
              `SELECT m.* FROM merges m WHERE m.survivor_id = ?
                 OR EXISTS (SELECT 1 FROM json_each(m.merged_ids) j WHERE j.value = ?)
               ORDER BY merged_at DESC, rowid DESC`,
            )
            .all(customerId, customerId)
    ) as MergeRow[];
    return rows.map((row) => summaryOf(db, row));
  }

  mergeRecord(opId: string): MergeRecordSummary {
    const db = this.db();
    const row = db.prepare('SELECT * FROM merges WHERE op_id = ?').get(opId) as
      MergeRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'There is no merge made on this desk with that id.');
    return summaryOf(db, row);
  }

  private db(): SqliteDatabase {
    return this.workspace.requireOpen().replica.raw;
  }
}

function summaryOf(db: SqliteDatabase, row: MergeRow): MergeRecordSummary {
  return {
    opId: row.op_id,
    survivorId: row.survivor_id,
    mergedIds: JSON.parse(row.merged_ids) as number[],
    mergedAt: row.merged_at,
    mergedBy: row.merged_by,
    undoneAt: row.undone_at,
    provenance: JSON.parse(row.provenance) as Record<string, number>,
    undoBlocked: undoBlocked(db, row),
  };
}
