import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startPrivatePostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Once per test run: a private PostgreSQL for every test file, and the built CLI the CLI tests run. */
export default async function setup(project: TestProject): Promise<() => void> {
  if (!existsSync('out/main/cli.js')) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
  const postgres = await startPrivatePostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
