import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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
    return { missing: `the electron package points at ${path}, which does not exist` };
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

  test('the page has no Node and sees only window.reflect', async () => {
    const page = await app.firstWindow();
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        reflect: Object.keys(scope.reflect as object).sort(),
        frozen: Object.isFrozen(scope.reflect),
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      reflect: ['invoke', 'on'],
      frozen: true,
    });
  });

  test('the CSP refuses an injected inline script', async () => {
    const page = await app.firstWindow();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await new Promise((done) => setTimeout(done, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  test('navigation and new windows are refused', async () => {
    const page = await app.firstWindow();
    const before = page.url();
    await page.evaluate(() => globalThis.open('https://example.com/'));
    await page.evaluate(() => {
      globalThis.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toBe(before);
  });

  test('the workspace log records the start and a page error, owner-only', async () => {
    const page = await app.firstWindow();
    const log = join(dataDir, 'logs', 'desk.log');
    const events = () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => (JSON.parse(line) as { event: string; process?: string }).event)
        : [];
    await expect.poll(events).toContain('app-started');
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('anna.schmidt@example.org');
      });
    });
    await expect.poll(events).toContain('uncaught-exception');
    expect(readFileSync(log, 'utf8')).not.toContain('anna');
    expect(statSync(log).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
  });

  test('a second instance quits at once', async () => {
    let second: ElectronApplication | null = null;
    try {
      second = await electron.launch({
        args: ['out/main/index.js'],
        env: { ...process.env, REFLECT_DATA_DIR: dataDir },
      });
    } catch {
      // Exiting before Playwright connects is the expected outcome too.
    }
    if (second) {
      await expect.poll(() => second.windows().length).toBe(0);
      await second.close();
    }
    expect(app.windows()).toHaveLength(1);
  });
});
