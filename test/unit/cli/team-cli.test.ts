import { describe, expect, it } from 'vitest';
import { reflectCli } from '../../support/reflect-cli';
import { createLoginRole, createTestDatabase } from '../../support/postgres-database';

describe('reflect central team', () => {
  it('an administrator sets, lists and removes a member; an officer is refused', async () => {
    const database = await createTestDatabase({ central: true });
    const admin = `${await createLoginRole(database, 'reflect_admin')}?sslmode=disable`;
    const officer = `${await createLoginRole(database, 'reflect_officer')}?sslmode=disable`;
    const login = decodeURIComponent(new URL(officer).username);

    const set = [
      'central',
      'team',
      'set',
      '--url',
      admin,
      '--login',
      login,
      '--name',
      'Sam Okafor',
    ];
    expect(reflectCli([...set, '--email', 'sam@example.org'])).toMatchObject({ code: 0 });
    expect(reflectCli([...set, '--email', 'sam@example.org']).stdout).toMatch(/no change/);
    const listed = reflectCli(['central', 'team', 'list', '--url', officer]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`${login}\\s+Sam Okafor\\s+officer\\s+sam@example.org`),
    );

    const refused = reflectCli([
      'central',
      'team',
      'set',
      '--url',
      officer,
      '--login',
      login,
      '--name',
      'X',
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Only an administrator/);
    const unknown = reflectCli([
      'central',
      'team',
      'set',
      '--url',
      admin,
      '--login',
      'ghost',
      '--name',
      'G',
    ]);
    expect(unknown.stderr).toMatch(/no PostgreSQL login "ghost"/);

    expect(
      reflectCli(['central', 'team', 'remove', '--url', admin, '--login', login]).stdout,
    ).toMatch(/now inactive/);
  });
});
