import type { DedupeRunSummary } from '../../shared/dedupe';
import type { SqliteDatabase } from '../db/open';
import type { MatchModel } from './match-model';

export function saveRun(db: SqliteDatabase, summary: DedupeRunSummary, model: MatchModel): void {
  db.prepare(
    'INSERT INTO dedupe_runs (kind, started_at, finished_at, summary, model) VALUES (?, ?, ?, ?, ?)',
  ).run(
    summary.kind,
    summary.startedAt,
    summary.finishedAt,
    JSON.stringify(summary),
    JSON.stringify(model),
  );
}

/** The model of the last full run: incremental checks score with it, explanations cite it. */
export function latestModel(db: SqliteDatabase): MatchModel | null {
  const model = db
    .prepare("SELECT model FROM dedupe_runs WHERE kind = 'full' ORDER BY run_id DESC LIMIT 1")
    .pluck()
    .get() as string | undefined;
  return model ? (JSON.parse(model) as MatchModel) : null;
}

export function lastRun(db: SqliteDatabase): DedupeRunSummary | null {
  const summary = db
    .prepare('SELECT summary FROM dedupe_runs ORDER BY run_id DESC LIMIT 1')
    .pluck()
    .get() as string | undefined;
  return summary ? (JSON.parse(summary) as DedupeRunSummary) : null;
}

/**
 * Records changed since the last check. Before the first check nothing is counted: the log then
 * holds every row the initial sync wrote (millions), and the first check reads them all anyway.
 */
export function changedSinceRun(db: SqliteDatabase): number {
  const checked = db.prepare('SELECT 1 FROM dedupe_runs LIMIT 1').pluck().get() !== undefined;
  if (!checked) return 0;
  return db.prepare('SELECT count(DISTINCT customer_id) FROM dedupe_dirty').pluck().get() as number;
}
