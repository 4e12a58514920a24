/**
 * Which failures of a central call are worth retrying. Only the network and the server's passing
 * states (a lost connection, a serialisation failure, a deadlock, a shutdown, no resources) are:
 * they say nothing about the operation. Anything else (a value central cannot store, a broken
 * payload, a rule in a function) would fail the same way forever, so retrying it would hold back
 * every later operation; callers turn it into a visible conflict or failed entry instead.
 */

/** How central was lost, in the terms the officer is told (see describeOffline). */
export type OfflineKind = 'refused' | 'unreachable' | 'timeout' | 'lost' | 'ended' | 'busy';

const NETWORK_CODES: Record<string, OfflineKind> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'lost',
  ECONNABORTED: 'lost',
  EPIPE: 'lost',
};

/**
 * SQLSTATEs that end or refuse the session rather than judge the request: 57P01 is both a server
 * shutdown and pg_terminate_backend, 57P02 a crash of another backend, 57P03 a server starting up
 * or shutting down, 57P05 an idle session timed out, 53300 too many clients.
 */
const SESSION_ENDING_SQLSTATES: Record<string, OfflineKind> = {
  '57P01': 'ended',
  '57P02': 'ended',
  '57P05': 'ended',
  '57P03': 'busy',
  '53300': 'busy',
};

/**
 * pg's own words for a connection it gave up on. They carry no code: the read timeout of a
 * silent network, the connect timeout, a socket closed under a query, and every query sent on
 * a client after that.
 */
const CLIENT_MESSAGES: readonly [RegExp, OfflineKind][] = [
  [/Query read timeout|timeout expired|connection timeout|connect ETIMEDOUT/i, 'timeout'],
  [/Connection terminated|not queryable|socket hang up|ECONNRESET|EPIPE/i, 'lost'],
];

/** The kind of lost connection this failure is, or null when central did answer. */
export function offlineKind(error: unknown): OfflineKind | null {
  const code = errorCode(error);
  if (code !== null) {
    const known = NETWORK_CODES[code] ?? SESSION_ENDING_SQLSTATES[code];
    if (known) return known;
    // Class 08: the connection itself failed.
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'lost';
    // 57014 is a cancelled statement: here the server's statement_timeout, set by the desk.
    if (code === '57014') return 'timeout';
  }
  const message = error instanceof Error ? error.message : '';
  return CLIENT_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

export function isOffline(error: unknown): boolean {
  return offlineKind(error) !== null;
}

/**
 * What happened to the connection, as a clause after "The central database at host:port";
 * `waits` says how long the desk waits ("10 s to connect and 60 s for each request").
 */
export function describeOffline(kind: OfflineKind, waits: string): string {
  switch (kind) {
    case 'refused':
      return 'refused the connection: the server is not running, or not on this port';
    case 'unreachable':
      return 'cannot be found or reached from this computer (no network, or a wrong host name)';
    case 'timeout':
      return `did not answer in time (this desk waits ${waits}): the network is silent or the server is overloaded`;
    case 'lost':
      return 'closed the connection in the middle of the sync (network lost or server stopped)';
    case 'ended':
      return 'ended the session: the server was shut down, or an administrator ended the connection';
    case 'busy':
      return 'is not taking connections just now (starting up, shutting down, or too many clients)';
  }
}

/** SQLSTATE classes of passing server states: 08 connection, 40 rollback, 53 resources, 57 operator, 58 system. */
const TRANSIENT_SQLSTATE = /^(08|40|53|57|58)/;

export function isTransient(error: unknown): boolean {
  if (isOffline(error)) return true;
  const code = errorCode(error);
  return code !== null && /^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE.test(code);
}

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** A failure as one short line, never a whole payload: messages can quote the values they choke on. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  const short = message.length > 300 ? `${message.slice(0, 300)}…` : message;
  return code && !short.includes(code) ? `${short} (${code})` : short;
}
