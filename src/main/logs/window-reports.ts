import type { RendererError } from '../../shared/ipc/log-schemas';
import type { DeskLog } from './desk-log';

/**
 * The window's error reports, at most `perMinute` a minute: an error thrown on every frame must
 * not push a month of useful lines out of the rotated files. What is dropped is counted, and the
 * count is written once reports are taken again.
 */
export class WindowReports {
  private windowStart = 0;
  private taken = 0;
  private dropped = 0;

  constructor(
    private readonly log: DeskLog,
    private readonly perMinute = 20,
    private readonly now: () => number = Date.now,
  ) {}

  report(error: RendererError): { incident: string | null } {
    const now = this.now();
    if (now - this.windowStart >= 60_000) {
      if (this.dropped > 0) this.log.write({ event: 'reports-dropped', count: this.dropped });
      this.windowStart = now;
      this.taken = 0;
      this.dropped = 0;
    }
    if (this.taken >= this.perMinute) {
      this.dropped += 1;
      return { incident: null };
    }
    this.taken += 1;
    const { kind, screen, ...reported } = error;
    return {
      incident: this.log.incident({
        event: kind,
        process: 'renderer',
        ...(screen === null ? {} : { screen }),
        reported,
      }),
    };
  }
}
