import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session } from 'electron';
import { DeskLog } from './logs/desk-log';
import { installCrashLogging } from './logs/crash-logging';
import { DatabaseOwner } from './owner/database-owner';
import { APP_ENTRY_URL } from './shell/app-origin';
import { registerAppScheme, serveAppScheme } from './shell/app-scheme';
import { CONTENT_SECURITY_POLICY } from './shell/csp';
import { registerIpc, relayEvent } from './shell/ipc-bridge';
import { chooseOpenPath, chooseSavePath, revealPath } from './shell/save-dialog';
import { guardNavigation } from './shell/navigation-guard';
import { isPermissionGranted } from './shell/permissions';
import { watchPower } from './shell/power-lock';
import { installAppMenu } from './shell/app-menu';
import { watchDeskNotices } from './shell/desk-notifications';
import { schemeOf } from './shell/url-scheme';
import { enforceSingleInstance } from './shell/single-instance';
import { secureWebPreferences } from './shell/web-preferences';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
// Served from app://reflect/ with the policy as a header, never from file:// (see app-origin).
const rendererUrl = devServerUrl ?? APP_ENTRY_URL;
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Reflect Privacy Desk',
    show: false,
    webPreferences: secureWebPreferences(preloadPath, !app.isPackaged),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}

function start(): void {
  const dataDir = process.env.REFLECT_DATA_DIR ?? join(app.getPath('userData'), 'workspace');
  // Opened first, so that anything failing from here on, the services' start included, is logged.
  const log = new DeskLog({ dataDir, appVersion: app.getVersion() });
  installCrashLogging(log, { process: 'main', keepRunningOnRejection: true });
  log.write({
    event: 'app-started',
    platform: process.platform,
    arch: process.arch,
    runtime: `electron ${process.versions.electron}`,
  });
  // Every query and job runs in the database owner's thread; this one only relays (see owner/).
  const jobWorker = (name: string): string => new URL(`./${name}.js`, import.meta.url).href;
  const owner = new DatabaseOwner({
    workerUrl: new URL('./database-owner.js', import.meta.url),
    config: {
      dataDir,
      version: app.getVersion(),
      autoSyncIntervalMs: 60_000,
      demoSnapshotDir: fileURLToPath(new URL('../demo/', import.meta.url)),
      jobWorkers: {
        sync: jobWorker('sync-worker'),
        export: jobWorker('export-worker'),
        dedupe: jobWorker('dedupe-worker'),
      },
      shell: { saveDialog: true, openDialog: true, reveal: true },
    },
    onEvent: (event, payload) => {
      relayEvent(mainWindow, event, payload);
      // A finished sync or an unlock may change what is due: look again at once (not on every
      // progress step of a running sync).
      if (settledState(event, payload)) notices?.check();
    },
    onShell: async (request) => {
      if (request.op === 'choose-save-path') return chooseSavePath(request.suggestion);
      if (request.op === 'choose-open-path') return chooseOpenPath(request.suggestion);
      revealPath(request.path);
      return null;
    },
    log,
  });
  let notices: { check: () => void } | null = null;
  owner.start();
  registerIpc((channel, input) => owner.call(channel, input), rendererUrl, log);

  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, (what, url) => {
      console.warn(`Blocked ${what} to ${url}`);
      log.write({ event: 'navigation-blocked', reason: what, scheme: schemeOf(url) });
    });
    contents.on('render-process-gone', (_gone, details) => {
      log.write({ event: 'renderer-gone', reason: details.reason, exitCode: details.exitCode });
    });
  });

  registerAppScheme();
  void app.whenReady().then(() => {
    if (!devServerUrl) serveAppScheme(dirname(rendererFile));
    // The dev server needs inline scripts for hot reload; the built app gets the strict policy.
    if (!devServerUrl) {
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: {
            ...details.responseHeaders,
            'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
          },
        });
      });
    }
    // Everything is refused but writing text to the clipboard from the app's own page ("Copy").
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
      callback(isPermissionGranted(permission, details, rendererUrl)),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission, _origin, details) =>
      isPermissionGranted(permission, details, rendererUrl),
    );
    mainWindow = createWindow();
    watchPower(owner);
    notices = watchDeskNotices(owner, () => mainWindow);
    installAppMenu({
      navigate: (screen) => relayEvent(mainWindow, 'app:navigate', { screen, caseId: null }),
      lock: () => owner.lock('officer'),
      showLog: () => void owner.call('log:reveal', {}),
    });
  });

  app.on('window-all-closed', () => app.quit());
  // Lock before quitting, so the replica is closed cleanly and the lock is in the audit trail.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void owner.stop().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

/**
 * The packaged app cannot run as plain Node (the RunAsNode fuse is off), so the command line
 * has its own entry point: `<app> --cli <command> ...` runs out/main/cli.js in this process,
 * without a window, and exits with its code.
 */
const cliAt = process.argv.indexOf('--cli');
if (cliAt >= 0) {
  const runCli = (
    import(/* @vite-ignore */ new URL('./cli.js', import.meta.url).href) as Promise<{
      runCli: (argv: string[]) => Promise<number>;
    }>
  ).then((cli) => cli.runCli(process.argv.slice(cliAt + 1)));
  runCli.then(
    (code) => app.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? `error: ${error.message}` : error);
      app.exit(1);
    },
  );
} else if (
  enforceSingleInstance(app, () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  })
) {
  start();
}

/** True for the events after which what is due may have changed: a sync that ended, an unlock. */
function settledState(event: string, payload: unknown): boolean {
  const state = (payload as { state?: unknown } | null)?.state;
  if (event === 'sync:state-changed') return state === 'idle' || state === 'error';
  if (event === 'workspace:state-changed') return state === 'unlocked';
  return false;
}
