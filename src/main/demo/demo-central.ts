import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freeLoopbackPort } from '../net/free-loopback-port';

export interface DemoCentral {
  /** A postgres:// URL on loopback; the desk syncs from it exactly as from a real server. */
  url: string;
  /** The data folder as one gzipped archive, loadable by `startDemoCentral(dir, archive)`. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * The embedded default: PostgreSQL compiled to WebAssembly (PGlite), kept in a folder of the
 * workspace and served on a loopback port, so the desk's ordinary sync code talks to it over the
 * PostgreSQL protocol. It holds synthetic data only.
 *
 * `dataDir` null keeps the database in memory (building the prepared copy the app ships);
 * `archive` fills a new folder from such a copy instead of creating an empty cluster, which is
 * most of a first start's time.
 */
export async function startDemoCentral(
  dataDir: string | null,
  archive?: Blob,
): Promise<DemoCentral> {
  if (dataDir !== null) {
    if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  const options = { extensions: { pgcrypto }, ...(archive ? { loadDataDir: archive } : {}) };
  const db =
    dataDir === null ? await PGlite.create(options) : await PGlite.create(dataDir, options);
  const port = await freeLoopbackPort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    dump: () => db.dumpDataDir('gzip'),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
