import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';

/** Renderer end-to-end: the built UI in Chromium, bound to the real main-process handlers. */
export default defineConfig({
  testDir: '.',
  // Without the typecheck-only `paths` of tsconfig.e2e.json, which would redirect imports at run time.
  tsconfig: '../../tsconfig.base.json',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
