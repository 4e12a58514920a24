import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../db/open';
import { readSyncState } from '../sync/sync-state';

const SALT_KEY = 'erasure.salt';

/**
 * This desk's record of the customers whose deletion it applied. Kept by hash, salted with a
 * secret of this desk (written by migration 9), so the list says nothing by itself; it serves
 * only to recognise an id again.
 */
export class ErasedSubjects {
  private readonly salt: string;
  private readonly find;
  private readonly insert;

  constructor(db: SqliteDatabase) {
    const salt = readSyncState(db, SALT_KEY);
    if (typeof salt !== 'string') throw new Error('The replica has no erasure salt (migration 9).');
    this.salt = salt;
    this.find = db.prepare('SELECT 1 FROM erased_subjects WHERE subject_hash = ?').pluck();
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO erased_subjects (subject_hash, erased_at) VALUES (?, ?)',
    );
  }

  has(customerId: number): boolean {
    return this.find.get(this.hash(customerId)) !== undefined;
  }

  add(customerId: number, at: Date): void {
    this.insert.run(this.hash(customerId), at.toISOString());
  }

  private hash(customerId: number): string {
    return createHash('sha256').update(`${this.salt}:customer:${customerId}`, 'utf8').digest('hex');
  }
}
