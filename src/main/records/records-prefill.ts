import type pg from 'pg';
import type { DataMap } from '../../shared/datamap';
import type { DataCategory } from '../../shared/datamap-terms';
import type { AccessStatement } from '../../shared/ipc/export-schemas';
import {
  STATEMENT_CATEGORY_LABELS,
  type ExportTable,
  type StatementCategory,
} from '../../shared/exports';
import type { ProcessingActivity, RequesterText } from '../../shared/records';
import { REQUESTER_LANGUAGES, type RequesterLanguage } from '../../shared/requester-languages';
import { EXPORT_TABLE_SPECS } from '../export/export-tables';

/** A confirmed row of reflect.retention_policies, where central has that table. */
export interface RetentionRule {
  category: string | null;
  tableName: string | null;
  keepDays: number;
  /** As central words it ("7 years"); the days are said when it does not. */
  period?: string;
  anchor: 'event' | 'last_activity';
  action: 'delete' | 'anonymise';
}

export interface PrefillSources {
  map: DataMap;
  /** The access statement in each requester language (the organisation's, or the shipped example). */
  statements: Record<RequesterLanguage, AccessStatement>;
  /** The confirmed retention rules, or none when central keeps no retention policies. */
  retention: RetentionRule[];
  controllerContact: string;
  dpoContact: string;
}

/** What the map's own categories say nothing personal about. */
const NOT_ABOUT_PEOPLE = new Set<DataCategory>(['not_personal']);

const SECURITY_MEASURES =
  'Access limited to named staff by role; administrators confirm changes with a two-step code. ' +
  'Data encrypted in transit (TLS) and on the privacy desks (SQLCipher). ' +
  'Every view, change and export recorded in a tamper-evident audit trail.';

/** The access-report section a reference table's rows are explained in, if any. */
function sectionOf(table: string): StatementCategory | null {
  const [schema, name] = table.split('.');
  if (schema !== 'reflect') return null;
  return EXPORT_TABLE_SPECS.find((s) => s.table === (name as ExportTable))?.category ?? null;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63)
      .replace(/-+$/, '') || 'activity'
  );
}

function retentionSentence(rule: RetentionRule): string {
  const what = rule.action === 'delete' ? 'Deleted' : 'Anonymised';
  const from = rule.anchor === 'event' ? 'the event' : 'the last activity';
  return `${what} ${rule.period ?? `${rule.keepDays} days`} after ${from}.`;
}

/** The retention rules that cover a group: by one of its tables, or by one of its categories. */
function retentionFor(
  rules: RetentionRule[],
  tables: string[],
  categories: DataCategory[],
): string | null {
  const bare = new Set(tables.flatMap((t) => [t, t.split('.')[1] ?? t]));
  const matching = rules.filter(
    (r) =>
      (r.tableName !== null && bare.has(r.tableName)) ||
      (r.tableName === null &&
        r.category !== null &&
        (categories as string[]).includes(r.category)),
  );
  // A table's own policy wins over its category's, as it does when retention runs.
  const own = new Set(matching.filter((r) => r.category === null).map((r) => r.tableName));
  const applying = matching.filter((r) => r.category === null || !own.has(r.tableName));
  if (applying.length === 0) return null;
  return [...new Set(applying.map(retentionSentence))].join(' ');
}

interface Group {
  id: string;
  name: string;
  section: StatementCategory | null;
  tables: string[];
  categories: Set<DataCategory>;
}

/**
 * Proposes one activity per group of the data map's tables: the tables an access-report section
 * explains form one group (identity, addresses, orders, ...); any other table is a group of its
 * own. The categories of data are the map's column categories; purposes, legal basis, recipients
 * and retention come from the access statement, retention from central's confirmed retention
 * rules where there are any. A proposal, to be read and corrected before it is saved.
 */
export function proposeActivities(sources: PrefillSources): ProcessingActivity[] {
  const groups = new Map<string, Group>();
  for (const entry of sources.map.tables) {
    const section = sectionOf(entry.table);
    const key = section ?? `table:${entry.table}`;
    const name = section ? STATEMENT_CATEGORY_LABELS[section] : (entry.label ?? entry.table);
    const taken = new Set([...groups.values()].map((g) => g.id));
    let id = slug(section ?? entry.table);
    // crm.person and crm_person make the same id: the second gets a number.
    for (let n = 2; !groups.has(key) && taken.has(id); n++)
      id = `${slug(entry.table).slice(0, 58)}-${n}`;
    const group = groups.get(key) ?? {
      id,
      name,
      section,
      tables: [],
      categories: new Set<DataCategory>(),
    };
    group.tables.push(entry.table);
    for (const column of Object.values(entry.columns)) {
      if (!NOT_ABOUT_PEOPLE.has(column.category)) group.categories.add(column.category);
    }
    groups.set(key, group);
  }
  const english = sources.statements.en;
  const out: ProcessingActivity[] = [];
  for (const group of groups.values()) {
    if (group.categories.size === 0) continue;
    const categories = [...group.categories].sort();
    const text = group.section ? english.categories[group.section] : null;
    const retention = retentionFor(sources.retention, group.tables, categories);
    const requesterText: Partial<Record<RequesterLanguage, RequesterText>> = {};
    if (group.section) {
      for (const language of REQUESTER_LANGUAGES) {
        if (language === 'en') continue;
        const c = sources.statements[language].categories[group.section];
        requesterText[language] = {
          purposes: c.purposes,
          legal_basis: c.legalBasis,
          recipients: c.recipients,
          // Central's retention rules are written in English: every language reads them then.
          ...(retention === null ? { retention: c.retention } : {}),
          transfers: sources.statements[language].transfers,
        };
      }
    }
    out.push({
      activity_id: group.id,
      name: group.name,
      purposes:
        text?.purposes ?? `Describe why the data in ${group.tables.join(', ')} is processed.`,
      legal_basis: text?.legalBasis ?? 'Give the legal basis (Article 6(1) GDPR).',
      subject_categories: ['Customers'],
      data_categories: categories,
      report_sections: group.section ? [group.section] : [],
      recipients: text?.recipients ?? '',
      transfers: english.transfers,
      retention: retention ?? text?.retention ?? 'Say how long the data is kept.',
      security_measures: SECURITY_MEASURES,
      controller_contact: sources.controllerContact,
      dpo_contact: sources.dpoContact,
      language: 'en',
      requester_text: requesterText,
      base_version: null,
    });
  }
  return out;
}

/**
 * Central's confirmed retention rules, read only where central keeps them (a table another part
 * of Reflect adds); without the table, or without the right to read it, there are none.
 */
export async function readRetentionRules(client: pg.ClientBase): Promise<RetentionRule[]> {
  const present = await client.query<{ present: boolean }>(
    `SELECT to_regclass('reflect.retention_policies') IS NOT NULL AS present`,
  );
  if (!present.rows[0]?.present) return [];
  try {
    const { rows } = await client.query<{
      category: string | null;
      table_name: string | null;
      keep_days: number;
      period_text: string;
      anchor: RetentionRule['anchor'];
      action: RetentionRule['action'];
    }>(
      // A category policy names retention's own categories (transactional, ...), not the data
      // map's: central says which tables each covers, so the rule meets the activity by table.
      `SELECT p.category, t.table_name, p.keep_days, p.period_text, p.anchor, p.action
       FROM reflect.retention_policies p
       CROSS JOIN LATERAL unnest(CASE WHEN p.table_name IS NOT NULL THEN ARRAY[p.table_name]
         ELSE coalesce(reflect.retention_category_tables(p.category), ARRAY[]::text[]) END)
         AS t (table_name)
       WHERE p.confirmed ORDER BY t.table_name, p.category NULLS FIRST`,
    );
    return rows.map((r) => ({
      category: r.category,
      tableName: r.table_name,
      keepDays: r.keep_days,
      period: r.period_text,
      anchor: r.anchor,
      action: r.action,
    }));
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return [];
    throw error;
  }
}
