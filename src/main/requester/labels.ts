import { z } from 'zod';
import {
  EXPORT_TABLES,
  STATEMENT_CATEGORIES,
  type ExportTable,
  type StatementCategory,
} from '../../shared/exports';
import { REQUESTER_LANGUAGES, type RequesterLanguage } from '../../shared/requester-languages';
import type { LabelEntry, LabelOverrides } from '../../shared/ipc/export-schemas';
import { readDeskSetting, writeDeskSetting } from '../db/desk-settings';
import type { SqliteDatabase } from '../db/open';
import { CATALOGUES, type MessageKey } from './catalogues';
import { EXPORT_TABLE_SPECS } from '../export/export-tables';

const KEY = 'requester-labels';

/** The names a requester reads for tables, columns and statement categories, per language. */
export interface Labels {
  table(table: ExportTable): string;
  tableInfo(table: ExportTable): string;
  column(table: ExportTable, column: string): string;
  category(category: StatementCategory): string;
}

/**
 * Every label an organisation may rename: each table (its name and its one-line description),
 * each column of the reference tables, and each category of the access statement.
 */
export const LABEL_KEYS: readonly MessageKey[] = [
  ...EXPORT_TABLES.flatMap((t) => [`table.${t}`, `tableInfo.${t}`]),
  ...EXPORT_TABLE_SPECS.flatMap((s) => s.columns.map((c) => `column.${s.table}.${c.name}`)),
  ...STATEMENT_CATEGORIES.map((c) => `category.${c}`),
] as MessageKey[];
const LABEL_KEY_SET: ReadonlySet<string> = new Set(LABEL_KEYS);

const storedSchema: z.ZodType<Record<string, Record<string, string>>> = z.record(
  z.string(),
  z.record(z.string(), z.string()),
);

export function readLabelOverrides(db: SqliteDatabase): LabelOverrides {
  const stored = readDeskSetting<Record<string, Record<string, string>>>(
    db,
    KEY,
    storedSchema,
    () => ({}),
  );
  const out: LabelOverrides = {};
  for (const language of REQUESTER_LANGUAGES) {
    const entries = Object.entries(stored[language] ?? {}).filter(
      ([key, value]) => LABEL_KEY_SET.has(key) && value.trim() !== '',
    );
    if (entries.length > 0) out[language] = Object.fromEntries(entries);
  }
  return out;
}

/** Replaces one language's renamed labels; an empty value goes back to the shipped default. */
export function saveLabelOverrides(
  db: SqliteDatabase,
  language: RequesterLanguage,
  labels: Record<string, string>,
): LabelOverrides {
  const unknown = Object.keys(labels).filter((k) => !LABEL_KEY_SET.has(k));
  if (unknown.length > 0) throw new Error(`Unknown label ${unknown.join(', ')}.`);
  const current = readLabelOverrides(db);
  const kept = Object.fromEntries(
    Object.entries(labels)
      .map(([k, v]) => [k, v.trim()] as const)
      .filter(([, v]) => v !== ''),
  );
  const next: LabelOverrides = { ...current, [language]: kept };
  writeDeskSetting(db, KEY, next);
  return readLabelOverrides(db);
}

/** For Settings: each label with its shipped default and the organisation's own, if any. */
export function labelEntries(db: SqliteDatabase, language: RequesterLanguage): LabelEntry[] {
  const own = readLabelOverrides(db)[language] ?? {};
  return LABEL_KEYS.map((key) => ({
    key,
    defaultLabel: CATALOGUES[language][key],
    label: own[key] ?? null,
  }));
}

export function labelsFor(language: RequesterLanguage, overrides: LabelOverrides): Labels {
  const own = overrides[language] ?? {};
  const catalogue = CATALOGUES[language];
  const get = (key: string, fallback: string): string =>
    own[key] ?? (catalogue as Record<string, string>)[key] ?? fallback;
  return {
    table: (t) => get(`table.${t}`, t),
    tableInfo: (t) => get(`tableInfo.${t}`, ''),
    column: (t, c) => get(`column.${t}.${c}`, c.replace(/_/g, ' ')),
    category: (c) => get(`category.${c}`, c),
  };
}
