import type pg from 'pg';

/** A column as PostgreSQL's catalog describes it. */
export interface CatalogColumn {
  name: string;
  /** The type as `format_type` writes it: `text`, `character varying(80)`, `numeric(10,2)`. */
  type: string;
  /** pg_type.typcategory: S string, N numeric, D date/time, B boolean, A array, U user, ... */
  typeCategory: string;
  notNull: boolean;
}

export interface CatalogForeignKey {
  name: string;
  columns: string[];
  /** `schema.table` */
  references: string;
  referencedColumns: string[];
}

export interface CatalogTable {
  /** `schema.table` */
  name: string;
  schema: string;
  table: string;
  partitioned: boolean;
  /** The planner's estimate (the sum over partitions); null before the table was ever analysed. */
  rows: number | null;
  columns: CatalogColumn[];
  key: string[] | null;
  foreignKeys: CatalogForeignKey[];
}

export interface Catalog {
  database: string;
  serverVersion: string;
  tables: CatalogTable[];
}

/** Schemas that hold PostgreSQL's own tables, or Reflect's, never a company's customers. */
const NOT_THE_COMPANYS = [
  'pg_catalog',
  'information_schema',
  'pg_toast',
  'reflect',
  'reflect_demo',
];

/**
 * Reads tables, keys and foreign keys from the catalog: structure only, no row is read. Partitions
 * are folded into their partitioned table (personal data in a partitioned table is one table to
 * the map). `schemas` narrows the search; by default every schema but the system's and Reflect's.
 */
export async function readCatalog(
  client: pg.ClientBase,
  options: { schemas?: string[] } = {},
): Promise<Catalog> {
  const tables = await client.query<{
    oid: string;
    schema: string;
    name: string;
    kind: string;
    rows: string | null;
  }>(
    `SELECT c.oid::bigint::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
            CASE WHEN c.relkind = 'p' THEN (
                   SELECT CASE WHEN bool_or(ch.reltuples >= 0) THEN sum(greatest(ch.reltuples, 0)) END
                   FROM pg_inherits i JOIN pg_class ch ON ch.oid = i.inhrelid
                   WHERE i.inhparent = c.oid)
                 WHEN c.reltuples >= 0 THEN c.reltuples END::bigint::text AS rows
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast%'
       AND ($1::text[] IS NULL AND NOT n.nspname = ANY ($2::text[]) OR n.nspname = ANY ($1::text[]))
     ORDER BY n.nspname, c.relname`,
    [options.schemas ?? null, NOT_THE_COMPANYS],
  );
  const oids = tables.rows.map((t) => t.oid);
  // One after another: a pg client runs one query at a time.
  const columns = await client.query<{
    oid: string;
    name: string;
    type: string;
    category: string;
    not_null: boolean;
  }>(
    `SELECT a.attrelid::bigint::text AS oid, a.attname AS name,
              format_type(a.atttypid, a.atttypmod) AS type, t.typcategory::text AS category,
              a.attnotnull AS not_null
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
       WHERE a.attrelid = ANY ($1::bigint[]::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attrelid, a.attnum`,
    [oids],
  );
  const keys = await client.query<{ oid: string; columns: string[] }>(
    `SELECT i.indrelid::bigint::text AS oid,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k (attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       WHERE i.indisprimary AND i.indrelid = ANY ($1::bigint[]::oid[])
       GROUP BY i.indrelid`,
    [oids],
  );
  const foreignKeys = await client.query<{
    oid: string;
    name: string;
    columns: string[];
    references: string;
    referenced: string[];
  }>(
    `SELECT c.conrelid::bigint::text AS oid, c.conname AS name,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM unnest(c.conkey) WITH ORDINALITY AS k (n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
              (SELECT n.nspname || '.' || r.relname FROM pg_class r
                 JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.oid = c.confrelid) AS references,
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM unnest(c.confkey) WITH ORDINALITY AS k (n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS referenced
       FROM pg_constraint c
       WHERE c.contype = 'f' AND c.conparentid = 0 AND c.conrelid = ANY ($1::bigint[]::oid[])
       ORDER BY c.conrelid, c.conname`,
    [oids],
  );
  const about = await client.query<{ database: string; version: string }>(
    `SELECT current_database() AS database, current_setting('server_version') AS version`,
  );
  const columnsOf = groupBy(columns.rows, (c) => c.oid);
  const keyOf = new Map(keys.rows.map((k) => [k.oid, k.columns]));
  const foreignKeysOf = groupBy(foreignKeys.rows, (f) => f.oid);
  return {
    database: about.rows[0]?.database ?? '',
    serverVersion: about.rows[0]?.version ?? '',
    tables: tables.rows.map((t) => ({
      name: `${t.schema}.${t.name}`,
      schema: t.schema,
      table: t.name,
      partitioned: t.kind === 'p',
      rows: t.rows === null ? null : Number(t.rows),
      columns: (columnsOf.get(t.oid) ?? []).map((c) => ({
        name: c.name,
        type: c.type,
        typeCategory: c.category,
        notNull: c.not_null,
      })),
      key: keyOf.get(t.oid) ?? null,
      foreignKeys: (foreignKeysOf.get(t.oid) ?? []).map((f) => ({
        name: f.name,
        columns: f.columns,
        references: f.references,
        referencedColumns: f.referenced,
      })),
    })),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
