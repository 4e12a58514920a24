import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { CentralPermissionError } from '../central/operations';
import type { SyncController } from '../sync/sync-controller';

/**
 * Runs `work` on central now, for what central must decide at once (a right carried out, an
 * approval confirmed). Offline, the officer is told that nothing waits in the outbox for this:
 * it needs central to answer, so they try again once connected.
 */
export async function centralNow<T>(
  sync: SyncController,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  try {
    return await sync.withCentral(work);
  } catch (error) {
    if (error instanceof CentralPermissionError) {
      throw new AppError('ROLE_REFUSED', error.message, { cause: error });
    }
    // The generic offline message promises the outbox; these actions never wait there.
    if (error instanceof AppError && error.code === 'OFFLINE') {
      throw new AppError(
        'OFFLINE',
        `${error.message.replace(/\. Work goes on offline.*$/, '.')} This needs central to answer now, because central decides what cannot be undone: nothing was done or queued. Try again once the desk is connected (the Sync screen shows when it is).`,
        { cause: error },
      );
    }
    throw error;
  }
}
