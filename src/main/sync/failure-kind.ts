/**
 * Which failures of a central call are worth retrying. Only the network and the server's passing
 * states (a lost connection, a serialisation failure, a deadlock, a shutdown, no resources) are:
 * they say nothing about the operation. Anything else (a value central cannot store, a broken
 * payload, a rule in a function) would fail the same way forever, so retrying it would hold back
 * every later operation; callers turn it into a visible conflict or failed entry instead.
 */

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
]);

export function isOffline(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== null && OFFLINE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /timeout expired|Connection terminated|connect ETIMEDOUT/i.test(message);
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
