import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import { withSecureDelete } from '../db/secure-delete';
import { runFollowUp } from '../purge/purge-follow-up';
import { purgeSubjects, type PurgeTrigger } from '../purge/subject-purge';
import {
  clearUnmatchedTombstones,
  copyCentralTombstones,
  tombstonedIds,
  unmatchedTombstones,
} from '../purge/tombstone-matching';
import { indexStaleCustomers } from '../search/search-indexer';
import { REFETCH_KEY } from './conflicts';
import {
  centralSelectList,
  REPLICA_TABLES,
  type ReplicaTable,
  type RowKey,
} from './replica-tables';
import { currentHorizon, DeskHorizon, type CheckIn } from './desk-horizon';
import { ReplicaWriter } from './replica-writer';
import { deleteSyncState, readSyncState, writeSyncState } from './sync-state';

export interface PullProgress {
  phase: 'snapshot' | 'replay' | 'indexing';
  table: string | null;
  rowsDone: number;
  rowsTotal: number | null;
  rowsPerSecond: number;
  secondsLeft: number | null;
}

export interface PullResult {
  snapshotRows: number;
  changesApplied: number;
  /** Every central change below this transaction id is in the replica. */
  horizon: string;
  /** Customers whose search document was rebuilt. */
  indexed: number;
  /** Why the replica was copied afresh instead of replayed, if it was. */
  resnapshot: Extract<CheckIn, { status: 'resnapshot' }>['reason'] | null;
  /** Why central refused this desk's check-in, if it did (the desk belongs to another login). */
  checkInRefused: string | null;
  /** Customers central no longer has whose every trace this pull removed (see purgeSubjects). */
  purged: number[];
}

/** A changed row as central has it now, or null where it no longer exists. */
interface CurrentRow {
  table: ReplicaTable;
  pk: RowKey;
  row: unknown[] | null;
}

/** Where the pull stands, committed with every page so a killed pull resumes where it stopped. */
interface PullState {
  phase: 'snapshot' | 'replay';
  horizon: string;
  /** Inside a replay window: the window's end and the last change applied. */
  replay?: { to: string; afterXid: string; afterSeq: number };
  /** A snapshot over an existing replica: rows central no longer has are removed as pages pass. */
  sweep?: boolean;
}

const STATE_KEY = 'pull';

/**
 * Pull: an initial snapshot table by table in primary-key pages, then replay of the central change
 * log from the horizon taken before the snapshot began. Rows changed while the snapshot ran are
 * therefore seen again by the replay, which re-reads their current state (or their absence), so
 * the replica converges to central whatever order things happened in. Applying a change is
 * idempotent, which is what makes a crash at any point safe.
 */
export class Puller {
  private readonly writer: ReplicaWriter;
  private readonly pageSize: number;
  /** The mirrored tables this login may read; set at the start of each pull. */
  private tables: readonly ReplicaTable[] = REPLICA_TABLES;
  private readonly horizons: DeskHorizon;
  private readonly purged = new Set<number>();
  private salt: string | null = null;

  constructor(
    private readonly central: pg.ClientBase,
    private readonly replica: SqliteDatabase,
    private readonly options: {
      pageSize?: number;
      onProgress?: (progress: PullProgress) => void;
      /** The workspace id the desk checks in with; central keeps the change log it still needs. */
      deskId?: string;
      /** Who the purge of an erased subject is audited under: the desk's officer. */
      actor?: string;
      now?: () => Date;
    } = {},
  ) {
    this.writer = new ReplicaWriter(replica);
    this.pageSize = options.pageSize ?? 10_000;
    this.horizons = new DeskHorizon(central, options.deskId ?? null);
  }

  async pull(): Promise<PullResult> {
    this.tables = await this.readableTables();
    this.purged.clear();
    await this.refreshTombstones();
    await this.refetchRequested();
    let state = this.readState();
    let resnapshot: PullResult['resnapshot'] = null;
    if (state) {
      // Central may have pruned the log past this desk's horizon (gone longer than the
      // retention): replaying it would silently miss changes, so the desk copies afresh.
      const checkIn = await this.horizons.checkIn(state.horizon);
      if (checkIn.status === 'resnapshot') {
        resnapshot = checkIn.reason;
        state = null;
      }
    }
    state ??= await this.beginSnapshot(resnapshot !== null);
    let snapshotRows = 0;
    if (state.phase === 'snapshot') {
      snapshotRows = await this.snapshot(state.sweep === true);
      state = { phase: 'replay', horizon: state.horizon };
      this.writeState(state);
    } else if (this.tables.some((t) => this.tableProgress(t).phase !== 'done')) {
      // A table this desk started mirroring after its first sync (an app update added it) is
      // copied whole; the replay from the old horizon then brings the changes made meanwhile.
      snapshotRows = await this.snapshot();
    }
    let { applied, horizon } = await this.replay(state);
    if (state.replay) {
      // A window resumed after a crash ends where central stood before the crash; what it
      // committed since is replayed now, so "synced" means caught up with central's present.
      const since = await this.replay({ phase: 'replay', horizon });
      applied += since.applied;
      horizon = since.horizon;
    }
    this.purgeTombstoned();
    // A purge asks for its subjects' child rows again: what central keeps of them, it keeps detached.
    await this.refetchRequested();
    await this.horizons.checkIn(horizon);
    const indexStarted = Date.now();
    const indexed = indexStaleCustomers(this.replica, ({ done, total }) => {
      this.report('indexing', null, done, total, done, indexStarted);
    });
    runFollowUp(this.replica);
    return {
      snapshotRows,
      changesApplied: applied,
      horizon,
      indexed,
      resnapshot,
      checkInRefused: this.horizons.refused,
      purged: [...this.purged].sort((a, b) => a - b),
    };
  }

  /**
   * Writes central's current rows: upserts, and deletes where a row is gone. A customer gone
   * centrally is purged in the same transaction as its deletion (see purgeSubjects), so a crash
   * leaves either the customer with all it had or nothing of it. `progress` (the cursor, or the
   * end of a refetch) is written first in the transaction, so a refetch the purge asks for
   * outlives the one being applied.
   */
  private applyCurrent(rows: readonly CurrentRow[], progress: () => void): void {
    const gone = rows
      .filter(({ table, row }) => table.name === 'customers' && row === null)
      .map(({ pk }) => Number(pk));
    const write = () =>
      this.replica
        .transaction(() => {
          progress();
          if (gone.length > 0) this.purge(gone, 'deleted-centrally');
          // Rows come grouped by table, parents first (see fetchCurrent): one write per table.
          for (const table of REPLICA_TABLES) {
            const ofTable = rows.filter((r) => r.table === table);
            this.writer.upsertRows(
              table,
              ofTable.flatMap(({ row }) => (row ? [row] : [])),
              true,
            );
            for (const { pk, row } of ofTable) if (!row) this.writer.delete(table, pk);
          }
        })
        .immediate();
    if (gone.length > 0) withSecureDelete(this.replica, write);
    else write();
  }

  private purge(customerIds: number[], trigger: PurgeTrigger): void {
    purgeSubjects(this.replica, customerIds, {
      actor: this.options.actor ?? 'sync',
      now: (this.options.now ?? (() => new Date()))(),
      trigger,
    });
    for (const id of customerIds) this.purged.add(id);
  }

  /**
   * Tombstones no deletion of this pull explained: the desk still holds something of a subject
   * central erased (it missed the change, or synced before the desk purged on erasure). Needs
   * central's salt; without it the deletions alone drive the purge.
   */
  private purgeTombstoned(): void {
    const hashes = unmatchedTombstones(this.replica);
    if (hashes.length === 0 || this.salt === null) return;
    const ids = tombstonedIds(this.replica, this.salt, hashes, this.purged);
    withSecureDelete(this.replica, () =>
      this.replica
        .transaction(() => {
          if (ids.length > 0) this.purge(ids, 'tombstone');
          clearUnmatchedTombstones(this.replica);
        })
        .immediate(),
    );
  }

  /** The horizon is taken by central at check-in, so a prune running meanwhile keeps its changes. */
  private async beginSnapshot(sweep: boolean): Promise<PullState> {
    const checkIn = await this.horizons.checkIn(null);
    const horizon = checkIn.status === 'ok' ? checkIn.horizon : await currentHorizon(this.central);
    const state: PullState = { phase: 'snapshot', horizon, ...(sweep ? { sweep } : {}) };
    this.replica
      .transaction(() => {
        this.replica.prepare('DELETE FROM sync_progress').run();
        this.writeState(state);
      })
      .immediate();
    return state;
  }

  private async snapshot(sweep = false): Promise<number> {
    const started = Date.now();
    let copied = 0;
    for (const table of this.tables) {
      let progress = this.tableProgress(table);
      if (progress.phase === 'done') continue;
      const estimate = await this.estimateRows(table);
      let next = this.fetchPage(table, progress.lastPk);
      for (;;) {
        const rows = await next;
        const last = rows.at(-1);
        const done = rows.length < this.pageSize;
        const after = progress.lastPk;
        progress = {
          phase: done ? 'done' : 'copying',
          lastPk: last ? (last[0] as RowKey) : progress.lastPk,
          rowsDone: progress.rowsDone + rows.length,
        };
        // The next page is already on its way while this one is written.
        if (!done) next = this.fetchPage(table, progress.lastPk);
        this.replica
          .transaction(() => {
            // A page holds every central key between the last one and its own last key (or, the
            // final page, every key after): local rows in that range it lacks are gone centrally.
            if (sweep) {
              const present = rows.map((row) => row[0] as RowKey);
              this.writer.deleteAbsent(table, after, done ? null : progress.lastPk, present);
            }
            this.writer.upsertRows(table, rows);
            this.saveTableProgress(table, progress, estimate);
          })
          .immediate();
        copied += rows.length;
        this.report('snapshot', table.name, progress.rowsDone, estimate, copied, started);
        if (done) break;
      }
    }
    return copied;
  }

  /** One page in primary-key order, as arrays in the table's column order (the key first). */
  private async fetchPage(table: ReplicaTable, afterPk: RowKey | null): Promise<unknown[][]> {
    const uuid = table.keyType === 'uuid';
    const page = await this.central.query<unknown[]>({
      text: `SELECT ${centralSelectList(table)} FROM reflect.${table.name}
             WHERE ${table.pk} > $1${uuid ? '::uuid' : ''} ORDER BY ${table.pk} LIMIT $2`,
      values: [afterPk ?? (uuid ? '00000000-0000-0000-0000-000000000000' : -1), this.pageSize],
      rowMode: 'array',
    });
    return page.rows;
  }

  private async replay(state: PullState): Promise<{ applied: number; horizon: string }> {
    const started = Date.now();
    const to = state.replay?.to ?? (await currentHorizon(this.central));
    let after = state.replay
      ? { xid: state.replay.afterXid, seq: state.replay.afterSeq }
      : { xid: '0', seq: 0 };
    let applied = 0;
    for (;;) {
      const changes = await this.central.query<{
        xid: string;
        seq: number;
        table_name: string;
        pk: RowKey;
      }>(
        // Ordered by the xid8 column itself: the text form sorts '1000' before '999'. A row is
        // named by its bigint key or, for tables keyed by UUIDs, by `key`.
        `SELECT xid::text AS xid, seq, table_name, coalesce(pk::text, key::text) AS pk FROM reflect.change_log
         WHERE xid >= $1::xid8 AND xid < $2::xid8 AND (xid, seq) > ($3::xid8, $4::bigint)
         ORDER BY change_log.xid, seq LIMIT $5`,
        [state.horizon, to, after.xid, after.seq, this.pageSize],
      );
      const last = changes.rows.at(-1);
      if (!last) break;
      const rows = await this.fetchCurrent(changes.rows);
      after = { xid: last.xid, seq: last.seq };
      this.applyCurrent(rows, () =>
        this.writeState({ ...state, replay: { to, afterXid: after.xid, afterSeq: after.seq } }),
      );
      applied += changes.rows.length;
      this.report('replay', null, applied, null, applied, started);
      if (changes.rows.length < this.pageSize) break;
    }
    this.writeState({ phase: 'replay', horizon: to });
    return { applied, horizon: to };
  }

  /** The current state of each changed row, or null where it no longer exists. */
  private async fetchCurrent(changes: { table_name: string; pk: RowKey }[]): Promise<CurrentRow[]> {
    const byTable = new Map<string, Set<string>>();
    for (const change of changes) {
      const set = byTable.get(change.table_name) ?? new Set<string>();
      set.add(String(change.pk));
      byTable.set(change.table_name, set);
    }
    const result: CurrentRow[] = [];
    // Parents first, so a customer arrives before the rows that point at it. Tables the desk does
    // not mirror are skipped: the change log serves every consumer.
    for (const table of this.tables) {
      const pks = byTable.get(table.name);
      if (!pks) continue;
      const found = await this.central.query<unknown[]>({
        text: `SELECT ${centralSelectList(table)} FROM reflect.${table.name} WHERE ${table.pk} = ANY($1::${table.keyType}[])`,
        values: [[...pks]],
        rowMode: 'array',
      });
      // The key is the first column of every replicated table.
      const rows = new Map(found.rows.map((row) => [String(row[0]), row]));
      for (const pk of pks) {
        result.push({
          table,
          pk: table.keyType === 'uuid' ? pk : Number(pk),
          row: rows.get(pk) ?? null,
        });
      }
    }
    return result;
  }

  /** Rows whose local change was discarded come back as central has them (or go, if gone). */
  private async refetchRequested(): Promise<void> {
    const wanted = readSyncState(this.replica, REFETCH_KEY) as
      { table: string; pk: RowKey }[] | null;
    if (!wanted) return;
    const rows = await this.fetchCurrent(wanted.map((w) => ({ table_name: w.table, pk: w.pk })));
    this.applyCurrent(rows, () => deleteSyncState(this.replica, REFETCH_KEY));
  }

  /** Tables kept from some roles (see ReplicaTable.readableBy) are mirrored where the login may read them. */
  private async readableTables(): Promise<readonly ReplicaTable[]> {
    const limited = REPLICA_TABLES.filter((t) => t.readableBy).map((t) => `reflect.${t.name}`);
    const readable = await this.central.query<{ name: string }>(
      `SELECT name FROM unnest($1::text[]) AS name
       WHERE to_regclass(name) IS NOT NULL AND has_table_privilege(name, 'SELECT')`,
      [limited],
    );
    const allowed = new Set(readable.rows.map((r) => r.name));
    return REPLICA_TABLES.filter((t) => !t.readableBy || allowed.has(`reflect.${t.name}`));
  }

  /** Central's tombstones, so an erased subject is never written back (see copyCentralTombstones). */
  private async refreshTombstones(): Promise<void> {
    const salt = await copyCentralTombstones(this.central, this.replica);
    if (salt === null) return;
    this.salt = salt;
    this.writer.useTombstoneSalt(salt);
  }

  private async estimateRows(table: ReplicaTable): Promise<number | null> {
    const result = await this.central.query<{ n: number }>(
      `SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = $1::regclass`,
      [`reflect.${table.name}`],
    );
    const estimate = result.rows[0]?.n;
    return estimate && estimate > 0 ? estimate : null;
  }

  private tableProgress(table: ReplicaTable): {
    phase: string;
    lastPk: RowKey | null;
    rowsDone: number;
  } {
    const row = this.replica
      .prepare('SELECT phase, last_pk, rows_done FROM sync_progress WHERE table_name = ?')
      .get(table.name) as { phase: string; last_pk: RowKey | null; rows_done: number } | undefined;
    return row
      ? { phase: row.phase, lastPk: row.last_pk, rowsDone: row.rows_done }
      : { phase: 'copying', lastPk: null, rowsDone: 0 };
  }

  private saveTableProgress(
    table: ReplicaTable,
    progress: { phase: string; lastPk: RowKey | null; rowsDone: number },
    estimate: number | null,
  ): void {
    this.replica
      .prepare(
        `INSERT INTO sync_progress (table_name, phase, last_pk, rows_done, rows_total, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (table_name) DO UPDATE SET phase = excluded.phase, last_pk = excluded.last_pk,
           rows_done = excluded.rows_done, rows_total = excluded.rows_total, updated_at = excluded.updated_at`,
      )
      .run(
        table.name,
        progress.phase,
        progress.lastPk,
        progress.rowsDone,
        estimate,
        new Date().toISOString(),
      );
  }

  private readState(): PullState | null {
    return readSyncState(this.replica, STATE_KEY) as PullState | null;
  }

  private writeState(state: PullState): void {
    writeSyncState(this.replica, STATE_KEY, state);
  }

  private report(
    phase: PullProgress['phase'],
    table: string | null,
    rowsDone: number,
    rowsTotal: number | null,
    sinceStart: number,
    started: number,
  ): void {
    if (!this.options.onProgress) return;
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = sinceStart / seconds;
    this.options.onProgress({
      phase,
      table,
      rowsDone,
      rowsTotal,
      rowsPerSecond: Math.round(rate),
      secondsLeft:
        rowsTotal !== null && rate > 0 ? Math.max(0, (rowsTotal - rowsDone) / rate) : null,
    });
  }
}
