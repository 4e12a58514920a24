import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { applyOperation } from '../central/operations';
import { dataMapSchema, type DataMap } from '../../shared/datamap';

export interface SavedMap {
  version: number;
  map: DataMap;
  hash: string;
  note: string | null;
  savedBy: string;
  savedAt: string;
}

/** The data map in force (the newest version), or null before an administrator saved one. */
export async function currentDataMap(client: pg.ClientBase): Promise<SavedMap | null> {
  const installed = await client.query<{ present: boolean }>(
    `SELECT to_regclass('reflect.data_maps') IS NOT NULL AS present`,
  );
  if (!installed.rows[0]?.present) return null;
  const result = await client.query<{
    version: number;
    document: unknown;
    document_hash: string;
    note: string | null;
    saved_by: string;
    saved_at: string;
  }>(
    `SELECT version, document, document_hash, note, saved_by,
            to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS saved_at
     FROM reflect.data_maps ORDER BY version DESC LIMIT 1`,
  );
  const row = result.rows[0];
  if (!row) return null;
  const parsed = dataMapSchema.safeParse(row.document);
  if (!parsed.success) {
    // Central checked it when it was saved; a map that no longer reads is a newer format this
    // version of Reflect does not know.
    throw new AppError(
      'SCHEMA_TOO_NEW',
      `Data map version ${row.version} on central is not one this version of Reflect can read. Update Reflect.`,
    );
  }
  return {
    version: row.version,
    map: parsed.data,
    hash: row.document_hash,
    note: row.note,
    savedBy: row.saved_by,
    savedAt: row.saved_at,
  };
}

/**
 * Saves a new version of the map; central checks every table and column against the database
 * and refuses it when someone saved another version since `baseVersion`.
 */
export async function saveDataMap(
  client: pg.ClientBase,
  map: DataMap,
  options: { baseVersion: number | null; note?: string },
): Promise<number> {
  const outcome = await applyOperation(client, {
    opId: randomUUID(),
    kind: 'datamap.save',
    payload: { document: map, base_version: options.baseVersion, note: options.note ?? null },
  });
  if (outcome.status !== 'applied') {
    const reason = outcome.status === 'rejected' ? outcome.reason : 'it changed meanwhile';
    throw new AppError(
      reason.startsWith('the map was changed since') ? 'CONFLICTING_CHANGE' : 'INVALID_INPUT',
      `Central refused the data map: ${reason}.`,
    );
  }
  return Number(outcome.subject?.replace('datamap:', ''));
}
