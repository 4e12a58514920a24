import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { TestDatabase } from './postgres-database';

/** A login with one Reflect role, its own client connected. */
export async function createRoleLogin(
  database: TestDatabase,
  owner: pg.ClientBase,
  role: 'viewer' | 'officer' | 'approver' | 'admin',
): Promise<{ name: string; url: string; client: pg.Client }> {
  const name = `${role}_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await owner.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}' IN ROLE reflect_${role}`);
  const url = new URL(database.url);
  url.username = name;
  url.password = password;
  return { name, url: url.toString(), client: await database.connect(url.toString()) };
}
