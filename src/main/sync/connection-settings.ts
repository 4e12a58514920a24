import type pg from 'pg';
import { z } from 'zod';
import type { SqliteDatabase } from '../db/open';
import type { SecretStore } from '../secrets/keychain';
import { readSyncState, writeSyncState } from './sync-state';

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

const CONNECTION_KEY = 'central.connection';
const PASSWORD_KEY = 'central.password';

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
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    user: decodeURIComponent(parsed.username),
    sslMode,
  });
  return { connection, password: parsed.password ? decodeURIComponent(parsed.password) : null };
}

export function toClientConfig(
  connection: CentralConnection,
  password: string | null,
): pg.ClientConfig {
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    ...(password === null ? {} : { password }),
    connectionTimeoutMillis: 10_000,
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

/**
 * The officer's central password: in the OS keychain when the workspace uses it; otherwise
 * inside the encrypted replica, which is as safe as the passphrase that opens it.
 */
export async function savePassword(
  target: { db: SqliteDatabase; secrets: SecretStore | null; workspaceId: string },
  password: string,
): Promise<void> {
  if (target.secrets) await target.secrets.set(`central:${target.workspaceId}`, password);
  else writeSyncState(target.db, PASSWORD_KEY, password);
}

export async function readPassword(target: {
  db: SqliteDatabase;
  secrets: SecretStore | null;
  workspaceId: string;
}): Promise<string | null> {
  if (target.secrets) return target.secrets.get(`central:${target.workspaceId}`);
  return readSyncState(target.db, PASSWORD_KEY) as string | null;
}
