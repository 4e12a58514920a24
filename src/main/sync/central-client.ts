import pg from 'pg';

/**
 * How long the desk waits for central. Without these a silent network (packets dropped, not
 * refused) leaves a query waiting forever and the sync never ends.
 */
export interface CentralTimeouts {
  /** Connecting and logging in. */
  connectMs: number;
  /**
   * One statement: the server cancels it after this long (statement_timeout, a clean error on a
   * working connection), and the desk stops waiting for a reply shortly after (a silent network).
   * Null for an administrator's commands, whose migrations may rightly run for minutes.
   */
  statementMs: number | null;
}

export const DEFAULT_TIMEOUTS: CentralTimeouts = { connectMs: 10_000, statementMs: 60_000 };

/** The server's own cancel comes first when it can still speak; the desk's read timeout then. */
const READ_GRACE_MS = 2_000;

/** TCP keepalive probes start after this much silence, so a dead peer is noticed between queries. */
const KEEPALIVE_IDLE_MS = 10_000;

/** The timeouts from REFLECT_CENTRAL_TIMEOUT_SECONDS (connect and statement alike), or the defaults. */
export function timeoutsFromEnvironment(env: NodeJS.ProcessEnv = process.env): CentralTimeouts {
  const seconds = Number(env.REFLECT_CENTRAL_TIMEOUT_SECONDS);
  if (!Number.isFinite(seconds) || seconds <= 0) return DEFAULT_TIMEOUTS;
  const ms = Math.round(seconds * 1000);
  return { connectMs: ms, statementMs: ms };
}

/** The pg settings that bound every wait on central. */
export function timeoutSettings(timeouts: CentralTimeouts): pg.ClientConfig {
  return {
    connectionTimeoutMillis: timeouts.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
    ...(timeouts.statementMs === null
      ? {}
      : {
          statement_timeout: timeouts.statementMs,
          query_timeout: timeouts.statementMs + READ_GRACE_MS,
        }),
  };
}

/**
 * A PostgreSQL client whose values come back the way the replica stores them: bigint as a number
 * (ids and amounts stay far below 2^53; a larger one is refused rather than rounded) and
 * timestamps as ISO 8601 UTC text.
 */
export function createCentralClient(config: pg.ClientConfig): pg.Client {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseSafeInteger);
  types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (text: string) =>
    new Date(text).toISOString(),
  );
  return new pg.Client({ ...config, types });
}

/**
 * Ends a client without trusting the network: a polite goodbye waits for the server to close
 * the socket, which on a silent network never happens, so after `graceMs` the socket is dropped.
 */
export async function closeCentralClient(client: pg.Client, graceMs = 1_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = client.end().then(
    () => true,
    () => true,
  );
  const gaveUp = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const polite = await Promise.race([ended, gaveUp]);
  clearTimeout(timer);
  // pg keeps the socket on `connection.stream`; its types do not say so.
  if (!polite)
    (
      client as unknown as { connection?: { stream?: { destroy(): void } } }
    ).connection?.stream?.destroy();
}

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`A bigint outside the safe range: ${text}`);
  return value;
}
