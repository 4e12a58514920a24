import { randomUUID } from 'node:crypto';
import { APPROVAL_REQUIRED } from '../../shared/cases';
import { AppError } from '../../shared/errors';
import type {
  PackageContents,
  ProposedPackage,
  Redaction,
  RedactionRecord,
} from '../../shared/exports';
import { applyOperation } from '../central/operations';
import type { CaseRecord } from '../cases/case-record';
import type { SqliteDatabase } from '../db/open';
import { centralNow } from '../rights/central-now';
import type { SyncController } from '../sync/sync-controller';
import { packageContents } from './package-contents';

/**
 * The four-eyes rule for exports, decided centrally: the officer proposes a package, the
 * approver approves its hash, and the desk writes only the package whose hash central holds
 * as approved for the case's current decision.
 */
export class ExportApproval {
  constructor(
    private readonly sync: SyncController,
    private readonly now: () => Date,
  ) {}

  needed(record: CaseRecord): boolean {
    return APPROVAL_REQUIRED.has(record.requestType);
  }

  /** Sends the package's contents and hash to central as the one to approve. */
  async propose(
    db: SqliteDatabase,
    record: CaseRecord,
    redactions: readonly Redaction[],
  ): Promise<{ contents: PackageContents; hash: string }> {
    if (!this.needed(record)) {
      throw new AppError('INVALID_INPUT', 'This request is exported without an approval.');
    }
    const package_ = packageContents(db, record, redactions, this.now());
    const outcome = await centralNow(this.sync, (client) =>
      applyOperation(client, {
        opId: randomUUID(),
        kind: 'case.propose-export',
        payload: {
          case_id: record.caseId,
          contents: package_.contents,
          contents_hash: package_.hash,
        },
      }),
    );
    if (outcome.status !== 'applied') {
      throw new AppError(
        'INVALID_INPUT',
        `Central refused: ${outcome.status === 'rejected' ? outcome.reason : 'the case changed'}.`,
      );
    }
    return package_;
  }

  /** The package proposed for the case, checked against this desk's own copy. */
  async proposed(db: SqliteDatabase, record: CaseRecord): Promise<ProposedPackage> {
    const row = await centralNow(this.sync, async (client) => {
      const result = await client.query<{ p: Omit<ProposedPackage, 'matchesThisDesk'> | null }>(
        'SELECT reflect.export_proposal($1) AS p',
        [record.caseId],
      );
      return result.rows[0]?.p ?? null;
    });
    if (!row) {
      throw new AppError(
        'NOT_FOUND',
        'No package has been proposed for this case yet: the officer prepares the export and proposes it for approval.',
      );
    }
    const withheld = row.contents.withheld.map(
      ({ table, column, rowId, reason }: RedactionRecord) => ({
        table,
        column,
        rowId,
        reason,
      }),
    );
    let mine: string | null = null;
    try {
      mine = packageContents(db, record, withheld, this.now()).hash;
    } catch {
      // A withheld row this desk does not hold: the copies differ.
    }
    return { ...row, matchesThisDesk: mine === row.contentsHash };
  }

  /**
   * Refuses unless central confirmed an approval of exactly this package; returns its hash
   * (null where no approval is needed).
   */
  async confirm(
    db: SqliteDatabase,
    record: CaseRecord,
    redactions: readonly Redaction[],
  ): Promise<string | null> {
    if (!this.needed(record)) return null;
    const { hash } = packageContents(db, record, redactions, this.now());
    const approved = await centralNow(this.sync, async (client) => {
      const result = await client.query<{ a: { contentsHash: string } | null }>(
        'SELECT reflect.confirmed_export_approval($1) AS a',
        [record.caseId],
      );
      return result.rows[0]?.a ?? null;
    });
    if (!approved) {
      throw new AppError(
        'INVALID_INPUT',
        'Central has not confirmed an approval of a package for this case: propose the package for approval, have a second officer approve it, then export.',
      );
    }
    if (approved.contentsHash !== hash) {
      throw new AppError(
        'INVALID_INPUT',
        'This package is not the one approved: a record changed since, or what is withheld differs. Propose it again and ask for a new approval.',
      );
    }
    return hash;
  }
}
