import type { QualitySummary, QualityTrendPoint } from '../../shared/quality';
import type { SqliteDatabase } from '../db/open';

/** Days of history kept: a little over a year, so this month compares with the same one last year. */
export const TREND_DAYS = 400;

type Figures = Omit<QualityTrendPoint, 'day' | 'recordedAt'>;

/**
 * Records the figures for the day of `now` (UTC): one row per day, a later recording that day
 * replacing the earlier, and days older than the history kept removed in the same transaction.
 */
export function recordSnapshot(db: SqliteDatabase, summary: QualitySummary, now: Date): void {
  const day = now.toISOString().slice(0, 10);
  const figures: Figures = {
    customers: summary.customers,
    likelyShare: summary.duplicates.likelyShare,
    possibleShare: summary.duplicates.possibleShare,
    invalidEmail: summary.invalid.email.count,
    invalidPhone: summary.invalid.phone.count,
  };
  const oldest = new Date(now.getTime() - (TREND_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO quality_snapshots (day, recorded_at, figures) VALUES (?, ?, ?)
       ON CONFLICT (day) DO UPDATE SET recorded_at = excluded.recorded_at, figures = excluded.figures`,
    ).run(day, now.toISOString(), JSON.stringify(figures));
    db.prepare('DELETE FROM quality_snapshots WHERE day < ?').run(oldest);
  })();
}

/** The recorded days, oldest first. */
export function readTrend(db: SqliteDatabase): QualityTrendPoint[] {
  const rows = db
    .prepare('SELECT day, recorded_at, figures FROM quality_snapshots ORDER BY day')
    .all() as { day: string; recorded_at: string; figures: string }[];
  return rows.map((r) => ({
    day: r.day,
    recordedAt: r.recorded_at,
    ...(JSON.parse(r.figures) as Figures),
  }));
}

/** When the figures of the day of `now` (UTC) were recorded, or null when they were not yet. */
export function lastRecordedAt(db: SqliteDatabase, now: Date): string | null {
  const at = db
    .prepare('SELECT recorded_at FROM quality_snapshots WHERE day = ?')
    .pluck()
    .get(now.toISOString().slice(0, 10)) as string | undefined;
  return at ?? null;
}
