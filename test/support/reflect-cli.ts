import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEncryptedDatabase, type SqliteDatabase } from '../../src/main/db/open';
import { createKeytarStore, KEYCHAIN_SERVICE } from '../../src/main/secrets/keychain';

/** The built CLI (`out/main/cli.js`), run as a separate process the way an officer runs it. */
export function reflectCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['out/main/cli.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningCli {
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** Whether it is still running. */
  running(): boolean;
  /** Resolves when `pattern` first appears on stderr. */
  whenStderr(pattern: RegExp): Promise<void>;
}

/** The CLI started in the background. */
export function startReflectCli(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, ['out/main/cli.js', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let done = false;
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const w of waiting.filter((w) => w.pattern.test(err))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  return {
    exited,
    stdout: () => out,
    stderr: () => err,
    running: () => !done,
    whenStderr: (pattern) =>
      pattern.test(err)
        ? Promise.resolve()
        : new Promise((resolve) => waiting.push({ pattern, resolve })),
  };
}

/** The workspace's replica opened with its key from the keychain: a second, independent connection. */
export async function openWorkspaceReplica(dataDir: string): Promise<SqliteDatabase> {
  const meta = JSON.parse(readFileSync(join(dataDir, 'workspace.json'), 'utf8')) as {
    keychainAccount: string;
  };
  const key = await createKeytarStore(KEYCHAIN_SERVICE).get(meta.keychainAccount);
  return openEncryptedDatabase(join(dataDir, 'replica.db'), Buffer.from(key ?? '', 'hex'), {
    create: false,
  });
}
