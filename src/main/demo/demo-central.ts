import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freeLoopbackPort } from '../net/free-loopback-port';

export interface DemoCentral {
  /** A postgres:// URL on loopback; the desk syncs from it exactly as from a real server. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded default: PostgreSQL compiled to WebAssembly (PGlite), kept in a folder of the
 * workspace and served on a loopback port, so the desk's ordinary sync code talks to it over the
 * PostgreSQL protocol. It holds synthetic data only.
 */
export async function startDemoCentral(dataDir: string): Promise<DemoCentral> {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const db = await PGlite.create(dataDir, { extensions: { pgcrypto } });
  const port = await freeLoopbackPort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
