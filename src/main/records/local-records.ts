import type pg from 'pg';
import type { SqliteDatabase } from '../db/open';
import type { StoredActivity } from '../../shared/records';
import { readActivities } from './records-store';

/** Keeps central's register on this desk, replacing what an earlier pull brought. */
export function replaceLocalActivities(db: SqliteDatabase, activities: StoredActivity[]): void {
  const insert = db.prepare(
    'INSERT INTO processing_records (activity_id, version, body) VALUES (?, ?, ?)',
  );
  db.transaction(() => {
    db.prepare('DELETE FROM processing_records').run();
    for (const a of activities) insert.run(a.activity_id, a.version, JSON.stringify(a));
  })();
}

/** The register as of the last sync (or the last change made from this desk). */
export function localActivities(db: SqliteDatabase): StoredActivity[] {
  const rows = db
    .prepare('SELECT body FROM processing_records ORDER BY activity_id')
    .pluck()
    .all() as string[];
  return rows.map((body) => JSON.parse(body) as StoredActivity);
}

/** After a pull: the register central holds now; a central without one leaves none here. */
export async function pullActivities(central: pg.ClientBase, db: SqliteDatabase): Promise<number> {
  const activities = await readActivities(central);
  replaceLocalActivities(db, activities);
  return activities.length;
}
