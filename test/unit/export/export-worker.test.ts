import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ExportProgress } from '../../../src/shared/exports';
import { exportWorkerRunner } from '../../../src/main/export/export-runners';
import { verifyPackage } from '../../../src/main/export/verify-package';
import { runningJobCount, stopRunningJobs } from '../../../src/main/workers/worker-job';
import { createKeytarStore } from '../../../src/main/secrets/keychain';
import { createServices } from '../../../src/main/services';
import { approvedCase, CASE_NOW } from '../../support/approved-case';
import { tempDir } from '../../support/temp-dir';
import { TEST_KEYCHAIN_SERVICE } from '../../support/workspace';

describe('exports in a worker thread', () => {
  it('writes the package through its own connection and reports progress to the end', async () => {
    const { desk, caseId } = await approvedCase();
    await desk.workspace.close();
    const progress: ExportProgress[] = [];
    // The app's wiring: the same services, with exports run by the built worker.
    const app = createServices({
      dataDir: desk.dataDir,
      version: '0.0.0-test',
      secrets: createKeytarStore(TEST_KEYCHAIN_SERVICE),
      now: () => CASE_NOW,
      exportRunner: exportWorkerRunner(pathToFileURL(resolve('out/main/export-worker.js'))),
      onExportProgress: (p) => progress.push(p),
    });
    onTestFinished(() => app.workspace.close());
    await app.workspace.unlock({});

    const out = join(tempDir(), 'from-worker.zip');
    const record = await app.exports.create(
      {
        caseId,
        // The PDF too: pdfkit and its fonts load inside the worker of the built app.
        formats: ['html', 'pdf', 'json', 'csv', 'xlsx'],
        container: 'zip',
        password: 'a password for the archive',
        redactions: [],
      },
      { path: out, overwrite: false },
    );
    expect(await verifyPackage(out, { password: 'a password for the archive' })).toMatchObject({
      ok: true,
    });
    expect(record).toMatchObject({ encrypted: true, container: 'zip', path: out });
    expect(progress[0]).toMatchObject({ caseId, phase: 'collecting' });
    expect(progress.some((p) => p.phase === 'writing')).toBe(true);
    expect(progress.filter((p) => p.phase === 'archiving').length).toBe(record.files.length);
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    const done = progress.map((p) => p.done).filter((_, i) => progress[i]?.phase === 'writing');
    expect(done).toEqual([...done].sort((a, b) => a - b));

    // A refusal inside the worker arrives with its code, and nothing is left behind.
    await expect(
      app.exports.create(
        { caseId, formats: ['json'], container: 'zip', password: null, redactions: [] },
        { path: out, overwrite: false },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/exists/) });
  });

  it('stopped midway (a lock), leaves no working copy of the data beside the destination', async () => {
    const { desk, caseId } = await approvedCase();
    await desk.workspace.close();
    const stop: { jobs?: Promise<number> } = {};
    let workingSeen = false;
    const folder = tempDir();
    const app = createServices({
      dataDir: desk.dataDir,
      version: '0.0.0-test',
      secrets: createKeytarStore(TEST_KEYCHAIN_SERVICE),
      now: () => CASE_NOW,
      exportRunner: exportWorkerRunner(pathToFileURL(resolve('out/main/export-worker.js'))),
      // Stopped once its working copy exists: the worker is writing files into it.
      onExportProgress: (progress) => {
        if (progress.phase !== 'writing') return;
        const working = readdirSync(folder).filter((name) => name.endsWith('.part'));
        workingSeen ||= working.length === 1;
        stop.jobs ??= stopRunningJobs('the workspace was locked');
      },
    });
    onTestFinished(() => app.workspace.close());
    await app.workspace.unlock({});
    const out = join(folder, 'stopped-package');
    await expect(
      app.exports.create(
        {
          caseId,
          formats: ['html', 'json', 'csv', 'xlsx'],
          container: 'folder',
          password: null,
          redactions: [],
        },
        { path: out, overwrite: false },
      ),
    ).rejects.toMatchObject({ code: 'JOB_STOPPED', message: expect.stringMatching(/locked/) });
    expect(await stop.jobs).toBe(1);
    expect(workingSeen).toBe(true);
    expect(runningJobCount()).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
    const failed = app.workspace.requireOpen().audit.list({ limit: 5 });
    expect((await failed).map((e) => e.action)).toContain('export.failed');
  });
});
