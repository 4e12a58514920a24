import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

/**
 * The packaged shell as users get it: window security settings, the CSP header, no Node in the
 * page, navigation and pop-ups refused, one instance only. Needs the Electron binary, which is
 * downloaded on first use; where it cannot be (no network to its host), these specs are skipped
 * and say why.
 */
function electronBinary(): { path: string } | { missing: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `the electron package points at ${String(path)}, which does not exist` };
  } catch (error) {
    return {
      missing: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    };
  }
}

const binary = electronBinary();
if ('missing' in binary) {
  console.log(`Electron specs skipped: no Electron binary here (${binary.missing}).`);
}

test.describe('Electron shell', () => {
  test.skip('missing' in binary, 'No Electron binary is installed on this machine.');

  let app: ElectronApplication;
  let dataDir: string;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'reflect-electron-'));
    app = await electron.launch({
      args: ['out/main/index.js'],
      env: { ...process.env, REFLECT_DATA_DIR: dataDir },
    });
  });

  test.afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the window is isolated, sandboxed and without Node', async () => {
    const window = await app.firstWindow();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      return win?.webContents.getLastWebPreferences();
    });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(
      await window.evaluate(() =>
        Object.keys((window as unknown as { reflect: object }).reflect).sort(),
      ),
    ).toEqual(['invoke', 'on']);
  });

  test('navigation and new windows are refused', async () => {
    const window = await app.firstWindow();
    const before = window.url();
    await window.evaluate(() => window.open('https://example.com/'));
    await window.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await window.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    expect(window.url()).toBe(before);
  });

  test('a second instance quits at once', async () => {
    const second = await electron
      .launch({ args: ['out/main/index.js'], env: { ...process.env, REFLECT_DATA_DIR: dataDir } })
      .catch((error: unknown) => error);
    if (!(second instanceof Error)) {
      await expect.poll(() => second.windows().length).toBe(0);
      await second.close();
    }
    expect(app.windows()).toHaveLength(1);
  });
});
