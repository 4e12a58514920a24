import type { Catalog, CatalogTable } from './catalog';
import { guessColumn, type ColumnGuess } from './column-guess';
import type {
  DataMap,
  IdentityRole,
  MapQuestion,
  TableEntry,
  TableLink,
} from '../../shared/datamap';
import { shareOf } from './value-patterns';
import type { TableSample } from './value-sampler';

/** Where discovery put each table, and why. */
export type TablePlace = 'subject' | 'belongs-to' | 'lookup' | 'question' | 'not-personal';

export interface TableFinding {
  table: string;
  rows: number | null;
  place: TablePlace;
  /** Foreign-key steps to the person (0 for the subject; null when none leads there). */
  depth: number | null;
  sampledRows: number;
  sampleFailed: string | null;
  /** Why the table is left out, when that is not told by a question in the map. */
  note?: string;
}

export interface Proposal {
  map: DataMap;
  tables: TableFinding[];
  /** Other tables that could hold the person, best first, with their score. */
  subjectCandidates: { table: string; score: number }[];
}

const MAPPABLE_NAME = /^[^.\s"]{1,63}$/;

/** How much each identity role tells that a table holds people. */
const SUBJECT_WEIGHTS: Partial<Record<IdentityRole, number>> = {
  full_name: 3,
  given_name: 2,
  family_name: 2,
  email: 3,
  phone: 1,
  birth_date: 2,
  national_id: 2,
  customer_number: 1,
};

/** Address parts are looked for on the subject, its child tables and their lookups. */
const CATEGORIES_FOR_ROLES = new Set(['identity', 'contact', 'address']);

/**
 * Proposes a data map from the catalog and the samples' shapes: the table that holds a person,
 * every table that reaches it by foreign keys at any depth, the lookup tables those point at
 * for address parts, each column's category, and questions for what it cannot decide.
 */
export function proposeMap(all: Catalog, samples: Map<string, TableSample>): Proposal {
  // A map names tables as schema.table: a name with a dot, a quote or a space cannot be one yet.
  const unnamed = all.tables.filter(
    (t) => !MAPPABLE_NAME.test(t.schema) || !MAPPABLE_NAME.test(t.table),
  );
  const catalog = { ...all, tables: all.tables.filter((t) => !unnamed.includes(t)) };
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  const guesses = new Map(catalog.tables.map((t) => [t.name, guessTable(t, samples.get(t.name))]));
  const inbound = inboundCounts(catalog);

  const candidates = catalog.tables
    .map((t) => ({
      table: t.name,
      score: subjectScore(
        guesses.get(t.name) ?? new Map<string, ColumnGuess>(),
        inbound.get(t.name) ?? 0,
      ),
    }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.table.localeCompare(b.table));
  const subjectName = candidates[0]?.table;
  const subject = subjectName === undefined ? undefined : byName.get(subjectName);
  if (!subject) {
    throw new Error(
      'No table looks like it holds people: none has a name, email or date of birth column. Name the schemas to look in with --schema.',
    );
  }

  const questions: MapQuestion[] = [];
  const links = new Map<string, { link: TableLink | null; depth: number }>([
    [subject.name, { link: null, depth: 0 }],
  ]);
  // Breadth first, so each table gets its shortest way to the person.
  for (let frontier = [subject.name], depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const table of catalog.tables) {
      if (links.has(table.name)) continue;
      const fk = table.foreignKeys.find(
        (f) => frontier.includes(f.references) && f.references !== table.name,
      );
      if (!fk) continue;
      links.set(table.name, {
        link: { kind: 'belongs-to', to: fk.references, on: zip(fk.columns, fk.referencedColumns) },
        depth,
      });
      next.push(table.name);
    }
    frontier = next;
  }
  // Lookups: tables the person's tables point at, kept when they hold a part of an address or
  // an identity (a city, a country), followed as far as they go (address, city, country).
  for (let frontier = [...links.keys()]; frontier.length > 0;) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const fk of byName.get(from)?.foreignKeys ?? []) {
        if (links.has(fk.references)) continue;
        const target = byName.get(fk.references);
        if (!target || !holdsIdentityParts(guesses.get(target.name))) continue;
        links.set(target.name, {
          link: { kind: 'lookup', to: from, on: zip(fk.referencedColumns, fk.columns) },
          depth: (links.get(from)?.depth ?? 0) + 1,
        });
        next.push(target.name);
      }
    }
    frontier = next;
  }

  const tables: TableEntry[] = [];
  const findings: TableFinding[] = [];
  for (const table of catalog.tables) {
    const sample = samples.get(table.name);
    const found = links.get(table.name);
    const finding = {
      table: table.name,
      rows: table.rows,
      sampledRows: sample?.rows ?? 0,
      sampleFailed: sample?.failed ?? null,
    };
    if (!found) {
      const personal = personalEvidence(table, guesses.get(table.name), sample);
      if (personal) {
        questions.push({
          table: table.name,
          text: `${personal}, but no foreign key leads from it to ${subject.name}. If its rows belong to a person (linked by an email or a number, say), add it with a link; if not, leave it out.`,
        });
      }
      findings.push({ ...finding, place: personal ? 'question' : 'not-personal', depth: null });
      continue;
    }
    if (!table.key) {
      questions.push({
        table: table.name,
        text: `${table.name} reaches the person but has no primary key, so its rows cannot be told apart. Add a primary key, then discover again.`,
      });
      findings.push({ ...finding, place: 'question', depth: found.depth });
      continue;
    }
    if (sample?.failed) {
      questions.push({
        table: table.name,
        text: `${table.name} could not be sampled (${sample.failed}); its categories come from column names only.`,
      });
    }
    tables.push(
      tableEntry(table, found.link, guesses.get(table.name) ?? new Map<string, ColumnGuess>()),
    );
    findings.push({
      ...finding,
      place: found.link === null ? 'subject' : found.link.kind,
      depth: found.depth,
    });
  }
  for (const table of unnamed) {
    findings.push({
      table: table.name,
      rows: table.rows,
      place: 'question',
      depth: null,
      sampledRows: samples.get(table.name)?.rows ?? 0,
      sampleFailed: samples.get(table.name)?.failed ?? null,
      note: `its name has a dot, a quote or a space, which a data map cannot name yet: rename it if it holds personal data`,
    });
  }
  for (const other of candidates.slice(1)) {
    if (links.has(other.table) || other.score < (candidates[0]?.score ?? 0) * 0.6) continue;
    questions.push({
      table: other.table,
      text: `${other.table} also looks like a table of people (score ${other.score} against ${candidates[0]?.score ?? 0} for ${subject.name}). If the person lives there, make it the subject.`,
    });
  }

  return {
    map: {
      format: 'reflect-data-map/1',
      subject: { table: subject.name, identity: pickIdentity(tables, links, guesses) },
      tables,
      questions,
    },
    tables: findings,
    subjectCandidates: candidates.slice(0, 5),
  };
}

function guessTable(
  table: CatalogTable,
  sample: TableSample | undefined,
): Map<string, ColumnGuess> {
  const keyColumns = new Set([
    ...(table.key ?? []),
    ...table.foreignKeys.flatMap((f) => f.columns),
  ]);
  return new Map(
    table.columns.map((c) => [
      c.name,
      guessColumn(
        c,
        { tableName: table.table, isKey: keyColumns.has(c.name) },
        sample?.columns[c.name],
      ),
    ]),
  );
}

function subjectScore(guesses: Map<string, ColumnGuess>, inbound: number): number {
  let score = 0;
  const seen = new Set<IdentityRole>();
  for (const g of guesses.values()) {
    if (!g.role || seen.has(g.role) || g.confidence < 0.6) continue;
    seen.add(g.role);
    score += SUBJECT_WEIGHTS[g.role] ?? 0;
  }
  // A table many others point at is more likely the person than a copy of their name.
  return score === 0 ? 0 : score + Math.min(inbound, 5);
}

function inboundCounts(catalog: Catalog): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of catalog.tables) {
    for (const fk of t.foreignKeys) {
      if (fk.references !== t.name) counts.set(fk.references, (counts.get(fk.references) ?? 0) + 1);
    }
  }
  return counts;
}

function holdsIdentityParts(guesses: Map<string, ColumnGuess> | undefined): boolean {
  return [...(guesses?.values() ?? [])].some(
    (g) => g.role !== null && CATEGORIES_FOR_ROLES.has(g.category) && g.confidence >= 0.6,
  );
}

/** Why a table without a way to the person still looks like it holds someone's data, or null. */
function personalEvidence(
  table: CatalogTable,
  guesses: Map<string, ColumnGuess> | undefined,
  sample: TableSample | undefined,
): string | null {
  for (const column of table.columns) {
    const s = sample?.columns[column.name];
    for (const [shape, label] of [
      ['email', 'emails'],
      ['phone', 'phone numbers'],
      ['iban', 'IBANs'],
      ['card_number', 'card numbers'],
    ] as const) {
      const share = shareOf(s, shape);
      if ((s?.present ?? 0) >= 10 && share >= 0.6) {
        return `${table.name}.${column.name} holds ${label} (${Math.round(share * 100)}% of ${s?.present ?? 0} sampled values)`;
      }
    }
  }
  const named = [...(guesses?.entries() ?? [])].find(
    ([, g]) => g.role !== null && g.category !== 'address' && g.confidence >= 0.7,
  );
  return named
    ? `${table.name}.${named[0]} looks like a person's ${named[1].role?.replace('_', ' ')}`
    : null;
}

function tableEntry(
  table: CatalogTable,
  link: TableLink | null,
  guesses: Map<string, ColumnGuess>,
): TableEntry {
  const columns: TableEntry['columns'] = {};
  for (const column of table.columns) {
    const g = guesses.get(column.name);
    if (!g) continue;
    columns[column.name] = { category: g.category, confidence: round(g.confidence), why: g.why };
  }
  return {
    table: table.name,
    key: table.key ?? [],
    ...(link ? { link } : {}),
    columns,
  };
}

/**
 * For each identity role, the surest column: on the subject first, then on the nearest table
 * (a phone kept on the address row, a city in its own table).
 */
function pickIdentity(
  tables: TableEntry[],
  links: Map<string, { depth: number }>,
  guesses: Map<string, Map<string, ColumnGuess>>,
): DataMap['subject']['identity'] {
  const best = new Map<
    IdentityRole,
    { table: string; column: string; confidence: number; depth: number }
  >();
  for (const table of tables) {
    const depth = links.get(table.table)?.depth ?? 99;
    for (const [column, g] of guesses.get(table.table) ?? []) {
      if (!g.role || g.confidence < 0.6 || !CATEGORIES_FOR_ROLES.has(g.category)) continue;
      const held = best.get(g.role);
      if (!held || depth < held.depth || (depth === held.depth && g.confidence > held.confidence)) {
        best.set(g.role, { table: table.table, column, confidence: g.confidence, depth });
      }
    }
  }
  const identity: DataMap['subject']['identity'] = {};
  for (const [role, at] of best) identity[role] = { table: at.table, column: at.column };
  return identity;
}

function zip(a: string[], b: string[]): [string, string][] {
  return a.map((x, i) => [x, b[i] ?? '']);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
