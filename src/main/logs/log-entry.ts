import { isChannel } from '../../shared/ipc/names';
import { REPORTED_SCREENS } from '../../shared/ipc/log-schemas';
import { summarizeError, summarizeReported } from './error-summary';

/** Everything the log records; each event's level is fixed here, not by the caller. */
const EVENT_LEVELS = {
  'app-started': 'info',
  'internal-error': 'error',
  'uncaught-exception': 'error',
  'unhandled-rejection': 'error',
  'screen-error': 'error',
  'background-failure': 'error',
  'worker-exited': 'error',
  'owner-restarted': 'warn',
  'desk-busy': 'warn',
  'renderer-gone': 'error',
  'ipc-refused': 'warn',
  'navigation-blocked': 'warn',
  'reports-dropped': 'warn',
} as const;
export type LogEvent = keyof typeof EVENT_LEVELS;

/** The threads and programs that write to a desk's log. */
const PROCESSES = ['main', 'database-owner', 'worker', 'renderer', 'cli'] as const;
/** Worker threads by the name their runner gives them. */
const WORKERS = ['database owner', 'sync', 'export', 'duplicate check'] as const;
/** Work no one waits for, whose failure only the log can show. */
const TASKS = ['duplicates-after-sync', 'lock', 'quality-snapshot'] as const;
/** Navigation kinds (see navigation-guard) and why Electron says a renderer went away. */
const REASONS = [
  'navigation',
  'redirect',
  'webview',
  'new window',
  'clean-exit',
  'abnormal-exit',
  'killed',
  'crashed',
  'oom',
  'launch-failed',
  'integrity-failure',
  'memory-eviction',
] as const;
const SCHEMES = ['app', 'http', 'https', 'file', 'data', 'blob', 'javascript', 'about', 'mailto'];
const PLATFORMS = ['aix', 'android', 'darwin', 'freebsd', 'linux', 'openbsd', 'sunos', 'win32'];
const ARCHS = ['arm', 'arm64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'x64'];

/** What a caller hands the log. Values are checked field by field; unknown fields are dropped. */
export interface LogEntry {
  event: LogEvent;
  incident?: string;
  process?: (typeof PROCESSES)[number];
  channel?: string;
  worker?: string;
  task?: (typeof TASKS)[number];
  screen?: string;
  reason?: string;
  /** The scheme of a refused URL; the URL itself may carry anything. */
  scheme?: string;
  exitCode?: number;
  count?: number;
  platform?: string;
  arch?: string;
  /** `electron 45.4.1`, `node 24.1.0`. */
  runtime?: string;
  error?: unknown;
  /** An error the window described: its name, code and frames (it sends no message). */
  reported?: { name: string; code: string | null; stack: string[] };
}

export interface LogLine {
  time: string;
  level: (typeof EVENT_LEVELS)[LogEvent];
  event: LogEvent;
  [field: string]: unknown;
}

type Rule = (value: unknown) => unknown;

const oneOf =
  (allowed: readonly string[], otherwise?: string): Rule =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? value : otherwise;
const matching =
  (pattern: RegExp): Rule =>
  (value) =>
    typeof value === 'string' && pattern.test(value) ? value : undefined;
const integer: Rule = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;

/**
 * The sanitiser: every field has a rule that lets through only a closed set of values or a
 * strict shape (an incident id, a declared channel, a version), so nothing a person typed and
 * nothing read from the data can be written, whatever a caller passes. Errors keep their name,
 * code and stack frames only (see error-summary).
 */
const RULES: Record<Exclude<keyof LogEntry, 'event' | 'error' | 'reported'>, Rule> = {
  incident: matching(/^[0-9a-f]{8}$/),
  process: oneOf(PROCESSES),
  channel: (value) => (isChannel(value) ? value : undefined),
  worker: oneOf(WORKERS, 'other'),
  task: oneOf(TASKS, 'other'),
  screen: oneOf(REPORTED_SCREENS, 'other'),
  reason: oneOf(REASONS, 'other'),
  scheme: oneOf(SCHEMES, 'other'),
  exitCode: integer,
  count: integer,
  platform: oneOf(PLATFORMS, 'other'),
  arch: oneOf(ARCHS, 'other'),
  runtime: matching(/^(?:electron|node) \d{1,4}\.\d{1,4}\.\d{1,4}$/),
};

export function sanitizeEntry(entry: LogEntry, time: Date): LogLine | null {
  if (!Object.hasOwn(EVENT_LEVELS, entry.event)) return null;
  const line: LogLine = {
    time: time.toISOString(),
    level: EVENT_LEVELS[entry.event],
    event: entry.event,
  };
  for (const [field, rule] of Object.entries(RULES)) {
    const given = (entry as unknown as Record<string, unknown>)[field];
    const value = given === undefined ? undefined : rule(given);
    if (value !== undefined) line[field] = value;
  }
  if (entry.reported !== undefined) line.error = summarizeReported(entry.reported);
  else if ('error' in entry) line.error = summarizeError(entry.error);
  return line;
}
