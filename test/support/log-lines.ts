import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The log of the workspace in `dataDir`, as the raw text and as the parsed lines. */
export function readLog(dataDir: string, file = 'desk.log') {
  const path = join(dataDir, 'logs', file);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { path, text, lines };
}
