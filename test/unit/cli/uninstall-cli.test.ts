import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedCentral } from '../../support/central-fixture';
import { createTestDatabase } from '../../support/postgres-database';
import { reflectCli } from '../../support/reflect-cli';

describe('reflect central uninstall', () => {
  it(
    'refuses without the database named or the audit log decided, then removes Reflect',
    { timeout: 90_000 },
    async () => {
      const database = await createTestDatabase({ central: true });
      const owner = await database.connect();
      await seedCentral(owner, 3);
      const url = `${database.url}?sslmode=disable`;
      const name = new URL(database.url).pathname.slice(1);
      const installed = async () =>
        (await owner.query("SELECT 1 FROM pg_namespace WHERE nspname = 'reflect'")).rowCount;

      const unnamed = reflectCli(['central', 'uninstall', '--url', url]);
      expect(unnamed.code).not.toBe(0);
      expect(unnamed.stderr).toMatch(/--confirm DATABASE is required/);
      const wrong = reflectCli(['central', 'uninstall', '--url', url, '--confirm', 'postgres']);
      expect(wrong.stderr).toMatch(`Give --confirm ${name}`);
      const both = reflectCli([
        ...['central', 'uninstall', '--url', url, '--confirm', name],
        ...['--audit-out', 'x.jsonl', '--discard-audit'],
      ]);
      expect(both.stderr).toMatch(/not both/);
      const customers = reflectCli(['central', 'uninstall', '--url', url, '--confirm', name]);
      expect(customers.stderr).toMatch(/reference tables hold 3 customers/);
      expect(await installed()).toBe(1);

      await owner.query(
        `INSERT INTO reflect.audit_log (actor, action, details) VALUES ('someone', 'customer.viewed', '{}')`,
      );
      const out = join(mkdtempSync(join(tmpdir(), 'reflect-cli-uninstall-')), 'audit.jsonl');
      const done = reflectCli([
        ...['central', 'uninstall', '--url', url, '--confirm', name],
        ...['--delete-reference-data', '--audit-out', out],
      ]);
      expect(done.code).toBe(0);
      expect(done.stdout).toMatch(`Reflect is removed from the database "${name}".`);
      expect(done.stdout).toMatch(/The roles reflect_admin, .* are left/);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(readFileSync(out, 'utf8')).toMatch(/"action": ?"customer.viewed"/);
      expect(await installed()).toBe(0);
      const again = reflectCli(['central', 'uninstall', '--url', url, '--confirm', name]);
      expect(again.stdout).toMatch(/not installed .* nothing to remove/);
    },
  );
});
