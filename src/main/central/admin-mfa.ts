import type pg from 'pg';
import { AppError } from '../../shared/errors';
import { base32, hexToBytes, otpauthUri } from '../../shared/totp';

/** What central says about the login of a connection (central migration 23, reflect.my_access). */
export interface CentralAccess {
  login: string;
  role: 'viewer' | 'officer' | 'approver' | 'admin' | null;
  mfaEnrolled: boolean;
  mfaRequired: boolean;
}

export async function readCentralAccess(client: pg.ClientBase): Promise<CentralAccess> {
  const result = await client.query<{
    access: {
      login: string;
      role: CentralAccess['role'];
      mfa_enrolled: boolean;
      mfa_required: boolean;
    };
  }>('SELECT reflect.my_access() AS access');
  const access = result.rows[0]?.access;
  if (!access) throw new Error('central returned no access');
  return {
    login: access.login,
    role: access.role,
    mfaEnrolled: access.mfa_enrolled,
    mfaRequired: access.mfa_required,
  };
}

/**
 * Central's refusals of a two-step code, as the officer reads them: RF401 not enrolled, RF402 a
 * wrong, malformed or replayed code, RF403 an admin change sent without a fresh code.
 */
export function centralMfaError(error: unknown): AppError | null {
  const code = (error as { code?: string }).code;
  const said = (error as Error).message;
  if (code === 'RF401' || code === 'RF403') {
    return new AppError('MFA_REQUIRED', `Central asks for a two-step code: ${said}.`, {
      cause: error,
    });
  }
  if (code === 'RF402') {
    return new AppError('MFA_CODE_REFUSED', `Central refused the two-step code: ${said}.`, {
      cause: error,
    });
  }
  return null;
}

async function callMfa<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const mfa = centralMfaError(error);
    if (mfa) throw mfa;
    if ((error as { code?: string }).code === '42501') {
      throw new AppError('ROLE_REFUSED', `Central refused: ${(error as Error).message}.`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Lets the next admin change of this session through; central refuses a wrong or used code. */
export async function verifyAdminCode(client: pg.ClientBase, code: string): Promise<void> {
  await callMfa(() => client.query('SELECT reflect.mfa_verify($1)', [code]));
}

export interface Enrolment {
  secretBase32: string;
  uri: string;
}

/** Starts an enrolment; the secret is shown once, to be put in an authenticator app. */
export async function enrolAdmin(client: pg.ClientBase, totp?: string): Promise<Enrolment> {
  if (totp !== undefined) await verifyAdminCode(client, totp);
  const result = await callMfa(() =>
    client.query<{ enrolment: { secret_hex: string }; login: string }>(
      'SELECT reflect.mfa_enrol() AS enrolment, session_user AS login',
    ),
  );
  const row = result.rows[0];
  if (!row) throw new Error('central returned no enrolment');
  const secretBase32 = base32(hexToBytes(row.enrolment.secret_hex));
  return { secretBase32, uri: otpauthUri(secretBase32, row.login) };
}

/** Confirms the enrolment with the first code the app shows. */
export async function confirmEnrolment(client: pg.ClientBase, code: string): Promise<void> {
  await callMfa(() => client.query('SELECT reflect.mfa_confirm($1)', [code]));
}
