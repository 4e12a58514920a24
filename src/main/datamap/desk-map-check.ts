import type pg from 'pg';
import { dataMapSchema, type DataMap, type DataMapCheck } from '../../shared/datamap';
import type { SqliteDatabase } from '../db/open';
import { readSyncState, writeSyncState } from '../sync/sync-state';
import { readCatalog } from './catalog';
import { diffMapWithCatalog } from './catalog-drift';
import { currentDataMap } from './datamap-store';

const KEY = 'data-map';
/** A desk shows the first differences; the CLI's `central map diff` lists them all. */
const MAX_FINDINGS = 100;

interface StoredMap {
  check: DataMapCheck;
  map: DataMap;
}

/**
 * On every sync: reads the data map in force and compares it with the live catalog, keeping both
 * on the desk so the officer sees them offline. A map that cannot be read or compared is said
 * so on the desk; it never fails the sync.
 */
export async function checkDataMap(
  central: pg.ClientBase,
  db: SqliteDatabase,
  now: Date,
): Promise<void> {
  const stored = readStoredMap(db);
  try {
    const saved = await currentDataMap(central);
    if (!saved) {
      if (stored) writeSyncState(db, KEY, null);
      return;
    }
    const schemas = [...new Set(saved.map.tables.map((t) => t.table.split('.')[0] ?? ''))];
    const findings = diffMapWithCatalog(saved.map, await readCatalog(central, { schemas }));
    const check: DataMapCheck = {
      version: saved.version,
      savedBy: saved.savedBy,
      savedAt: saved.savedAt,
      checkedAt: now.toISOString(),
      findings: findings.slice(0, MAX_FINDINGS),
      problem: null,
    };
    writeSyncState(db, KEY, { check, map: saved.map } satisfies StoredMap);
  } catch (error) {
    if (!stored) return;
    const problem = `The data map could not be compared with the database: ${error instanceof Error ? error.message : String(error)}`;
    writeSyncState(db, KEY, { ...stored, check: { ...stored.check, problem } } satisfies StoredMap);
  }
}

/** The map and its last check as the desk keeps them, or null when central has none. */
export function readStoredMap(db: SqliteDatabase): StoredMap | null {
  const value = readSyncState(db, KEY) as StoredMap | null;
  if (!value) return null;
  // Written by this code; read back defensively all the same, as an older desk may have.
  const map = dataMapSchema.safeParse(value.map);
  return map.success ? { check: value.check, map: map.data } : null;
}
