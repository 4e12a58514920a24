import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import type { SqliteDatabase } from '../../../src/main/db/open';
import { runFollowUp, scheduleFollowUp } from '../../../src/main/purge/purge-follow-up';
import { identityNeedles, scrubText } from '../../../src/main/purge/scrub-text';
import { SearchEngine } from '../../../src/main/search/search-engine';
import { createCentralClient } from '../../../src/main/sync/central-client';
import { Puller } from '../../../src/main/sync/pull';
import { replicaTable } from '../../../src/main/sync/replica-tables';
import { ReplicaWriter } from '../../../src/main/sync/replica-writer';
import { requestRefetch } from '../../../src/main/sync/conflicts';
import { writeSyncState } from '../../../src/main/sync/sync-state';
import { eraseThroughCase } from '../../support/central-cases';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { centralDigests, replicaDigests } from '../../support/convergence';
import { scanDecryptedFile } from '../../support/personal-data-scan';
import { createLoginRole, type TestDatabase } from '../../support/postgres-database';
import { freshEncryptedDatabase } from '../../support/replica';

async function freshReplica() {
  const replica = freshEncryptedDatabase();
  await migrate(replica.db);
  return replica;
}

/** A desk's login as central sees it: an officer, reading values as the desk does. */
async function officerClient(database: TestDatabase) {
  const client = createCentralClient({
    connectionString: await createLoginRole(database, 'reflect_officer'),
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function erase(database: TestDatabase, customerId: number): Promise<void> {
  await eraseThroughCase(database, [customerId]);
}

const count = (raw: SqliteDatabase, sql: string) => raw.prepare(sql).pluck().get() as number;

/** Moves the desk's replay cursor past every change central has made so far, unapplied. */
async function skipChangesSoFar(central: pg.ClientBase, raw: SqliteDatabase): Promise<void> {
  const horizon = await central.query<{ xmin: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
  );
  writeSyncState(raw, 'pull', { phase: 'replay', horizon: horizon.rows[0]?.xmin });
}

describe('purge on pull', () => {
  it('stores no child row that arrives after the erasure, even without tombstones', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 10);
    // The company's own database may have no foreign keys: rows can name a deleted customer.
    await central.query('ALTER TABLE reflect.addresses DROP CONSTRAINT addresses_customer_id_fkey');
    await central.query('REVOKE SELECT ON reflect.tombstones FROM reflect_viewer');
    const desk = await officerClient(database);
    const { raw } = await freshReplica();
    const puller = new Puller(desk, raw);
    await puller.pull();

    await erase(database, 9);
    const { purged } = await puller.pull();
    expect(purged).toEqual([9]);
    await central.query(`INSERT INTO reflect.addresses (customer_id, kind, line1, city, country)
                         VALUES (9, 'home', '1 Late Row', 'Afterton', 'GB'),
                                (10, 'home', '2 Kept Row', 'Afterton', 'GB')`);
    await puller.pull();
    expect(count(raw, 'SELECT count(*) FROM addresses WHERE customer_id = 9')).toBe(0);
    expect(count(raw, 'SELECT count(*) FROM addresses WHERE customer_id = 10')).toBe(1);

    // A stale copy (an old snapshot page, a restored backup) is refused too, by the desk's own
    // record of what it purged: this writer has no tombstone salt.
    const writer = new ReplicaWriter(raw);
    writer.upsert(replicaTable('events'), {
      event_id: 999,
      customer_id: 9,
      event_type: 'login',
      occurred_at: '2026-01-01T00:00:00.000Z',
      metadata: {},
      version: 1,
    });
    writer.upsert(replicaTable('customers'), {
      customer_id: 9,
      name: 'Person 9',
      status: 'active',
      created_at: '2024-01-01T00:00:00.000Z',
      tags: [],
      attributes: {},
      restricted: false,
      version: 1,
    });
    expect(count(raw, 'SELECT count(*) FROM events WHERE event_id = 999')).toBe(0);
    expect(count(raw, 'SELECT count(*) FROM customers WHERE customer_id = 9')).toBe(0);
    // A row of a customer the desk has not received yet is no orphan: it is kept.
    writer.upsert(replicaTable('events'), {
      event_id: 1000,
      customer_id: 5000,
      event_type: 'login',
      occurred_at: '2026-01-01T00:00:00.000Z',
      metadata: {},
      version: 1,
    });
    expect(count(raw, 'SELECT count(*) FROM events WHERE event_id = 1000')).toBe(1);
  });

  it('purges in the transaction of the deletion: a failed purge leaves the customer whole', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 10);
    const { raw } = await freshReplica();
    const puller = new Puller(central, raw);
    await puller.pull();
    raw
      .prepare(
        `INSERT INTO merges (op_id, survivor_id, merged_ids, before, provenance,
           survivor_version_after, merged_at, merged_by) VALUES ('m1', 9, '[8]', '{}', '{}', 3, 'x', 'ann')`,
      )
      .run();
    raw.exec(`CREATE TRIGGER fail_purge BEFORE DELETE ON merges
              BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`);

    await erase(database, 9);
    await expect(puller.pull()).rejects.toThrow('the disk is full');
    expect(count(raw, 'SELECT count(*) FROM customers WHERE customer_id = 9')).toBe(1);
    expect(count(raw, 'SELECT count(*) FROM events WHERE customer_id = 9')).toBe(2);
    expect(count(raw, 'SELECT count(*) FROM erased_subjects')).toBe(0);

    raw.exec('DROP TRIGGER fail_purge');
    expect((await puller.pull()).purged).toEqual([9]);
    expect(count(raw, 'SELECT count(*) FROM customers WHERE customer_id = 9')).toBe(0);
    expect(count(raw, 'SELECT count(*) FROM merges')).toBe(0);
  });

  it('purges by tombstone what a desk that missed the deletion still holds', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 10);
    const { raw } = await freshReplica();
    const puller = new Puller(central, raw, { actor: 'ann' });
    await puller.pull();

    await erase(database, 9);
    // The desk's cursor moved past the deletion without applying it (as a desk synced before
    // desks purged on erasure did, or one restored from a copy).
    await skipChangesSoFar(central, raw);
    const { purged, changesApplied } = await puller.pull();
    expect(changesApplied).toBe(0);
    expect(purged).toEqual([9]);
    expect(count(raw, 'SELECT count(*) FROM customers WHERE customer_id = 9')).toBe(0);
    const entry = raw
      .prepare(`SELECT actor, subject, details FROM audit_log WHERE action = 'subject.purged'`)
      .get() as { actor: string; subject: string; details: string };
    expect(entry).toMatchObject({ actor: 'ann', subject: 'customer:9' });
    expect(JSON.parse(entry.details)).toMatchObject({
      customerIds: [9],
      trigger: 'tombstone',
      removed: { customers: 1, events: 2, orders: 1, consents: 1 },
    });
    // Matched once: the next pull has nothing left to match.
    expect((await puller.pull()).purged).toEqual([]);
  });

  it('purges a customer a refetch finds gone, and brings back what central keeps of it', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 10);
    await central.query('REVOKE SELECT ON reflect.tombstones FROM reflect_viewer');
    const { raw } = await freshReplica();
    const puller = new Puller(await officerClient(database), raw);
    await puller.pull();
    // The officer discarded a change to customer 9: its row is to be read again from central.
    raw.transaction(() => requestRefetch(raw, [{ table: 'customers', pk: 9 }]))();

    await erase(database, 9);
    await skipChangesSoFar(central, raw);
    expect((await puller.pull()).purged).toEqual([9]);
    // The order and consent central keeps, detached, come back as central has them.
    const customerTables = (digests: Record<string, string>) =>
      Object.fromEntries(Object.entries(digests).filter(([table]) => !table.startsWith('case')));
    expect(customerTables(replicaDigests(raw))).toEqual(
      customerTables(await centralDigests(central)),
    );
    expect(count(raw, 'SELECT count(*) FROM orders WHERE customer_id IS NULL')).toBe(1);
  });

  it('drops from the typo vocabulary only the words nobody else has', async () => {
    const { database, central } = await centralWithClient();
    await central.query(`INSERT INTO reflect.customers (customer_id, name, status) VALUES
      (1, 'Oriel Brackenbury', 'active'), (2, 'Tamsin Brackenbury', 'active')`);
    const { raw } = await freshReplica();
    const puller = new Puller(central, raw);
    await puller.pull();
    const engine = new SearchEngine(raw);
    const corrections = (text: string) =>
      engine.search(text, { statuses: [], tags: [] }).corrections.map((c) => c.replacement);
    expect(corrections('Oriell')).toContain('oriel');

    await erase(database, 1);
    await puller.pull();
    expect(corrections('Oriell')).toEqual([]);
    expect(corrections('Brackenbery')).toContain('brackenbury');
    expect(raw.prepare('SELECT term FROM search_terms ORDER BY term').pluck().all()).toEqual([
      'brackenbury',
      'tamsin',
    ]);
  });
});

describe('purge follow-up', () => {
  it('blanks free pages, which a decrypted copy of the file would otherwise still show', async () => {
    const { raw, path, key } = await freshReplica();
    raw.exec('CREATE TABLE scratch (t TEXT)');
    // Long enough to fill overflow pages, which SQLite frees whole when the row goes.
    raw.prepare('INSERT INTO scratch VALUES (?)').run('Quillfeather '.repeat(4000));
    raw.exec('DELETE FROM scratch');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    expect(scanDecryptedFile(path, key, ['Quillfeather'], new Set()).length).toBeGreaterThan(0);

    raw.transaction(() => scheduleFollowUp(raw, []))();
    expect(runFollowUp(raw)).toMatchObject({ walTruncated: true });
    expect(scanDecryptedFile(path, key, ['Quillfeather'], new Set())).toEqual([]);
    expect(runFollowUp(raw)).toBeNull();
  });
});

describe('scrubbing text that names an erased person', () => {
  const needles = identityNeedles(['Zoë Li Müller'], ['zoe.mueller@example.org']);

  it('replaces each name word and email, folded, wherever it appears', () => {
    expect(scrubText('/exports/MULLER-zoe-access', needles)).toBe(
      '/exports/[erased]-[erased]-access',
    );
    expect(scrubText('Sent to zoe.mueller@example.org', needles)).toBe('Sent to [erased]');
    // Two letters are too short to be sure they name the person.
    expect(scrubText('/exports/Li-Wang', needles)).toBe('/exports/Li-Wang');
    expect(scrubText('/exports/nothing-here', needles)).toBe('/exports/nothing-here');
  });
});
