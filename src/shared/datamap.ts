import { z } from 'zod';
import { DATA_CATEGORIES, IDENTITY_ROLES } from './datamap-terms';

export { DATA_CATEGORIES, IDENTITY_ROLES };
export type { DataCategory, IdentityRole } from './datamap-terms';

/**
 * The data map: where a company's database keeps a person. Proposed by discovery, confirmed
 * and kept centrally by an administrator, read by everything that names the company's tables.
 * A document, not tables of rows, so an administrator can review it, keep it in version
 * control and edit it as a file.
 */

/** `schema.table`, both parts plain or quoted-free identifiers as PostgreSQL's catalog names them. */
const qualifiedName = z
  .string()
  .regex(/^[^.\s"]{1,63}\.[^.\s"]{1,63}$/, 'a table is written schema.table, e.g. crm.person');
const columnName = z.string().min(1).max(63);

const columnEntry = z
  .object({
    category: z.enum(DATA_CATEGORIES),
    /** How sure discovery was (0 to 1), and from what; kept so a reviewer sees the weak guesses. */
    confidence: z.number().min(0).max(1).optional(),
    why: z.string().max(500).optional(),
  })
  .strict();
export type ColumnEntry = z.infer<typeof columnEntry>;

/**
 * How a table's rows reach the person: `belongs-to` when this table's columns reference the
 * `to` table (a foreign key from here, closer to the person); `lookup` when the `to` table's
 * columns reference this one (a city that addresses point at). `on` pairs this table's column
 * with the `to` table's.
 */
const link = z
  .object({
    kind: z.enum(['belongs-to', 'lookup']),
    to: qualifiedName,
    on: z
      .array(z.tuple([columnName, columnName]))
      .min(1)
      .max(8),
  })
  .strict();
export type TableLink = z.infer<typeof link>;

const tableEntry = z
  .object({
    table: qualifiedName,
    /** The table's primary key (several columns for a composite key). */
    key: z.array(columnName).min(1).max(8),
    /** Absent only on the subject table itself. */
    link: link.optional(),
    /** A human label for documents and screens; the table name when absent. */
    label: z.string().max(120).optional(),
    columns: z.record(columnName, columnEntry),
  })
  .strict();
export type TableEntry = z.infer<typeof tableEntry>;

const identityColumn = z.object({ table: qualifiedName, column: columnName }).strict();

/** Something discovery could not decide and leaves to the administrator. */
const question = z
  .object({
    table: qualifiedName,
    column: columnName.optional(),
    text: z.string().min(1).max(1000),
  })
  .strict();
export type MapQuestion = z.infer<typeof question>;

export const dataMapSchema = z
  .object({
    format: z.literal('reflect-data-map/1'),
    subject: z
      .object({
        table: qualifiedName,
        identity: z.partialRecord(z.enum(IDENTITY_ROLES), identityColumn),
      })
      .strict(),
    tables: z.array(tableEntry).min(1).max(2000),
    questions: z.array(question).max(2000).default([]),
  })
  .strict()
  .superRefine((map, ctx) => checkReferences(map, ctx));

export type DataMap = z.infer<typeof dataMapSchema>;

/**
 * Just enough of a map's shape to check its references, so a file with a wrong category still
 * has its unknown table names reported in the same pass.
 */
const referenceShape = z.object({
  subject: z.object({
    table: z.string(),
    identity: z.record(z.string(), z.object({ table: z.string(), column: z.string() })),
  }),
  tables: z.array(
    z.object({
      table: z.string(),
      link: z.object({ to: z.string() }).optional(),
      columns: z.record(z.string(), z.unknown()),
    }),
  ),
});
type ReferenceShape = z.infer<typeof referenceShape>;
type LooseTable = ReferenceShape['tables'][number];

/** The reference problems of a document that does not parse as a whole, or none. */
export function referenceIssues(value: unknown): z.core.$ZodIssue[] {
  const loose = referenceShape.safeParse(value);
  if (!loose.success) return [];
  const issues: z.core.$ZodIssue[] = [];
  checkReferences(loose.data, {
    addIssue: (issue) => {
      if (typeof issue === 'string') return;
      issues.push({
        code: 'custom',
        input: undefined,
        path: issue.path ?? [],
        message: issue.message ?? '',
      });
    },
  } as z.RefinementCtx);
  return issues;
}

/** The rules a type cannot say: every name used is a table of the map, and links lead to the person. */
function checkReferences(map: ReferenceShape, ctx: z.RefinementCtx): void {
  const byName = new Map<string, { entry: LooseTable; index: number }>();
  map.tables.forEach((entry, index) => {
    if (byName.has(entry.table)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tables', index, 'table'],
        message: `${entry.table} is listed twice`,
      });
    }
    byName.set(entry.table, { entry, index });
  });
  const subject = byName.get(map.subject.table);
  if (!subject) {
    ctx.addIssue({
      code: 'custom',
      path: ['subject', 'table'],
      message: `the subject table ${map.subject.table} is not one of the tables listed`,
    });
  } else if (subject.entry.link) {
    ctx.addIssue({
      code: 'custom',
      path: ['tables', subject.index, 'link'],
      message: 'the subject table is the person itself: it has no link',
    });
  }
  for (const [role, target] of Object.entries(map.subject.identity)) {
    const table = byName.get(target.table);
    if (!table) {
      ctx.addIssue({
        code: 'custom',
        path: ['subject', 'identity', role, 'table'],
        message: `${target.table} is not one of the tables listed`,
      });
    } else if (!(target.column in table.entry.columns)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subject', 'identity', role, 'column'],
        message: `${target.table} lists no column ${target.column}`,
      });
    }
  }
  map.tables.forEach((entry, index) => {
    if (entry.table === map.subject.table) return;
    if (!entry.link) {
      ctx.addIssue({
        code: 'custom',
        path: ['tables', index],
        message: `${entry.table} has no link to the person: add one, or remove the table and ask a question about it`,
      });
      return;
    }
    if (!byName.has(entry.link.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tables', index, 'link', 'to'],
        message: `${entry.link.to} is not one of the tables listed`,
      });
      return;
    }
    if (!reachesSubject(entry, byName, map.subject.table)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tables', index, 'link'],
        message: `the links from ${entry.table} go round in a circle and never reach ${map.subject.table}`,
      });
    }
  });
}

function reachesSubject(
  start: LooseTable,
  byName: Map<string, { entry: LooseTable }>,
  subject: string,
): boolean {
  const seen = new Set<string>();
  let at: LooseTable | undefined = start;
  while (at && !seen.has(at.table)) {
    if (at.table === subject) return true;
    seen.add(at.table);
    at = at.link ? byName.get(at.link.to)?.entry : undefined;
  }
  return false;
}

/** The table entry of a map by name. */
export function tableOf(map: DataMap, name: string): TableEntry | undefined {
  return map.tables.find((t) => t.table === name);
}

/** Where the map and the live database part ways. */
export interface DriftFinding {
  kind: 'missing-table' | 'missing-column' | 'key-changed' | 'new-column';
  /** Blocking: the map names what the database no longer has. Notice: the database has more. */
  severity: 'blocking' | 'notice';
  table: string;
  column: string | null;
  text: string;
}

/** What a desk knows of the data map in force, from its last sync (kept for offline use). */
export interface DataMapCheck {
  version: number;
  savedBy: string;
  savedAt: string;
  /** When the desk last compared the map with the database. */
  checkedAt: string;
  /** The differences found then, blocking first (at most 100). */
  findings: DriftFinding[];
  /** Why the last comparison could not be made (the map stays as last read), or null. */
  problem: string | null;
}
