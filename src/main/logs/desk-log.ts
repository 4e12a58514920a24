import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sanitizeEntry, type LogEntry } from './log-entry';
import { RotatingFile, type RotationLimits } from './rotating-file';

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'desk.log';
/** About 4 MB at most: enough for months of errors, little enough to send to support whole. */
export const DEFAULT_LIMITS: RotationLimits = { maxBytes: 1024 * 1024, keep: 3 };

export interface DeskLogOptions {
  /** The workspace folder; the log lives in its `logs/` folder. */
  dataDir: string;
  appVersion: string;
  limits?: RotationLimits;
  now?: () => Date;
}

/**
 * The workspace's log: one JSON object per line, ids and codes only (see log-entry), in a
 * rotating owner-only file. Writing never throws: a log that cannot be written must not turn
 * into a second failure on top of the one being recorded.
 */
export class DeskLog {
  private readonly file: RotatingFile;
  private readonly now: () => Date;
  private failed = false;

  constructor(private readonly options: DeskLogOptions) {
    this.file = new RotatingFile(
      join(options.dataDir, LOG_FOLDER, LOG_FILE),
      options.limits ?? DEFAULT_LIMITS,
    );
    this.now = options.now ?? (() => new Date());
  }

  get path(): string {
    return this.file.path;
  }

  get limits(): RotationLimits {
    return this.options.limits ?? DEFAULT_LIMITS;
  }

  /** Whether the line was written. */
  write(entry: LogEntry): boolean {
    try {
      const line = sanitizeEntry(entry, this.now());
      if (line === null) return false;
      const stamped = { ...line, app: this.options.appVersion, pid: process.pid };
      this.file.append(`${JSON.stringify(stamped)}\n`);
      return true;
    } catch (error) {
      // Said once on stderr (the developer's terminal), then quiet: an unwritable log stays so.
      if (!this.failed) console.error(`The log at ${this.path} cannot be written:`, error);
      this.failed = true;
      return false;
    }
  }

  /**
   * Records an error under a new incident id and returns the id, for the message people see;
   * null when the line could not be written (no one should look for it).
   */
  incident(entry: Omit<LogEntry, 'incident'>): string | null {
    const incident = randomBytes(4).toString('hex');
    return this.write({ ...entry, incident }) ? incident : null;
  }

  /** An IPC call that failed in an unexpected way (the caller sees INTERNAL with the id). */
  internalError(
    channel: string,
    error: unknown,
    process: LogEntry['process'] = 'main',
  ): string | null {
    return this.incident({ event: 'internal-error', process, channel, error });
  }
}
