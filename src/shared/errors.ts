/**
 * The small, closed set of error codes that cross the IPC boundary. Every failure a user can
 * meet is coerced into one of these in main, so the renderer can react by code (offer the
 * passphrase form, a recovery action, ...) rather than by parsing messages.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NO_WORKSPACE',
  'WORKSPACE_EXISTS',
  'WORKSPACE_LOCKED',
  'KEYCHAIN_UNAVAILABLE',
  'KEY_MISSING',
  'WRONG_KEY',
  'WRONG_PASSPHRASE',
  'PASSPHRASE_REQUIRED',
  'DATABASE_CORRUPT',
  'SCHEMA_TOO_NEW',
  'NOT_CONFIGURED',
  'OFFLINE',
  'CENTRAL_NOT_INSTALLED',
  'CENTRAL_AUTH_FAILED',
  'CENTRAL_PASSWORD_REQUIRED',
  'CENTRAL_TLS_MISMATCH',
  'SYNC_RUNNING',
  'WORKSPACE_BUSY',
  'BACKUP_DAMAGED',
  'BACKUP_FORMAT',
  'UNSTORABLE_TEXT',
  'NOT_FOUND',
  'CONFLICTING_CHANGE',
  'JOB_STOPPED',
  'DESK_BUSY',
  'DESK_RESTARTED',
  'ROLE_REFUSED',
  'MFA_REQUIRED',
  'MFA_CODE_REFUSED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/** An error that carries one of the known codes; anything else is reported as INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
