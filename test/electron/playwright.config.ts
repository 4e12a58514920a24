import { defineConfig } from '@playwright/test';

/** The real Electron app; runs wherever an Electron binary is installed (see app.spec.ts). */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  reporter: [['list']],
  timeout: 60_000,
  use: { screenshot: 'only-on-failure' },
});
