import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion, SchemaTooNewError } from '../../../src/main/db/migrate';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from '../../../src/main/db/migrations';
import type { Database } from '../../../src/main/db/schema';
import { indexStaleCustomers } from '../../../src/main/search/search-indexer';
import { freshEncryptedDatabase } from '../../support/replica';

const customer = (id: number) => ({
  customer_id: id,
  name: `Customer ${id}`,
  email: `c${id}@example.com`,
  phone: null,
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
  last_active: null,
  tags: '["vip"]',
  lifecycle_stage: 'customer',
  attributes: '{}',
  version: 1,
});

async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).sort();
}

describe('migration 1: replica tables', () => {
  it('creates the reference tables, keeps JSON columns valid', async () => {
    const { db } = freshEncryptedDatabase();
    await migrate(db, { target: 0 });
    expect(await tableNames(db)).toEqual([]);
    await migrate(db, { target: 1 });
    expect(await tableNames(db)).toEqual(
      ['addresses', 'consents', 'customers', 'events', 'interactions', 'orders'].sort(),
    );
    await db.insertInto('customers').values(customer(1)).execute();
    await db
      .insertInto('events')
      .values({
        event_id: 1,
        customer_id: 1,
        event_type: 'login',
        occurred_at: '2026-01-02T00:00:00Z',
        metadata: '{"ip":"203.0.113.7"}',
        version: 1,
      })
      .execute();
    const event = await db.selectFrom('events').select('metadata').executeTakeFirstOrThrow();
    expect(JSON.parse(event.metadata)).toEqual({ ip: '203.0.113.7' });
    await expect(
      db
        .insertInto('events')
        .values({
          event_id: 2,
          customer_id: 1,
          event_type: 'login',
          occurred_at: '2026-01-02T00:00:00Z',
          metadata: '{not json',
          version: 1,
        })
        .execute(),
    ).rejects.toThrow(/CHECK constraint failed/);
  });
});

describe('migration 2: sync local tables', () => {
  it('keeps replica rows and adds the outbox with its row links', async () => {
    const { db } = freshEncryptedDatabase();
    await migrate(db, { target: 1 });
    await db.insertInto('customers').values(customer(7)).execute();
    await migrate(db, { target: 2 });
    expect(await db.selectFrom('customers').select('email').execute()).toEqual([
      { email: 'c7@example.com' },
    ]);
    await db
      .insertInto('outbox')
      .values({
        op_id: 'op-1',
        seq: 1,
        operation: 'customer.rectify',
        payload: '{}',
        created_at: 'now',
      })
      .execute();
    await db
      .insertInto('outbox_rows')
      .values({ op_id: 'op-1', table_name: 'customers', pk: 7 })
      .execute();
    // Pushing an operation removes it; the rows it protected from pull are released with it.
    await db.deleteFrom('outbox').where('op_id', '=', 'op-1').execute();
    expect(await db.selectFrom('outbox_rows').selectAll().execute()).toEqual([]);
  });
});

describe('migration 3: audit chain', () => {
  it('adds an audit log that ordinary SQL cannot rewrite', async () => {
    const { db } = freshEncryptedDatabase();
    await migrate(db, { target: 2 });
    await db.insertInto('customers').values(customer(3)).execute();
    await migrate(db, { target: 3 });
    expect(await db.selectFrom('customers').select('customer_id').execute()).toEqual([
      { customer_id: 3 },
    ]);
    await db
      .insertInto('audit_log')
      .values({
        seq: 1,
        at: 't',
        actor: 'a',
        action: 'x',
        subject: null,
        details: '{}',
        prev_hash: 'p',
        hash: 'h',
        pushed_at: null,
      })
      .execute();
    await expect(db.updateTable('audit_log').set({ action: 'y' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    // Sync may record that an entry reached the central log.
    await db.updateTable('audit_log').set({ pushed_at: 'later' }).execute();
  });
});

describe('migration 4: search index', () => {
  it('queues every existing customer for indexing, then queues only what changes', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 3 });
    await db
      .insertInto('customers')
      .values([customer(5), customer(6)])
      .execute();
    await migrate(db, { target: 4 });
    const stale = () => raw.prepare('SELECT customer_id FROM search_stale').pluck().all();
    expect(stale()).toEqual([5, 6]);

    indexStaleCustomers(raw);
    expect(stale()).toEqual([]);
    const match = (q: string) =>
      raw
        .prepare('SELECT rowid FROM search_documents WHERE search_documents MATCH ?')
        .pluck()
        .all(q);
    expect(match('"c6@example"')).toEqual([6]);

    // Columns search does not read leave the queue alone; identifying ones and addresses fill it.
    await db.updateTable('customers').set({ status: 'inactive' }).execute();
    expect(stale()).toEqual([]);
    await db
      .updateTable('customers')
      .set({ phone: '+44 20 7946 0001' })
      .where('customer_id', '=', 5)
      .execute();
    await db
      .insertInto('addresses')
      .values({
        address_id: 1,
        customer_id: 6,
        kind: 'home',
        line1: '1 Rue de Rivoli',
        line2: null,
        city: 'Paris',
        region: null,
        postcode: '75001',
        country: 'FR',
        created_at: 't',
        version: 1,
      })
      .execute();
    expect(stale()).toEqual([5, 6]);
    indexStaleCustomers(raw);
    expect(match('phone : "02079460001"')).toEqual([5]);
    expect(match('"rivoli"')).toEqual([6]);
  });
});

describe('migration 6: exports', () => {
  it('adds the list of exports with checked JSON, and an index to follow merged records', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 5 });
    await db
      .insertInto('customers')
      .values([customer(1), { ...customer(2), merged_into: 1 }])
      .execute();
    await migrate(db, { target: 6 });
    const insert = raw.prepare(
      `INSERT INTO exports (export_id, case_id, created_at, created_by, path, container, encrypted,
         formats, files, manifest_sha256, bytes, rows, redactions)
       VALUES (?, 'c', '2027-01-01T00:00:00Z', 'officer', '/tmp/p', ?, 0, ?, '[]', 'abc', 1, 1, '[]')`,
    );
    insert.run('e1', 'folder', '["json"]');
    expect(() => insert.run('e2', 'tarball', '["json"]')).toThrow(/CHECK/);
    expect(() => insert.run('e3', 'zip', 'not json')).toThrow(/CHECK/);
    const plan = raw
      .prepare('EXPLAIN QUERY PLAN SELECT customer_id FROM customers WHERE merged_into = 1')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('customers_merged_into');
  });
});

describe('migration 8: duplicate evidence', () => {
  it('drops the old model’s candidates and keeps decisions; attribute changes mark a record', async () => {
    const { db, raw } = freshEncryptedDatabase();
    await migrate(db, { target: 7 });
    await db
      .insertInto('customers')
      .values([customer(1), customer(2)])
      .execute();
    raw.exec(`
      INSERT INTO dedupe_candidates (a, b, probability, pattern, found_at) VALUES (1, 2, 0.99, 7, 'x');
      INSERT INTO dedupe_keys (hash, customer_id) VALUES (42, 1);
      INSERT INTO dedupe_runs (kind, started_at, finished_at, summary, model) VALUES ('full', 'x', 'x', '{}', '{}');
      INSERT INTO dedupe_decisions (a, b, decision, decided_by, decided_at) VALUES (1, 2, 'different', 'ann', 'x');
      DELETE FROM dedupe_dirty;`);
    await migrate(db, { target: 8 });
    const count = (table: string) =>
      raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect([count('dedupe_candidates'), count('dedupe_keys'), count('dedupe_runs')]).toEqual([
      0, 0, 0,
    ]);
    expect(count('dedupe_decisions')).toBe(1);
    raw
      .prepare(
        'INSERT INTO dedupe_candidates (a, b, probability, pattern, found_at, given_share, family_share) VALUES (1, 2, 0.9, 1, ?, 0.01, NULL)',
      )
      .run('x');
    expect(() => raw.exec('INSERT INTO dedupe_name_counts (hash, records) VALUES (1, 0)')).toThrow(
      /CHECK/,
    );
    raw.exec(
      `UPDATE customers SET attributes = '{"date_of_birth":"1984-03-07"}' WHERE customer_id = 2`,
    );
    expect(raw.prepare('SELECT customer_id FROM dedupe_dirty').pluck().all()).toEqual([2]);
  });
});

describe('migration runner', () => {
  it('is a static, ordered list whose length is the schema version', async () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const { db } = freshEncryptedDatabase();
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(await readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });

  it('refuses a replica written by a newer app', async () => {
    const { db } = freshEncryptedDatabase();
    await migrate(db);
    await sql`PRAGMA user_version = 99`.execute(db);
    await expect(migrate(db)).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(migrate(db)).rejects.toThrow(/schema version 99.*Update the app/);
  });

  it('rolls a failing step back whole, leaving the previous version', async () => {
    const { db } = freshEncryptedDatabase();
    const failing: Migration = {
      version: 2,
      name: 'fails-halfway',
      async up(trx) {
        await trx.schema.createTable('half_done').addColumn('x', 'integer').execute();
        throw new Error('disk full');
      },
    };
    const list = [migrations[0] as Migration, failing];
    await expect(migrate(db, { migrations: list })).rejects.toThrow('disk full');
    expect(await readSchemaVersion(db)).toBe(1);
    expect(await tableNames(db)).not.toContain('half_done');
  });
});
