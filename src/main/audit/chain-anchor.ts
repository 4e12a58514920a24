import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SqliteDatabase } from '../db/open';
import { openEncryptedDatabase } from '../db/open';
import type { AuditRow } from '../db/schema';

/**
 * Where the desk's audit chain stood, kept beside the replica (not in it), so a replica replaced
 * after damage continues the same chain instead of starting again at entry #1, which central
 * already holds for this desk. It holds a sequence number and a hash, nothing personal. It is
 * written at points where the chain is committed: after each sync and at lock.
 */
const ANCHOR_FILE = 'audit-anchor.json';
const anchorSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).strict();
export type ChainAnchor = z.infer<typeof anchorSchema>;

const START_KEY = 'audit.chain-start';

export function writeChainAnchor(dataDir: string, db: SqliteDatabase): void {
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    ChainAnchor | undefined;
  if (!head) return;
  const path = join(dataDir, ANCHOR_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(head), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function readChainAnchor(dataDir: string): ChainAnchor | null {
  const path = join(dataDir, ANCHOR_FILE);
  if (!existsSync(path)) return null;
  try {
    return anchorSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
}

/** The entries of a damaged replica that can still be read, in order, up to the first unreadable one. */
export function salvageAuditEntries(path: string, key: Buffer): AuditRow[] {
  let damaged: SqliteDatabase;
  try {
    damaged = openEncryptedDatabase(path, key, { create: false });
  } catch {
    return [];
  }
  const rows: AuditRow[] = [];
  try {
    const one = damaged.prepare('SELECT * FROM audit_log WHERE seq = ?');
    for (let seq = 1; ; seq += 1) {
      const row = one.get(seq) as AuditRow | undefined;
      if (!row) break;
      rows.push(row);
    }
  } catch {
    // Kept what was read before the damage.
  } finally {
    damaged.close();
  }
  return rows;
}

/**
 * Starts a fresh replica's chain where the old one stood: the salvaged entries copied as they
 * were (hashes, and whether they were sent), or else after the anchor, recorded as the chain's
 * starting point so `verify` accepts a chain that does not begin at #1.
 */
export function continueChain(
  db: SqliteDatabase,
  salvaged: AuditRow[],
  anchor: ChainAnchor | null,
): { continuesFrom: number } {
  return db.transaction(() => {
    const last = salvaged.at(-1);
    // Salvaged entries count only if they reach the anchor: a chain with a gap would not verify.
    const useSalvaged = last !== undefined && (anchor === null || last.seq >= anchor.seq);
    if (useSalvaged) {
      const insert = db.prepare(
        `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash, pushed_at)
         VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash, @pushed_at)`,
      );
      for (const row of salvaged) insert.run(row);
    }
    const head = useSalvaged ? { seq: last.seq, hash: last.hash } : anchor;
    if (!head) return { continuesFrom: 0 };
    if (!useSalvaged) {
      // Entries up to the anchor are not in this replica: verification starts after them.
      db.prepare(
        `INSERT INTO sync_state (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(START_KEY, JSON.stringify(head));
    }
    db.prepare(
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
    ).run(head.seq, head.hash);
    return { continuesFrom: head.seq };
  })();
}

/** Where verification starts: after a recorded starting point, or at the genesis. */
export function chainStart(db: SqliteDatabase): ChainAnchor | null {
  const value = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(START_KEY) as
    string | undefined;
  return value === undefined ? null : anchorSchema.parse(JSON.parse(value));
}
