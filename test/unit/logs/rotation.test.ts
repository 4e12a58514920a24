import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskLog } from '../../../src/main/logs/desk-log';
import { readLog } from '../../support/log-lines';
import { tempDir } from '../../support/temp-dir';

const mode = (path: string) => statSync(path).mode & 0o777;

function writeMany(log: DeskLog, count: number): string[] {
  const incidents: string[] = [];
  for (let i = 0; i < count; i++) {
    const incident = log.incident({
      event: 'internal-error',
      channel: 'sync:run',
      error: new Error(),
    });
    if (incident !== null) incidents.push(incident);
  }
  return incidents;
}

describe('the workspace log file', () => {
  it('rotates before a file passes its size and keeps only the newest rotated files', () => {
    const dataDir = tempDir();
    const log = new DeskLog({ dataDir, appVersion: '1.2.3', limits: { maxBytes: 4000, keep: 2 } });
    const incidents = writeMany(log, 200);
    expect(incidents).toHaveLength(200);

    const files = readdirSync(join(dataDir, 'logs')).sort();
    expect(files).toEqual(['desk.1.log', 'desk.2.log', 'desk.log']);
    for (const file of files)
      expect(statSync(join(dataDir, 'logs', file)).size).toBeLessThanOrEqual(4000);

    // Oldest to newest: desk.2.log, desk.1.log, desk.log hold the last incidents, in order, whole.
    const kept = ['desk.2.log', 'desk.1.log', 'desk.log'].flatMap(
      (file) => readLog(dataDir, file).lines,
    );
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.map((line) => line.incident)).toEqual(incidents.slice(-kept.length));
  });

  it('is owner-only: the file 0600, its rotations too, in a 0700 folder', () => {
    const dataDir = tempDir();
    const log = new DeskLog({ dataDir, appVersion: '1.2.3', limits: { maxBytes: 1000, keep: 3 } });
    writeMany(log, 30);
    const folder = join(dataDir, 'logs');
    expect(mode(folder)).toBe(0o700);
    for (const file of readdirSync(folder)) expect(mode(join(folder, file))).toBe(0o600);
    expect(readdirSync(folder)).toHaveLength(4);
  });

  it('tightens a folder and a file someone else left readable', () => {
    const dataDir = tempDir();
    const folder = join(dataDir, 'logs');
    mkdirSync(folder, { mode: 0o755 });
    chmodSync(folder, 0o755);
    writeFileSync(join(folder, 'desk.log'), '', { mode: 0o644 });
    chmodSync(join(folder, 'desk.log'), 0o644);

    new DeskLog({ dataDir, appVersion: '1.2.3' }).write({ event: 'reports-dropped', count: 1 });
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(folder, 'desk.log'))).toBe(0o600);
  });

  it('never throws when it cannot write, and says no incident was recorded', () => {
    const dataDir = join(tempDir(), 'a-file');
    writeFileSync(dataDir, 'not a folder');
    const log = new DeskLog({ dataDir, appVersion: '1.2.3' });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(log.incident({ event: 'internal-error', error: new Error() })).toBeNull();
      expect(log.write({ event: 'reports-dropped', count: 2 })).toBe(false);
    } finally {
      console.error = original;
    }
    // Said once, not once per line.
    expect(errors).toHaveLength(1);
  });

  it('writes one JSON object per line with the time, level, event and app version', () => {
    const dataDir = tempDir();
    const now = new Date('2026-11-30T08:15:00.000Z');
    const log = new DeskLog({ dataDir, appVersion: '1.2.3', now: () => now });
    const error = Object.assign(new Error('x'), { code: 'SQLITE_BUSY' });
    const incident = log.internalError('audit:list', error);
    expect(readLog(dataDir).lines).toEqual([
      {
        time: '2026-11-30T08:15:00.000Z',
        level: 'error',
        event: 'internal-error',
        incident,
        process: 'main',
        channel: 'audit:list',
        error: { name: 'Error', code: 'SQLITE_BUSY', stack: expect.any(Array) },
        app: '1.2.3',
        pid: process.pid,
      },
    ]);
  });
});
