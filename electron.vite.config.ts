import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './src/main/shell/csp';

/** The built page carries the strict policy itself; the dev server (hot reload) runs without it. */
const contentSecurityPolicy: Plugin = {
  name: 'reflect-content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The CLI is built beside the app entry so it runs the very same services.
        input: {
          index: fromRoot('./src/main/index.ts'),
          cli: fromRoot('./src/main/cli.ts'),
          'database-owner': fromRoot('./src/main/owner/owner-worker.ts'),
          'sync-worker': fromRoot('./src/main/sync/sync-worker.ts'),
          'export-worker': fromRoot('./src/main/export/export-worker.ts'),
          'dedupe-worker': fromRoot('./src/main/dedupe/dedupe-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        // A sandboxed preload cannot load ES modules or split chunks: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('./src/renderer'),
    plugins: [react(), contentSecurityPolicy],
    build: {
      rollupOptions: { input: fromRoot('./src/renderer/index.html') },
    },
  },
});
