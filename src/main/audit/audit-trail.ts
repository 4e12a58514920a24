import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEntry, AuditVerification } from '../../shared/types';
import type { SqliteDatabase } from '../db/open';
import type { AuditRow, Database } from '../db/schema';
import { chainStart } from './chain-anchor';

export interface AuditInput {
  actor: string;
  /** A dotted verb, e.g. `workspace.unlocked`, `customer.viewed`, `export.written`. */
  action: string;
  /** Whom it concerns (e.g. `customer:42`, `case:7`), when it concerns someone. */
  subject?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
const VERIFY_PAGE = 1000;

/**
 * The hash covers every field and the previous hash, so changing, removing or reordering any entry
 * breaks the chain at that entry. `details` is hashed as its stored JSON text, so no canonical
 * JSON form is needed.
 */
export function hashAuditEntry(entry: {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  prevHash: string;
}): string {
  const material = JSON.stringify([
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.subject,
    entry.details,
    entry.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/** Append-only, SHA-256-chained log of everything that touches personal data. */
export class AuditTrail {
  private readonly db: Kysely<Database>;
  private readonly raw: SqliteDatabase;

  constructor(
    replica: { db: Kysely<Database>; raw: SqliteDatabase },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = replica.db;
    this.raw = replica.raw;
  }

  append(input: AuditInput): Promise<AuditEntry> {
    return Promise.resolve(this.record(input));
  }

  /**
   * Appends one entry now, on the replica's connection. Called inside a transaction (a local
   * change, its queued operation and its audit entry), the entry commits or rolls back with the
   * change: better-sqlite3 nests it as a savepoint.
   */
  record(input: AuditInput): AuditEntry {
    return appendAuditEntry(this.raw, input, this.now());
  }

  /** Newest first. */
  async list(options: { limit: number; beforeSeq?: number }): Promise<AuditEntry[]> {
    let query = this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(options.limit);
    if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
    return (await query.execute()).map(toEntry);
  }

  /** Walks the whole chain in pages and names the first entry that does not hold. */
  async verify(): Promise<AuditVerification> {
    // A replica replaced after damage continues the desk's chain from a recorded point.
    const start = chainStart(this.raw);
    const firstSeq = (start?.seq ?? 0) + 1;
    let expectedSeq = firstSeq;
    let prevHash = start?.hash ?? GENESIS_HASH;
    for (;;) {
      const page = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(VERIFY_PAGE)
        .execute();
      for (const row of page) {
        const broken = checkEntry(row, expectedSeq, prevHash);
        if (broken) return { ok: false, entries: expectedSeq - firstSeq, ...broken };
        prevHash = row.hash;
        expectedSeq += 1;
      }
      if (page.length < VERIFY_PAGE) break;
    }
    const lastSeq = expectedSeq - 1;
    const entries = expectedSeq - firstSeq;

    const head = await this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirst();
    const headSeq = head?.seq ?? 0;
    if (headSeq > lastSeq) {
      return {
        ok: false,
        entries,
        brokenAt: lastSeq + 1,
        reason: `entries #${lastSeq + 1} to #${headSeq} are missing from the end of the chain`,
      };
    }
    if (headSeq !== lastSeq || (head && head.hash !== prevHash)) {
      return {
        ok: false,
        entries,
        brokenAt: Math.min(headSeq, lastSeq) + 1,
        reason: 'the chain head does not match the last entry',
      };
    }
    return { ok: true, entries, headHash: lastSeq === 0 ? null : prevHash };
  }
}

/**
 * Appends one entry on a raw connection, for code that has no AuditTrail of its own (the sync
 * worker's purge of an erased subject). Inside a transaction it commits or rolls back with it.
 */
export function appendAuditEntry(raw: SqliteDatabase, input: AuditInput, at: Date): AuditEntry {
  // IMMEDIATE: the head is read and then written. A deferred transaction that read first fails
  // at once with SQLITE_BUSY when another process committed meanwhile, without waiting; taking
  // the write lock first lets the busy timeout wait its turn. (Nested, it is a savepoint.)
  const append = raw.transaction(() => {
    const head = raw.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      { seq: number; hash: string } | undefined;
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const row = {
      seq,
      at: at.toISOString(),
      actor: input.actor,
      action: input.action,
      subject: input.subject ?? null,
      details: JSON.stringify(input.details ?? {}),
      prev_hash: prevHash,
    };
    const hash = hashAuditEntry({ ...row, prevHash });
    raw
      .prepare(
        `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash)`,
      )
      .run({ ...row, hash });
    raw
      .prepare(
        `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
      )
      .run(seq, hash);
    return toEntry({ ...row, hash, pushed_at: null });
  });
  return append.immediate();
}

function checkEntry(
  row: AuditRow,
  expectedSeq: number,
  prevHash: string,
): { brokenAt: number; reason: string } | null {
  if (row.seq !== expectedSeq) {
    return { brokenAt: expectedSeq, reason: `entry #${expectedSeq} is missing` };
  }
  if (row.prev_hash !== prevHash) {
    return {
      brokenAt: row.seq,
      reason: `entry #${row.seq} does not follow entry #${row.seq - 1} (removed or reordered entries)`,
    };
  }
  const recomputed = hashAuditEntry({ ...row, prevHash: row.prev_hash });
  if (recomputed !== row.hash) {
    return { brokenAt: row.seq, reason: `entry #${row.seq} was changed after it was written` };
  }
  return null;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  };
}
