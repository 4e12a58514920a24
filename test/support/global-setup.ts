import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { installCentral } from '../../src/main/central/install';
import { startPrivatePostgres } from './postgres';
import { CENTRAL_TEMPLATE } from './postgres-database';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Once per test run: a private PostgreSQL for every test file, and the built CLI the CLI tests run. */
export default async function setup(project: TestProject): Promise<() => void> {
  if (!existsSync('out/main/cli.js') || !existsSync('out/main/sync-worker.js')) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
  const postgres = await startPrivatePostgres();
  project.provide('postgresUrl', postgres.url);
  // One installed central schema, copied per test file: roles are cluster-wide, and installing
  // them from parallel test files at once would race.
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${CENTRAL_TEMPLATE}`);
  await admin.end();
  const template = new pg.Client({
    connectionString: withDatabase(postgres.url, CENTRAL_TEMPLATE),
  });
  await template.connect();
  await installCentral(template);
  await template.end();
  return () => postgres.stop();
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
