import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DeskLog } from '../../../src/main/logs/desk-log';
import { installCrashLogging } from '../../../src/main/logs/crash-logging';
import { runInWorker } from '../../../src/main/workers/worker-job';
import { readLog } from '../../support/log-lines';
import { tempDir } from '../../support/temp-dir';

const SECRET = 'anna.schmidt@example.org';

function crashChild(kind: 'exception' | 'rejection', mode: 'app' | 'cli') {
  const dataDir = tempDir();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/support/crash-child.ts', dataDir, kind, mode, SECRET],
    { encoding: 'utf8', timeout: 20_000 },
  );
  return { code: result.status, stdout: result.stdout, ...readLog(dataDir) };
}

describe('crashes of the process are written to the log', () => {
  it.each([
    ['cli', 'exception', 'uncaught-exception', 'cli'],
    ['cli', 'rejection', 'unhandled-rejection', 'cli'],
    ['app', 'exception', 'uncaught-exception', 'main'],
  ] as const)(
    '%s: an %s ends the process as before, logged first',
    (mode, kind, event, process) => {
      const child = crashChild(kind, mode);
      expect(child.code).not.toBe(0);
      expect(child.stdout).not.toContain('still running');
      expect(child.lines).toEqual([
        expect.objectContaining({ event, process, incident: expect.any(String) }),
      ]);
      expect(child.text).not.toContain(SECRET);
    },
  );

  it('app: a stray rejection is logged and the window keeps running', () => {
    const child = crashChild('rejection', 'app');
    expect(child.code).toBe(0);
    expect(child.stdout).toContain('still running');
    expect(child.lines).toEqual([
      expect.objectContaining({
        event: 'unhandled-rejection',
        process: 'main',
        error: expect.objectContaining({ code: 'ECONNRESET' }),
      }),
    ]);
    expect(child.text).not.toContain(SECRET);
  });
});

describe('crashes of worker threads are written to the log', () => {
  const worker = pathToFileURL(resolve('test/support/workers/ts-worker.mjs'));
  const entry = resolve('test/support/workers/crashing-job.ts');

  function logged() {
    const dataDir = tempDir();
    const log = new DeskLog({ dataDir, appVersion: '0.0.0-test' });
    onTestFinished(installCrashLogging(log, { process: 'main', keepRunningOnRejection: true }));
    return dataDir;
  }

  it.each([
    ['exception', 'uncaught-exception', 'RangeError', 'ERR_OUT_OF_RANGE'],
    ['rejection', 'unhandled-rejection', 'TypeError', undefined],
  ] as const)(
    'an uncaught %s fails the job and is logged with where it happened',
    async (kind, event, name, code) => {
      const dataDir = logged();
      const job = runInWorker(worker, { entry, kind, secret: SECRET }, () => undefined, 'sync');
      await expect(job).rejects.toThrow(SECRET);
      const { lines, text } = readLog(dataDir);
      expect(lines).toEqual([
        expect.objectContaining({
          event,
          process: 'worker',
          worker: 'sync',
          error: {
            name,
            ...(code ? { code } : {}),
            stack: expect.arrayContaining([
              expect.stringMatching(/^.*crashing-job\.ts:\d+:\d+\)?$/),
            ]),
          },
        }),
      ]);
      expect(text).not.toContain(SECRET);
    },
  );

  it('a thread that exits in the middle of its job is logged with its exit code', async () => {
    const dataDir = logged();
    const job = runInWorker(
      worker,
      { entry, kind: 'exit', secret: SECRET },
      () => undefined,
      'export',
    );
    await expect(job).rejects.toThrow(/export worker stopped unexpectedly \(exit code 3\)/);
    expect(readLog(dataDir).lines).toEqual([
      expect.objectContaining({ event: 'worker-exited', worker: 'export', exitCode: 3 }),
    ]);
  });
});
