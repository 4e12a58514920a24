import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/db/migrate';
import { DatabaseUnreadableError, openEncryptedDatabase } from '../../../src/main/db/open';
import { freshEncryptedDatabase } from '../../support/replica';

const PERSONAL = {
  name: 'Henriette Quarrington-Vasquez',
  email: 'henriette.quarrington@example.org',
  phone: '+44 7700 900123',
  note: 'prefers-contact-by-carrier-pigeon',
};

function fileHolds(path: string, needle: string): boolean {
  return readFileSync(path).includes(Buffer.from(needle, 'utf8'));
}

describe('encrypted replica file', () => {
  it('keeps personal data out of the database file and its WAL', async () => {
    const { db, raw, path } = freshEncryptedDatabase();
    await migrate(db);
    await db
      .insertInto('customers')
      .values({
        customer_id: 1,
        name: PERSONAL.name,
        email: PERSONAL.email,
        phone: PERSONAL.phone,
        status: 'active',
        created_at: '2026-01-01T00:00:00Z',
        last_active: null,
        tags: '[]',
        lifecycle_stage: null,
        attributes: JSON.stringify({ note: PERSONAL.note }),
        version: 1,
      })
      .execute();

    // Before a checkpoint the new row lives only in the WAL; it must be ciphertext there too.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    for (const value of Object.values(PERSONAL)) {
      expect(fileHolds(path, value)).toBe(false);
      expect(fileHolds(`${path}-wal`, value)).toBe(false);
    }
    raw.pragma('wal_checkpoint(TRUNCATE)');
    for (const value of Object.values(PERSONAL)) expect(fileHolds(path, value)).toBe(false);

    // The same bytes read back with the key: the data is there, only encrypted.
    const row = await db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(row.email).toBe(PERSONAL.email);
  });

  it('a plaintext control shows the check above can see plaintext at all', () => {
    const { path } = freshEncryptedDatabase();
    const control = `${path}.control`;
    writeFileSync(control, `xx${PERSONAL.email}xx`);
    expect(fileHolds(control, PERSONAL.email)).toBe(true);
  });

  it('creates the database, WAL and shared-memory files owner-only', async () => {
    const { db, path } = freshEncryptedDatabase();
    await migrate(db);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(statSync(file).mode & 0o777, file).toBe(0o600);
    }
  });

  it('runs in WAL mode with foreign keys on and temporary data in memory', () => {
    const { raw } = freshEncryptedDatabase();
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('refuses a wrong key without touching the file', () => {
    const { raw, path } = freshEncryptedDatabase();
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const before = readFileSync(path);
    expect(() => openEncryptedDatabase(path, randomBytes(32), { create: false })).toThrow(
      DatabaseUnreadableError,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('never creates a missing file unless asked to', () => {
    const { path } = freshEncryptedDatabase();
    expect(() =>
      openEncryptedDatabase(`${path}.absent`, randomBytes(32), { create: false }),
    ).toThrow(/missing/);
  });
});
