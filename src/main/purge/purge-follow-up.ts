import type { SqliteDatabase } from '../db/open';
import { withSecureDelete } from '../db/secure-delete';
import { removeUnusedTerms } from '../search/search-purge';
import { deleteSyncState, readSyncState, writeSyncState } from '../sync/sync-state';

const KEY = 'erasure.follow-up';
/** The full-text tables a deleted document leaves postings in until their segments are merged. */
const FULL_TEXT = ['search_words', 'search_documents', 'search_terms_trigrams'];
const KEY_RANGES = 16;
const HASHES = 2 ** 32;
const TERMS_PER_STEP = 2000;
/** Pages of merged index written per step: a step takes a fraction of a second. */
const MERGE_PAGES = 500;
/** Blank pages per row when wiping the freelist: tens of megabytes of text at most. */
const WIPE_PAGES_PER_ROW = 10_000;

/** What is left to do after a purge; kept in sync_state so a crash resumes it. */
interface FollowUp {
  /** Customers whose blocking keys of older record versions may still be in the key index. */
  customerIds: number[];
  /** The next range of key hashes to sweep (HASHES: done). */
  keysFrom: number;
  /** The next vocabulary term id to check (-1: done). */
  vocabularyFrom: number;
  /** Full-text tables still to be merged into one segment. */
  compact: string[];
}

export interface FollowUpResult {
  keys: number;
  terms: number;
  compacted: string[];
  /** False when another connection's open read kept SQLite from emptying the write-ahead log. */
  walTruncated: boolean;
}

/**
 * Records, inside the purge's transaction, the work that is too slow for it. The purge removes
 * everything a search or a screen could show; what remains is only in SQLite's storage: keys of
 * older versions of the records, vocabulary words of older versions, postings of the deleted
 * documents inside full-text segments (a contentless index drops them only when its segments are
 * merged) and old page images in the write-ahead log.
 */
export function scheduleFollowUp(db: SqliteDatabase, customerIds: readonly number[]): void {
  const current = readFollowUp(db);
  writeSyncState(db, KEY, {
    customerIds: [...new Set([...(current?.customerIds ?? []), ...customerIds])],
    keysFrom: 0,
    vocabularyFrom: 0,
    compact: FULL_TEXT,
  } satisfies FollowUp);
}

export function followUpPending(db: SqliteDatabase): boolean {
  return readFollowUp(db) !== null;
}

/**
 * Does the scheduled work in short steps, each its own transaction (so the desk's other writes
 * get in between), with freed pages zeroed; then blanks the pages freed before and empties the
 * write-ahead log. Null when nothing was scheduled.
 */
export function runFollowUp(db: SqliteDatabase): FollowUpResult | null {
  if (!readFollowUp(db)) return null;
  return withSecureDelete(db, () => {
    const result: FollowUpResult = { keys: 0, terms: 0, compacted: [], walTruncated: false };
    for (let state = readFollowUp(db); state; state = readFollowUp(db)) {
      if (!step(db, state, result)) {
        wipeFreePages(db);
        deleteSyncState(db, KEY);
        break;
      }
    }
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    result.walTruncated = checkpoint?.busy === 0;
    return result;
  });
}

/** One step of the follow-up; false when nothing is left. */
function step(db: SqliteDatabase, state: FollowUp, result: FollowUpResult): boolean {
  if (state.keysFrom < HASHES && state.customerIds.length > 0) {
    const to = state.keysFrom + HASHES / KEY_RANGES;
    db.transaction(() => {
      result.keys += db
        .prepare(
          `DELETE FROM dedupe_keys WHERE hash >= ? AND hash < ?
             AND customer_id IN (SELECT value FROM json_each(?))`,
        )
        .run(state.keysFrom, to, JSON.stringify(state.customerIds)).changes;
      save(db, { ...state, keysFrom: to });
    }).immediate();
    return true;
  }
  if (state.vocabularyFrom >= 0) {
    const terms = db
      .prepare('SELECT term_id, term FROM search_terms WHERE term_id >= ? ORDER BY term_id LIMIT ?')
      .all(state.vocabularyFrom, TERMS_PER_STEP) as { term_id: number; term: string }[];
    db.transaction(() => {
      result.terms += removeUnusedTerms(
        db,
        terms.map((t) => t.term),
      );
      const last = terms.at(-1);
      const next = terms.length < TERMS_PER_STEP || !last ? -1 : last.term_id + 1;
      save(db, { ...state, customerIds: [], vocabularyFrom: next });
    }).immediate();
    return true;
  }
  const [table, ...rest] = state.compact;
  if (table === undefined) return false;
  const changes = db.prepare('SELECT total_changes()').pluck();
  const before = changes.get() as number;
  db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`).run(-MERGE_PAGES);
  // SQLite's documented signal: fewer than two changes means there was nothing left to merge.
  if ((changes.get() as number) - before < 2) {
    result.compacted.push(table);
    save(db, { ...state, compact: rest });
  }
  return true;
}

/**
 * Overwrites every page on SQLite's freelist. Pages freed before the purge (an index segment
 * merged away, a row moved by an update) keep their old content until reused; secure_delete
 * zeroes only what is freed while it is on. Filling the freelist with one row of blank text
 * rewrites each of those pages, and deleting the row frees them again, zeroed.
 */
function wipeFreePages(db: SqliteDatabase): void {
  const free = db.pragma('freelist_count', { simple: true }) as number;
  if (free === 0) return;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const fill = db.prepare(
    "INSERT INTO sync_state (key, value) VALUES (?, json_quote(printf('%*s', ?, '')))",
  );
  db.transaction(() => {
    // All rows held at once: a page freed by one would only be taken again by the next.
    for (let row = 0; row * WIPE_PAGES_PER_ROW < free; row++) {
      fill.run(
        `erasure.wipe.${row}`,
        Math.min(WIPE_PAGES_PER_ROW, free - row * WIPE_PAGES_PER_ROW) * pageSize,
      );
    }
    db.prepare("DELETE FROM sync_state WHERE key LIKE 'erasure.wipe.%'").run();
  }).immediate();
}

function readFollowUp(db: SqliteDatabase): FollowUp | null {
  return readSyncState(db, KEY) as FollowUp | null;
}

function save(db: SqliteDatabase, state: FollowUp): void {
  writeSyncState(db, KEY, state);
}
