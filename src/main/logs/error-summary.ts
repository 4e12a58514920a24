import { constants } from 'node:os';
import { isErrorCode } from '../../shared/errors';
import { errorName, safeErrorName, stackFrames } from '../../shared/stack-frames';

/** An error as the log keeps it: what kind, which code, where; never what it said. */
export interface ErrorSummary {
  name: string;
  code?: string;
  stack: string[];
  /** The error it wraps, one level deep (a driver error under a service's own). */
  cause?: { name: string; code?: string };
}

const ERRNO_NAMES = new Set(Object.keys(constants.errno));

/**
 * Codes worth keeping have a known shape: the app's own, Node's (`ERR_…`, errno names such as
 * ECONNRESET), SQLite's (`SQLITE_…`) and PostgreSQL's five-character SQLSTATE (every one of which
 * holds a digit). Anything else may be data someone put in a `code` property, so it is not copied.
 */
export function safeCode(code: unknown): string | undefined {
  if (code === undefined || code === null) return undefined;
  if (typeof code !== 'string') return 'unrecognised';
  const known =
    isErrorCode(code) ||
    ERRNO_NAMES.has(code) ||
    /^ERR_[A-Z0-9_]{1,60}$/.test(code) ||
    /^SQLITE_[A-Z_]{1,40}$/.test(code) ||
    /^(?=.*\d)[0-9A-Z]{5}$/.test(code);
  return known ? code : 'unrecognised';
}

export function summarizeError(error: unknown, maxFrames = 8): ErrorSummary {
  const cause = error instanceof Error ? error.cause : undefined;
  return {
    ...nameAndCode(errorName(error), codeOf(error)),
    stack: error instanceof Error ? stackFrames(error.stack, maxFrames) : [],
    ...(cause === undefined ? {} : { cause: nameAndCode(errorName(cause), codeOf(cause)) }),
  };
}

/**
 * An error the window described (it sends no message): each part is checked here again, as
 * if it came from anywhere, and the frames are parsed again from their text.
 */
export function summarizeReported(report: {
  name: string;
  code: string | null;
  stack: string[];
}): ErrorSummary {
  const frames = stackFrames(report.stack.map((frame) => `at ${frame}`).join('\n'));
  return { ...nameAndCode(safeErrorName(report.name), report.code), stack: frames };
}

function nameAndCode(name: string, rawCode: unknown): { name: string; code?: string } {
  const code = safeCode(rawCode);
  return code === undefined ? { name } : { name, code };
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { code?: unknown }).code
    : undefined;
}
