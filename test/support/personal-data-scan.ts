import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import type { SqliteDatabase } from '../../src/main/db/open';
import { foldText } from '../../src/main/search/text-folding';

/** Where a value was found: a table and column, a page of the file, a row of central. */
export interface Hit {
  where: string;
  value: string;
}

/** SQLCipher 4: 4 KiB pages, each ending in a 16-byte IV and a 64-byte HMAC; page 1 opens with the salt. */
const PAGE_SIZE = 4096;
const RESERVED = 80;
const SALT = 16;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

const matches = (text: string, value: string) => foldText(text).includes(foldText(value));

/** The value as its bytes may lie in a page: as written, and folded as the search index keeps it. */
function byteForms(value: string): Buffer[] {
  return [...new Set([value, value.toLowerCase(), foldText(value)])].map((v) => Buffer.from(v));
}

/**
 * Every value of every table (full-text tables through the shadow tables that hold their data),
 * text compared folded, blobs byte by byte.
 */
export function scanTables(db: SqliteDatabase, values: readonly string[], skip: readonly string[]) {
  const hits: Hit[] = [];
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
    sql: string | null;
  }[];
  for (const { name, sql } of tables) {
    if (skip.includes(name) || sql?.startsWith('CREATE VIRTUAL TABLE')) continue;
    const statement = db.prepare(`SELECT * FROM "${name}"`).raw();
    const columns = statement.columns().map((c) => c.name);
    for (const row of statement.all() as unknown[][]) {
      row.forEach((cell, i) => {
        for (const value of values) {
          const found =
            (typeof cell === 'string' && matches(cell, value)) ||
            (Buffer.isBuffer(cell) && byteForms(value).some((form) => cell.includes(form)));
          if (found) hits.push({ where: `${name}.${columns[i] ?? i}`, value });
        }
      });
    }
  }
  return hits;
}

/** The pages (b-tree and overflow) of these tables and their indexes, numbered from 1. */
export function pagesOf(db: SqliteDatabase, tables: readonly string[]): Set<number> {
  const names = db
    .prepare(`SELECT name FROM sqlite_master WHERE tbl_name IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(JSON.stringify(tables)) as string[];
  const pages = db
    .prepare('SELECT pageno FROM dbstat WHERE name IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(names)) as number[];
  return new Set(pages);
}

function decryptPage(page: Buffer, pageNumber: number, key: Buffer): Buffer {
  const iv = page.subarray(PAGE_SIZE - RESERVED, PAGE_SIZE - RESERVED + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  const start = pageNumber === 1 ? SALT : 0;
  return Buffer.concat([
    decipher.update(page.subarray(start, PAGE_SIZE - RESERVED)),
    decipher.final(),
  ]);
}

/**
 * Decrypts every page of the replica file and of its write-ahead log, free pages and unused
 * space in pages included, as someone holding the key could read them, and looks for the values'
 * bytes. Pages of `skipPages` (tables kept by design) are not searched.
 */
export function scanDecryptedFile(
  path: string,
  key: Buffer,
  values: readonly string[],
  skipPages: ReadonlySet<number>,
): Hit[] {
  const hits: Hit[] = [];
  const search = (plain: Buffer, where: string) => {
    for (const value of values) {
      if (byteForms(value).some((form) => plain.includes(form))) hits.push({ where, value });
    }
  };
  const file = readFileSync(path);
  for (let at = 0; at + PAGE_SIZE <= file.length; at += PAGE_SIZE) {
    const pageNumber = at / PAGE_SIZE + 1;
    if (skipPages.has(pageNumber)) continue;
    search(decryptPage(file.subarray(at, at + PAGE_SIZE), pageNumber, key), `page ${pageNumber}`);
  }
  const walPath = `${path}-wal`;
  const wal = existsSync(walPath) ? readFileSync(walPath) : Buffer.alloc(0);
  for (let at = WAL_HEADER; at + FRAME_HEADER + PAGE_SIZE <= wal.length;) {
    const pageNumber = wal.readUInt32BE(at);
    const page = wal.subarray(at + FRAME_HEADER, at + FRAME_HEADER + PAGE_SIZE);
    if (!skipPages.has(pageNumber)) {
      search(decryptPage(page, pageNumber, key), `wal frame of page ${pageNumber}`);
    }
    at += FRAME_HEADER + PAGE_SIZE;
  }
  return hits;
}

/** Every row of every table in schema reflect, as text, but the tables skipped. */
export async function scanCentral(
  central: pg.ClientBase,
  values: readonly string[],
  skip: readonly string[],
): Promise<Hit[]> {
  const tables = await central.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'reflect' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const hits: Hit[] = [];
  for (const { name } of tables.rows) {
    if (skip.includes(name)) continue;
    const rows = await central.query<{ row: string }>(
      `SELECT t::text AS row FROM reflect.${name} t`,
    );
    for (const { row } of rows.rows) {
      for (const value of values)
        if (matches(row, value)) hits.push({ where: `reflect.${name}`, value });
    }
  }
  return hits;
}
