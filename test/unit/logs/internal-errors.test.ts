import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import { DeskLog } from '../../../src/main/logs/desk-log';
import { WindowReports } from '../../../src/main/logs/window-reports';
import { createKeytarStore } from '../../../src/main/secrets/keychain';
import { createServices } from '../../../src/main/services';
import { readLog } from '../../support/log-lines';
import { tempDir } from '../../support/temp-dir';
import { testServices, TEST_KEYCHAIN_SERVICE } from '../../support/workspace';

const EMAIL = 'anna.schmidt@example.org';

describe('INTERNAL errors', () => {
  it('reach the officer with the incident id under which the log holds them', async () => {
    const services = testServices();
    const broken: Handlers = {
      ...services.handlers,
      'audit:list': () => {
        throw Object.assign(new Error(`no audit entries for ${EMAIL}`), { code: 'SQLITE_IOERR' });
      },
    };
    const result = await dispatch(broken, 'audit:list', {}, (channel, error) =>
      services.log.internalError(channel, error),
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).not.toContain(EMAIL);
    const incident = /incident ([0-9a-f]{8})/.exec(message)?.[1];
    expect(incident).toBeDefined();

    const { lines, text } = readLog(services.dataDir);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'internal-error',
        incident,
        channel: 'audit:list',
        error: expect.objectContaining({ name: 'Error', code: 'SQLITE_IOERR' }),
        app: '0.0.0-test',
      }),
    ]);
    expect(text).not.toContain(EMAIL);
  });

  it('name a replica kept busy too long as such, logged under an incident all the same', async () => {
    const services = testServices();
    const busy: Handlers = {
      ...services.handlers,
      'audit:list': () => {
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
      },
    };
    const result = await dispatch(busy, 'audit:list', {}, (channel, error) =>
      services.log.internalError(channel, error),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'DESK_BUSY',
        message: expect.stringMatching(/busy with other work .* nothing was changed/),
      },
    });
    const incident = /incident ([0-9a-f]{8})/.exec(result.ok ? '' : result.error.message)?.[1];
    expect(readLog(services.dataDir).lines).toEqual([
      expect.objectContaining({ event: 'internal-error', incident, channel: 'audit:list' }),
    ]);
  });

  it('say so when the log could not take them, rather than send the officer looking', async () => {
    const services = testServices();
    const broken: Handlers = {
      ...services.handlers,
      'app:info': () => {
        throw new Error('boom');
      },
    };
    const result = await dispatch(broken, 'app:info', {}, () => null);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('not recorded in the log') },
    });
  });
});

describe('the window’s error reports', () => {
  it('are logged through their channel, validated, with an incident id for the screen', async () => {
    const services = testServices();
    const result = await dispatch(services.handlers, 'log:report', {
      kind: 'screen-error',
      screen: 'audit',
      name: 'TypeError',
      code: null,
      stack: ['AuditTable (index-Bx1.js:12:345)', 'renderWithHooks (index-Bx1.js:9:1)'],
    });
    expect(result).toMatchObject({
      ok: true,
      value: { incident: expect.stringMatching(/^[0-9a-f]{8}$/) },
    });
    const incident = result.ok ? (result.value as { incident: string }).incident : null;
    expect(readLog(services.dataDir).lines).toEqual([
      expect.objectContaining({
        event: 'screen-error',
        process: 'renderer',
        screen: 'audit',
        incident,
        error: {
          name: 'TypeError',
          stack: ['AuditTable (index-Bx1.js:12:345)', 'renderWithHooks (index-Bx1.js:9:1)'],
        },
      }),
    ]);
  });

  it('have no field for a message: one sent anyway is refused before the log', async () => {
    const services = testServices();
    const result = await dispatch(services.handlers, 'log:report', {
      kind: 'uncaught-exception',
      name: 'Error',
      message: `cannot show ${EMAIL}`,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readLog(services.dataDir).text).toBe('');
  });

  it('are taken at most 20 a minute; the ones dropped are counted once reports resume', () => {
    const dataDir = tempDir();
    const log = new DeskLog({ dataDir, appVersion: '1.2.3' });
    let now = 1_000_000;
    const reports = new WindowReports(log, 20, () => now);
    const report = () =>
      reports.report({
        kind: 'uncaught-exception',
        screen: null,
        name: 'Error',
        code: null,
        stack: [],
      });
    const first = Array.from({ length: 25 }, report);
    expect(first.filter((r) => r.incident !== null)).toHaveLength(20);
    now += 60_000;
    expect(report().incident).not.toBeNull();

    const events = readLog(dataDir).lines.map((line) => line.event);
    expect(events.filter((e) => e === 'uncaught-exception')).toHaveLength(21);
    expect(readLog(dataDir).lines).toContainEqual(
      expect.objectContaining({ event: 'reports-dropped', count: 5 }),
    );
  });
});

describe('where the log is', () => {
  it('is part of the app details, inside the workspace folder, with its bounds', async () => {
    const services = testServices();
    const info = await dispatch(services.handlers, 'app:info', {});
    expect(info).toMatchObject({
      ok: true,
      value: {
        log: {
          path: join(services.dataDir, 'logs', 'desk.log'),
          maxBytes: 1024 * 1024,
          rotatedFiles: 3,
        },
      },
    });
  });

  it('is shown in the file manager: the file once written, its folder before', async () => {
    const dataDir = join(tempDir(), 'workspace');
    const revealed: string[] = [];
    const services = createServices({
      dataDir,
      version: '0.0.0-test',
      secrets: createKeytarStore(TEST_KEYCHAIN_SERVICE),
      revealPath: (path) => revealed.push(path),
    });
    onTestFinished(() => services.workspace.close());
    expect(await dispatch(services.handlers, 'log:reveal', {})).toEqual({ ok: true, value: null });
    services.log.write({ event: 'reports-dropped', count: 1 });
    await dispatch(services.handlers, 'log:reveal', {});
    expect(revealed).toEqual([join(dataDir, 'logs'), join(dataDir, 'logs', 'desk.log')]);
  });
});
