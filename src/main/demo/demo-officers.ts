import type pg from 'pg';

/** The demo central's two logins, with the roles a real install gives a case worker and an approver. */
export const DEMO_OFFICERS = [
  {
    login: 'demo_alex',
    name: 'Alex Meyer',
    email: 'alex.meyer@example.org',
    role: 'reflect_officer',
  },
  {
    login: 'demo_sam',
    name: 'Sam Okafor',
    email: 'sam.okafor@example.org',
    role: 'reflect_approver',
  },
] as const;

/** The embedded server's own superuser, which installs and seeds. */
const EMBEDDED_SUPERUSER = 'postgres';

export type DemoLogin = (typeof DEMO_OFFICERS)[number]['login'];

/**
 * Creates the two demo logins if they are missing (running it again changes nothing). They get
 * no password: the embedded PGlite central serves one session to loopback only and does not
 * authenticate, so a password would protect nothing and would only be one more secret to keep.
 */
export async function ensureDemoOfficers(client: pg.ClientBase): Promise<void> {
  for (const officer of DEMO_OFFICERS) {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [officer.login]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE ROLE ${officer.login} LOGIN IN ROLE ${officer.role}`);
    }
    await client.query(
      `COMMENT ON ROLE ${officer.login} IS ${client.escapeLiteral(`Demo login: ${officer.name}`)}`,
    );
    // In the team directory, so screens and letters name the person; a name an administrator
    // changed in the demo stays as they left it.
    await client.query(
      `INSERT INTO reflect.team_members (login, display_name, email, updated_by)
       VALUES ($1, $2, $3, current_user) ON CONFLICT (login) DO NOTHING`,
      [officer.login, officer.name, officer.email],
    );
  }
}

/**
 * Makes the connection work as one demo login. PGlite has one backend, whatever user a client
 * names at connect, so who is working is chosen on the session itself: central's checks (role,
 * four eyes) read `session_user`, which this sets. The embedded server's superuser does it; the
 * setting lasts until `actAsDemoLogin(client, null)` (back to the superuser) or another choice,
 * for every later connection too, since they share that backend.
 */
export async function actAsDemoLogin(
  client: pg.ClientBase,
  login: DemoLogin | null,
): Promise<void> {
  if (login === null) {
    // Named, not RESET: in PGlite's single backend RESET keeps the login set last.
    await client.query(`SET SESSION AUTHORIZATION ${EMBEDDED_SUPERUSER}`);
    return;
  }
  if (!DEMO_OFFICERS.some((o) => o.login === login)) throw new Error(`not a demo login: ${login}`);
  await client.query(`SET SESSION AUTHORIZATION ${login}`);
}
