/**
 * bench/replica-write: how fast the encrypted replica takes rows, against the same inserts into an
 * unencrypted SQLite file (the physical baseline later sync figures are compared with), and what
 * unlocking with a passphrase costs.
 *
 *   npm run bench:replica -- --customers 1000000
 *
 * Prints one JSON object. Data is synthetic and fixed by a seed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { openReplica } from '../src/main/db/connection';
import { migrate } from '../src/main/db/migrate';
import { Kysely, SqliteDialect } from 'kysely';
import { deriveKeyFromPassphrase, newScryptParams } from '../src/main/secrets/passphrase';
import { syntheticCustomers } from './support/synthetic-customers';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
  },
});
const count = Number(values.customers);
const seed = Number(values.seed);

const INSERT = `INSERT INTO customers (customer_id, name, email, phone, status, created_at, last_active,
  tags, lifecycle_stage, attributes, version) VALUES (@customer_id, @name, @email, @phone, @status,
  @created_at, @last_active, @tags, @lifecycle_stage, @attributes, @version)`;

function load(db: Sqlite.Database): number {
  const insert = db.prepare(INSERT);
  const started = performance.now();
  db.transaction(() => {
    for (const customer of syntheticCustomers(count, seed)) insert.run(customer);
  })();
  return performance.now() - started;
}

function figures(ms: number, path: string) {
  return {
    wallSeconds: Number((ms / 1000).toFixed(2)),
    rowsPerSecond: Math.round(count / (ms / 1000)),
    fileMegabytes: Number((statSync(path).size / 1e6).toFixed(1)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'reflect-bench-'));
try {
  const encryptedPath = join(dir, 'encrypted.db');
  const replica = await openReplica(encryptedPath, randomBytes(32), { create: true });
  const encryptedMs = load(replica.raw);
  replica.raw.pragma('wal_checkpoint(TRUNCATE)');
  const encrypted = figures(encryptedMs, encryptedPath);
  await replica.close();

  const plainPath = join(dir, 'plain.db');
  const plain = new Sqlite(plainPath);
  plain.pragma('journal_mode = WAL');
  plain.pragma('synchronous = NORMAL');
  const plainKysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: plain }) });
  await migrate(plainKysely);
  const plainMs = load(plain);
  plain.pragma('wal_checkpoint(TRUNCATE)');
  const unencrypted = figures(plainMs, plainPath);
  await plainKysely.destroy();

  const params = newScryptParams();
  const kdfStarted = performance.now();
  await deriveKeyFromPassphrase('a passphrase of ordinary length', params);
  const passphraseUnlockMs = Math.round(performance.now() - kdfStarted);

  console.log(
    JSON.stringify(
      {
        bench: 'replica-write',
        customers: count,
        seed,
        encrypted,
        unencrypted,
        encryptedToPlainRate: Number(
          (encrypted.rowsPerSecond / unencrypted.rowsPerSecond).toFixed(2),
        ),
        passphraseKeyDerivationMs: passphraseUnlockMs,
        scrypt: { N: params.N, r: params.r, p: params.p },
        peakRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
        node: process.version,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
