import type pg from 'pg';
import type { RetentionRunOutcome } from '../../shared/retention';
import { isOffline } from '../sync/failure-kind';
import { runRetentionIfDue } from './central-retention';

/**
 * Central has no scheduler of its own: each desk's sync asks it to run retention's slot if it
 * is due (central runs it once, whoever asks first). Before the pull, so this very sync brings
 * the purge down. A central without retention, or a run that failed (central logged it and
 * tries at the next slot), does not stop the sync; a lost connection does, as anywhere.
 */
export async function runScheduledRetention(
  central: pg.ClientBase,
): Promise<RetentionRunOutcome | null> {
  try {
    return await runRetentionIfDue(central);
  } catch (error) {
    if (isOffline(error)) throw error;
    // An older central (no retention), a login without a Reflect role, or a run central rolled
    // back: the sync goes on, and the next sync or slot asks again.
    return null;
  }
}
