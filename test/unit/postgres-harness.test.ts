import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/postgres-database';

describe('private PostgreSQL for the test run', () => {
  it('hands each test its own database over loopback with password authentication', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url);
    expect(url.hostname).toBe('127.0.0.1');
    const client = await database.connect();
    await client.query('CREATE TABLE probe (id int primary key, note text)');
    await client.query('INSERT INTO probe VALUES (1, $1)', ['written']);
    expect((await client.query('SELECT note FROM probe')).rows).toEqual([{ note: 'written' }]);
    url.password = 'wrong-password';
    const intruder = new pg.Client({ connectionString: url.toString() });
    await expect(intruder.connect()).rejects.toThrow(/password authentication failed/);
  });
});
