import type { ErrorDescription } from './error-reports';

export interface DiagnosticFacts {
  error: ErrorDescription;
  screen: string;
  incident: string | null;
  appVersion: string | null;
  time: Date;
}

/**
 * What "Copy diagnostic" puts on the clipboard, for support: the app version, the time, the
 * screen, the incident id that finds the log's line, the error's class, code and stack frames
 * (function and file names). Built only from those facts, so it cannot hold personal data.
 */
export function diagnosticText({ error, screen, incident, appVersion, time }: DiagnosticFacts) {
  return [
    'Reflect Privacy Desk diagnostic',
    `App version: ${appVersion ?? 'unknown'}`,
    `Time: ${time.toISOString()}`,
    `Screen: ${screen}`,
    `Incident: ${incident ?? 'not recorded in the log'}`,
    `Error: ${error.name}`,
    `Code: ${error.code ?? 'none'}`,
    'Stack:',
    ...(error.stack.length > 0 ? error.stack.map((frame) => `  ${frame}`) : ['  (none)']),
  ].join('\n');
}
