import { join } from 'node:path';
import type { Handlers } from '../../src/main/ipc/dispatch';
import { readLog } from '../support/log-lines';
import { expect, test, type Desk } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { FirstRunPage } from './pages/first-run-page';
import { ScreenFailedPage } from './pages/screen-failed-page';
import { SettingsPage } from './pages/settings-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';

// "Copy" writes to the clipboard; the test reads it back.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const WORKSPACE = 'Compliance desk';

async function openedDesk(desk: Desk) {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: WORKSPACE });
  return new ShellPage(desk.page);
}

/** Makes a handler answer with what its screen cannot show, as a bug in main would. */
function breakHandler(desk: Desk, channel: keyof Handlers, answer: () => unknown): () => void {
  const handlers = desk.services.handlers as Record<string, unknown>;
  const original = handlers[channel];
  handlers[channel] = answer;
  return () => {
    handlers[channel] = original;
  };
}

const workspaceLog = (desk: Desk) => readLog(join(desk.dataDir, 'workspace'));
const clipboard = (desk: Desk) => desk.page.evaluate(() => navigator.clipboard.readText());

test('a screen that fails says what happened, is logged, and copies an id-only diagnostic', async ({
  desk,
}, testInfo) => {
  const shell = await openedDesk(desk);
  const failed = new ScreenFailedPage(desk.page);
  const restore = breakHandler(desk, 'audit:list', () => ({ entries: 'not a list' }));

  await shell.open('Audit');
  await expect(failed.title()).toContainText('The Audit screen stopped working');
  await expect(failed.title()).toContainText('What you saved is safe');
  await expect(failed.recorded()).toBeVisible();
  const incident = await failed.incident();

  // The log holds the same incident: the screen, the error's class and where, nothing else.
  const line = workspaceLog(desk).lines.find((l) => l.incident === incident);
  expect(line).toMatchObject({
    event: 'screen-error',
    process: 'renderer',
    screen: 'audit',
    error: {
      name: 'TypeError',
      stack: expect.arrayContaining([expect.stringMatching(/\.js:\d+:\d+/)]),
    },
  });

  await screenshotThemes(desk, testInfo, 'screen-failed');
  await failed.copyDiagnostic();
  await expect(failed.copied()).toBeVisible();
  const diagnostic = await clipboard(desk);
  expect(diagnostic).toBe(await failed.diagnostic().textContent());
  expect(diagnostic).toContain('App version: 0.0.0-e2e');
  expect(diagnostic).toContain('Screen: audit');
  expect(diagnostic).toContain(`Incident: ${incident}`);
  expect(diagnostic).toContain('Error: TypeError');
  expect(diagnostic).toMatch(/^Time: \d{4}-\d\d-\d\dT[\d:.]+Z$/m);
  expect(diagnostic).toMatch(/^ {2}\S.*\.js:\d+:\d+\)?$/m);
  // No message (it may quote data), no workspace name, no path of this computer.
  expect(diagnostic).not.toContain('is not a function');
  expect(diagnostic).not.toContain(WORKSPACE);
  expect(diagnostic).not.toContain(desk.dataDir);
  expect(diagnostic).not.toContain('http');

  // The rest of the window still works, and the screen comes back once its data is right.
  await shell.open('Search');
  await expect(shell.screenHeading()).toHaveText('Search');
  await shell.open('Audit');
  await expect(failed.root()).toBeVisible();
  restore();
  await failed.tryAgain();
  await expect(new AuditPage(desk.page).rows().first()).toBeVisible();
  await expect(failed.root()).toBeHidden();
});

test('a gate screen that fails is shown on its own, and its message stays out of the diagnostic', async ({
  desk,
}, testInfo) => {
  // A name where text belongs: React's error then quotes the object's keys, a person's name here.
  breakHandler(desk, 'workspace:status', () => ({
    state: 'none',
    workspace: null,
    keychainAvailable: false,
    keychainProblem: { 'Anna Schmidt': true },
  }));
  await desk.open();
  const failed = new ScreenFailedPage(desk.page);
  await expect(failed.title()).toContainText('The Create workspace screen stopped working');
  await expect(failed.title()).not.toContainText('The other screens still work');
  await expect(failed.recorded()).toBeVisible();
  const diagnostic = (await failed.diagnostic().textContent()) ?? '';
  expect(diagnostic).toContain('Screen: first-run');
  expect(diagnostic).not.toContain('Anna');
  expect(workspaceLog(desk).lines).toContainEqual(
    expect.objectContaining({ event: 'screen-error', screen: 'first-run' }),
  );
  expect(workspaceLog(desk).text).not.toContain('Anna');
  await desk.page.setViewportSize({ width: 1280, height: 720 });
  await desk.page.screenshot({ path: testInfo.outputPath('first-run-failed-1280x720.png') });
});

test('an unexpected failure names its incident and where the log is', async ({ desk }) => {
  const shell = await openedDesk(desk);
  breakHandler(desk, 'audit:verify', () => {
    throw new Error(`chain unreadable for ${WORKSPACE}`);
  });
  await shell.open('Audit');
  await new AuditPage(desk.page).verify();
  const notice = desk.page.getByRole('alert').filter({ hasText: 'Verification failed' });
  await expect(notice).toContainText(/The log records it as incident [0-9a-f]{8}\./);
  await expect(notice).toContainText('Settings shows where the log is.');
  const incident = /incident ([0-9a-f]{8})/.exec((await notice.textContent()) ?? '')?.[1];
  expect(workspaceLog(desk).lines).toContainEqual(
    expect.objectContaining({ event: 'internal-error', channel: 'audit:verify', incident }),
  );
  expect(workspaceLog(desk).text).not.toContain(WORKSPACE);
});

test('errors no screen catches are written to the log too', async ({ desk }) => {
  await openedDesk(desk);
  await desk.page.evaluate(() => {
    setTimeout(() => {
      throw new RangeError('anna.schmidt@example.org');
    });
    void Promise.reject(new TypeError('anna.schmidt@example.org'));
  });
  await expect
    .poll(() => workspaceLog(desk).lines.map((l) => `${String(l.event)} ${String(l.process)}`))
    .toEqual(
      expect.arrayContaining(['uncaught-exception renderer', 'unhandled-rejection renderer']),
    );
  expect(workspaceLog(desk).text).not.toContain('anna');
});

test('Settings shows where the log is, shows it in the folder and copies its path', async ({
  desk,
}, testInfo) => {
  const shell = await openedDesk(desk);
  const settings = new SettingsPage(desk.page);
  const path = join(desk.dataDir, 'workspace', 'logs', 'desk.log');

  await shell.open('Settings');
  await expect(settings.logPath()).toHaveText(path);
  await expect(settings.logSection()).toContainText('never personal data or secrets');
  await expect(settings.logSection()).toContainText(
    'Each file grows to 1 MB, then a new one starts; the 3 most recent full files are kept',
  );

  await settings.showLogInFolder();
  await expect.poll(() => desk.revealed).toEqual([join(desk.dataDir, 'workspace', 'logs')]);
  await settings.copyLogPath();
  await expect(settings.logPathCopied()).toBeVisible();
  expect(await clipboard(desk)).toBe(path);

  await screenshotThemes(desk, testInfo, 'settings-log', settings.logSection());
});
