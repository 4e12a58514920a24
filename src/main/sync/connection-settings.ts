import { isIP } from 'node:net';
import type pg from 'pg';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { SqliteDatabase } from '../db/open';
import type { SecretStore } from '../secrets/keychain';
import { DEFAULT_TIMEOUTS, timeoutSettings, type CentralTimeouts } from './central-client';
import { deleteSyncState, readSyncState, writeSyncState } from './sync-state';

/** How this desk reaches the central database. No password here: see savePassword. */
export const centralConnectionSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  database: z.string().min(1),
  user: z.string().min(1),
  /** disable: loopback only; require: encrypted; verify-full: encrypted and the server's certificate checked. */
  sslMode: z.enum(['disable', 'require', 'verify-full']),
});
export type CentralConnection = z.infer<typeof centralConnectionSchema>;

/**
 * Whether a host name can only mean this computer. Names other than `localhost` are not trusted:
 * DNS could point them anywhere, and an unencrypted session would carry the password in the open.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(bare);
  return false;
}

/** TLS may be off only towards this computer; anything else would send password and data in clear. */
export function assertTlsAllowed(connection: CentralConnection): void {
  if (connection.sslMode === 'disable' && !isLoopbackHost(connection.host)) {
    throw new AppError(
      'INVALID_INPUT',
      `TLS can be turned off only for a database on this computer (localhost, 127.0.0.1, ::1), not for ${connection.host}. Choose "verify-full" (or "require").`,
    );
  }
}

/** Who the password belongs to: a password given for one of these is never sent to another. */
export function credentialScope(connection: CentralConnection): string {
  return JSON.stringify([
    connection.host.toLowerCase(),
    connection.port,
    connection.database,
    connection.user,
  ]);
}

const CONNECTION_KEY = 'central.connection';
export const PASSWORD_KEY = 'central.password';

/** Splits a postgres:// URL into the stored settings and the password (kept apart). */
export function parseCentralUrl(url: string): {
  connection: CentralConnection;
  password: string | null;
} {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      'The central database URL is not a valid URL (postgres://user@host:5432/database).',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error('The central database URL must start with postgres://');
  }
  const sslMode = parsed.searchParams.get('sslmode') ?? 'verify-full';
  const connection = centralConnectionSchema.parse({
    // URL keeps the brackets of an IPv6 address; the driver wants the bare address.
    host: decodeURIComponent(parsed.hostname).replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : 5432,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    user: decodeURIComponent(parsed.username),
    sslMode,
  });
  assertTlsAllowed(connection);
  return { connection, password: parsed.password ? decodeURIComponent(parsed.password) : null };
}

export function toClientConfig(
  connection: CentralConnection,
  password: string | null,
  timeouts: CentralTimeouts = DEFAULT_TIMEOUTS,
): pg.ClientConfig {
  // Checked here too, so a connection saved or passed by any path is held to the same rule.
  assertTlsAllowed(connection);
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    ...(password === null ? {} : { password }),
    ...timeoutSettings(timeouts),
    ssl:
      connection.sslMode === 'disable'
        ? false
        : { rejectUnauthorized: connection.sslMode === 'verify-full', servername: connection.host },
  };
}

export function readConnection(db: SqliteDatabase): CentralConnection | null {
  const value = readSyncState(db, CONNECTION_KEY);
  return value === null ? null : centralConnectionSchema.parse(value);
}

export function saveConnection(db: SqliteDatabase, connection: CentralConnection): void {
  writeSyncState(db, CONNECTION_KEY, centralConnectionSchema.parse(connection));
}

interface PasswordTarget {
  db: SqliteDatabase;
  secrets: SecretStore | null;
  workspaceId: string;
}

/** What is stored: the password together with the server and login it was given for. */
const storedPasswordSchema = z.object({ scope: z.string(), password: z.string() }).strict();

/**
 * The officer's central password: in the OS keychain when the workspace uses it; otherwise
 * inside the encrypted replica, which is as safe as the passphrase that opens it. It is stored
 * with the connection it was given for, and handed out only for that same connection.
 */
export async function savePassword(
  target: PasswordTarget,
  connection: CentralConnection,
  password: string,
): Promise<void> {
  const value = JSON.stringify({ scope: credentialScope(connection), password });
  if (target.secrets) await target.secrets.set(`central:${target.workspaceId}`, value);
  else writeSyncState(target.db, PASSWORD_KEY, value);
}

/** Forgets the saved password, so it cannot follow the connection to another server. */
export async function forgetPassword(target: PasswordTarget): Promise<void> {
  if (target.secrets) await target.secrets.delete(`central:${target.workspaceId}`);
  else deleteSyncState(target.db, PASSWORD_KEY);
}

/**
 * The saved password if it was given for exactly this connection; null otherwise. A password
 * saved by an older version (no scope) counts as given for the connection saved beside it.
 */
export async function readPassword(
  target: PasswordTarget,
  connection: CentralConnection,
): Promise<string | null> {
  const raw = target.secrets
    ? await target.secrets.get(`central:${target.workspaceId}`)
    : readSyncState(target.db, PASSWORD_KEY);
  if (typeof raw !== 'string') return null;
  const stored = parseStoredPassword(raw);
  if (stored) return stored.scope === credentialScope(connection) ? stored.password : null;
  const saved = readConnection(target.db);
  return saved && credentialScope(saved) === credentialScope(connection) ? raw : null;
}

/** Whether any password is saved, whoever it was for. */
export async function hasSavedPassword(target: PasswordTarget): Promise<boolean> {
  const raw = target.secrets
    ? await target.secrets.get(`central:${target.workspaceId}`)
    : readSyncState(target.db, PASSWORD_KEY);
  return typeof raw === 'string';
}

function parseStoredPassword(raw: string): z.infer<typeof storedPasswordSchema> | null {
  try {
    const parsed = storedPasswordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
