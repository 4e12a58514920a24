import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { applyOperation } from '../central/operations';

/**
 * Turns change capture on for every table of the data map in force (version `version`, which
 * must still be the newest), or off for all of them. Central refuses a map that no longer
 * matches the database.
 */
export async function setChangeCapture(
  client: pg.ClientBase,
  change: { on: true; version: number } | { on: false },
): Promise<{ tables: number }> {
  const outcome = await applyOperation(client, {
    opId: randomUUID(),
    kind: change.on ? 'datamap.capture' : 'datamap.uncapture',
    payload: change.on ? { version: change.version } : {},
  });
  if (outcome.status !== 'applied') {
    throw new AppError(
      'INVALID_INPUT',
      `Central refused: ${outcome.status === 'rejected' ? outcome.reason : 'it changed meanwhile'}.`,
    );
  }
  // The operation's audit details, returned with its outcome: how many tables it changed.
  const details = (outcome as { audit?: { tables?: number } }).audit;
  return { tables: details?.tables ?? 0 };
}
