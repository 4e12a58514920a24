import { AppError } from '../../../../shared/errors';
import type { RendererError, ReportedScreen } from '../../../../shared/ipc/log-schemas';
import { errorName, stackFrames } from '../../../../shared/stack-frames';
import { call } from '../../ipc';

/** An error as the window may describe it: no message, so nothing it quoted leaves the page. */
export interface ErrorDescription {
  name: string;
  code: string | null;
  stack: string[];
}

export function describeError(error: unknown): ErrorDescription {
  return {
    name: errorName(error),
    code: error instanceof AppError ? error.code : null,
    stack: error instanceof Error ? stackFrames(error.stack) : [],
  };
}

/**
 * Sends an error to main's log and returns its incident id; null when it was not recorded.
 * Never throws: a report that fails must not become the next error to report.
 */
export async function reportError(
  kind: RendererError['kind'],
  error: unknown,
  screen: ReportedScreen | null,
): Promise<string | null> {
  try {
    const { incident } = await call('log:report', { kind, screen, ...describeError(error) });
    return incident;
  } catch {
    return null;
  }
}

/** Errors no component caught (an event handler, a timer, a promise nobody awaited) go to the log. */
export function installWindowErrorReports(): void {
  window.addEventListener('error', (event) => {
    void reportError('uncaught-exception', event.error, null);
  });
  window.addEventListener('unhandledrejection', (event) => {
    void reportError('unhandled-rejection', event.reason, null);
  });
}
