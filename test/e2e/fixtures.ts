import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type { EventPayloads } from '../../src/shared/ipc/contract';
import type { EventName } from '../../src/shared/ipc/names';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createKeytarStore } from '../../src/main/secrets/keychain';
import { createServices } from '../../src/main/services';
import { serveStatic } from '../support/static-server';
import { startPrivatePostgres } from '../support/postgres';
import { installCentral } from '../../src/main/central/install';
import pg from 'pg';

export interface Desk {
  page: Page;
  dataDir: string;
  /** Where the stand-in for the system save dialog puts what the officer saves. */
  savesDir: string;
  /** What "Show in folder" asked the file manager to show. */
  revealed: string[];
  services: ReturnType<typeof createServices>;
  /** Loads the built renderer with `window.reflect` bound to the real handlers. */
  open(): Promise<void>;
}

declare global {
  interface Window {
    __reflectInvoke(channel: unknown, input: unknown): Promise<unknown>;
    __reflectEmit(event: string, payload: unknown): void;
  }
}

/**
 * Stands in for the preload: the same `window.reflect` shape, but its calls go through Playwright
 * to `dispatch` over real services (real SQLCipher file, real keychain) in this process.
 */
function installBridge(): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  window.__reflectEmit = (event, payload) => {
    listeners.get(event)?.forEach((listener) => listener(payload));
  };
  Object.defineProperty(window, 'reflect', {
    value: Object.freeze({
      invoke: (channel: unknown, input: unknown) => window.__reflectInvoke(channel, input),
      on: (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
}

function newestBackup(folder: string): string | null {
  const backups = readdirSync(folder)
    .filter((name) => name.endsWith('.reflect-backup'))
    .map((name) => join(folder, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return backups[0] ?? null;
}

/** Opens a desk on `page`: real services in this process, the built renderer in the browser. */
async function openDesk(
  page: Page,
  rendererUrl: string,
  now: Date | null,
  demoSnapshot = true,
): Promise<{ desk: Desk; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reflect-e2e-'));
  const savesDir = join(dataDir, 'saved');
  mkdirSync(savesDir);
  const revealed: string[] = [];
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    void page
      .evaluate(([name, value]) => window.__reflectEmit(name, value), [event, payload] as const)
      .catch(() => undefined);
  };
  const services = createServices({
    dataDir: join(dataDir, 'workspace'),
    version: '0.0.0-e2e',
    secrets: createKeytarStore('Reflect Privacy Desk (tests)'),
    actor: 'officer.e2e',
    scryptCost: 2 ** 14,
    ...(now ? { now: () => now } : {}),
    onStateChange: (status) => emit('workspace:state-changed', status),
    onSyncState: (overview) => emit('sync:state-changed', overview),
    onSyncProgress: (progress) => emit('sync:progress', progress),
    onExportProgress: (progress) => emit('exports:progress', progress),
    onQualityProgress: (progress) => emit('quality:progress', progress),
    onDemoStep: (step) => emit('demo:start-step', step),
    // The prepared demo central `npm run build` leaves in out/demo (absent, demos build their own).
    ...(demoSnapshot ? { demoSnapshotDir: 'out/demo' } : {}),
    // The operating system's dialogs are outside the page: the officer "chooses" the suggested name.
    chooseSavePath: (suggestion) => Promise.resolve(join(savesDir, suggestion.defaultName)),
    // ...and picks the backup it saved last.
    chooseOpenPath: () => Promise.resolve(newestBackup(savesDir)),
    revealPath: (path) => {
      revealed.push(path);
    },
  });
  // As the app's IPC bridge does: an unexpected failure goes to the workspace's log by incident.
  await page.exposeBinding('__reflectInvoke', (_source, channel: unknown, input: unknown) =>
    dispatch(services.handlers, channel, input, (name, error) =>
      services.log.internalError(name, error),
    ),
  );
  await page.addInitScript(installBridge);
  return {
    desk: {
      page,
      dataDir,
      savesDir,
      revealed,
      services,
      open: async () => {
        await page.goto(rendererUrl);
      },
    },
    close: async () => {
      await services.workspace.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<
  {
    desk: Desk;
    /** A second officer's desk, in its own browser context. */
    otherDesk: Desk;
    /** The clock the desks count deadlines against; null is the real one. */
    deskClock: Date | null;
    /** Whether a demo starts from the prepared central in out/demo (false: creates and seeds one). */
    demoSnapshot: boolean;
  },
  { rendererUrl: string; centralAdminUrl: string }
>({
  deskClock: [null, { option: true }],
  demoSnapshot: [true, { option: true }],

  /** A private PostgreSQL with the central schema, started only for workers whose tests ask. */
  centralAdminUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const postgres = await startPrivatePostgres();
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await installCentral(client);
      await client.end();
      await use(postgres.url);
      postgres.stop();
    },
    { scope: 'worker' },
  ],

  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const server = await serveStatic('out/renderer');
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],

  desk: async ({ page, rendererUrl, deskClock, demoSnapshot }, use) => {
    const { desk, close } = await openDesk(page, rendererUrl, deskClock, demoSnapshot);
    await use(desk);
    await close();
  },

  otherDesk: async ({ browser, rendererUrl, deskClock }, use) => {
    const context = await browser.newContext();
    const { desk, close } = await openDesk(await context.newPage(), rendererUrl, deskClock);
    await use(desk);
    await close();
    await context.close();
  },
});

export { expect } from '@playwright/test';
