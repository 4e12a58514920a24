import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';

/** A database with the central schema installed, made once per run and copied by tests. */
export const CENTRAL_TEMPLATE = 'reflect_central_template';

export interface TestDatabase {
  url: string;
  /** A client, closed before the database is dropped; as the superuser unless another URL is given. */
  connect(asUrl?: string): Promise<pg.Client>;
  drop(): Promise<void>;
}

/**
 * A fresh database on the run's private cluster, so test files never see each other's rows.
 * With `central: true` it starts with the central schema installed. Dropped when the test ends.
 */
export async function createTestDatabase(
  options: { central?: boolean } = {},
): Promise<TestDatabase> {
  const adminUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) =>
    admin.query(`CREATE DATABASE ${name}${options.central ? ` TEMPLATE ${CENTRAL_TEMPLATE}` : ''}`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const clients: pg.Client[] = [];
  const database: TestDatabase = {
    url: url.toString(),
    async connect(asUrl?: string) {
      const client = new pg.Client({ connectionString: asUrl ?? url.toString() });
      // The drop below ends sessions from the server side; that is expected, not a failure.
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    async drop() {
      await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
      await withAdmin(adminUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
  onTestFinished(() => database.drop());
  return database;
}

/** A login role of the test cluster, member of `group`, with a password; returns its URL. */
export async function createLoginRole(database: TestDatabase, group: string): Promise<string> {
  const role = `officer_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await withAdmin(inject('postgresUrl'), (admin) =>
    admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE ${group}`),
  );
  const url = new URL(database.url);
  url.username = role;
  url.password = password;
  return url.toString();
}

async function withAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}
