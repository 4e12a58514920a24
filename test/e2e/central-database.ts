import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh, empty central database on the worker's cluster, an officer login to it, an
 * approver login (a second person, for four-eyes decisions) and an administrator's login.
 */
export async function centralWithOfficer(adminUrl: string): Promise<{
  officerUrl: string;
  approverUrl: string;
  adminLoginUrl: string;
  admin: pg.Client;
}> {
  const name = `e2e_${randomBytes(5).toString('hex')}`;
  const root = new pg.Client({ connectionString: adminUrl });
  await root.connect();
  await root.query(`CREATE DATABASE ${name} TEMPLATE postgres`);
  const role = `officer_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await root.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE reflect_officer`);
  const approver = `approver_${randomBytes(4).toString('hex')}`;
  await root.query(`CREATE ROLE ${approver} LOGIN PASSWORD '${password}' IN ROLE reflect_approver`);
  const administrator = `admin_${randomBytes(4).toString('hex')}`;
  await root.query(
    `CREATE ROLE ${administrator} LOGIN PASSWORD '${password}' IN ROLE reflect_admin`,
  );
  await root.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  admin.on('error', () => undefined);
  await admin.connect();
  url.username = role;
  url.password = password;
  const officerUrl = url.toString();
  url.username = approver;
  const approverUrl = url.toString();
  url.username = administrator;
  return { officerUrl, approverUrl, adminLoginUrl: url.toString(), admin };
}
