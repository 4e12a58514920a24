import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { listTeam, removeTeamMember, setTeamMember } from '../../../src/main/team/team-store';
import {
  createLoginRole,
  createTestDatabase,
  type TestDatabase,
} from '../../support/postgres-database';

let database: TestDatabase;
let admin: pg.Client;
let officer: pg.Client;
let officerLogin: string;

async function login(group: string): Promise<{ client: pg.Client; name: string }> {
  const url = await createLoginRole(database, group);
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return { client, name: decodeURIComponent(new URL(url).username) };
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  database = await createTestDatabase({ central: true });
  admin = (await login('reflect_admin')).client;
  const o = await login('reflect_officer');
  officer = o.client;
  officerLogin = o.name;
});

describe('team directory on central', () => {
  it('an administrator adds a member; the role shown is the real role membership', async () => {
    expect(
      await setTeamMember(admin, {
        login: officerLogin,
        displayName: 'Alex Meyer',
        email: 'alex@example.org',
      }),
    ).toEqual({ changed: true });
    const team = await listTeam(officer);
    expect(team).toMatchObject([
      {
        login: officerLogin,
        displayName: 'Alex Meyer',
        email: 'alex@example.org',
        role: 'officer',
      },
    ]);
    // The same values again change nothing, and are not a second row.
    expect(
      await setTeamMember(admin, {
        login: officerLogin,
        displayName: 'Alex Meyer',
        email: 'alex@example.org',
      }),
    ).toEqual({ changed: false });
    expect(await listTeam(officer)).toHaveLength(1);
    const owner = await database.connect();
    const audit = await owner.query<{ action: string; subject: string }>(
      `SELECT action, subject FROM reflect.audit_log WHERE action LIKE 'team.%' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { action: 'team.set', subject: `team:${officerLogin}` },
      { action: 'team.set', subject: `team:${officerLogin}` },
    ]);
    await owner.end();
  });

  it('refuses a non-administrator, a NUL, a huge name, a bad email and an unknown login', async () => {
    await setTeamMember(admin, { login: officerLogin, displayName: 'Alex Meyer' });
    expect(
      await refusal(() => setTeamMember(officer, { login: officerLogin, displayName: 'Me' })),
    ).toMatch(/Only an administrator/);
    expect(
      await refusal(() => setTeamMember(admin, { login: officerLogin, displayName: 'A\u0000B' })),
    ).toMatch(/NUL character/);
    expect(
      await refusal(() =>
        setTeamMember(admin, { login: officerLogin, displayName: 'x'.repeat(100_000) }),
      ),
    ).toMatch(/longer than 120/);
    expect(
      await refusal(() =>
        setTeamMember(admin, { login: officerLogin, displayName: 'A', email: 'not-an-email' }),
      ),
    ).toMatch(/does not look like/);
    expect(
      await refusal(() => setTeamMember(admin, { login: 'no_such_login', displayName: 'Nobody' })),
    ).toMatch(/no PostgreSQL login "no_such_login"/);
    expect(
      await refusal(() => setTeamMember(admin, { login: officerLogin, displayName: 'A\nB' })),
    ).toMatch(/control character/);
    // Central checks again when the desk's checks are skipped.
    const direct = await admin.query<{ outcome: { status: string; reason: string } }>(
      `SELECT reflect.apply_operation(gen_random_uuid(), 'team.set', $1) AS outcome`,
      [JSON.stringify({ login: officerLogin, displayName: 'x', display_name: 'y'.repeat(121) })],
    );
    expect(direct.rows[0]?.outcome).toMatchObject({ status: 'rejected' });
    expect((await listTeam(officer))[0]?.displayName).toBe('Alex Meyer');
  });

  it('removing marks a member inactive, twice is harmless, an unknown login is refused', async () => {
    await setTeamMember(admin, { login: officerLogin, displayName: 'Alex Meyer' });
    expect(await removeTeamMember(admin, officerLogin)).toEqual({ changed: true });
    expect(await removeTeamMember(admin, officerLogin)).toEqual({ changed: false });
    expect((await listTeam(officer))[0]?.active).toBe(false);
    expect(await refusal(() => removeTeamMember(admin, 'nobody_here'))).toMatch(
      /not in the team directory/,
    );
  });
});
