import { connect, createServer, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * A loopback TCP proxy in front of PostgreSQL that can fail the way networks do:
 * - blackHole(): bytes stop flowing both ways, but no socket is closed and new connections are
 *   accepted and then ignored (packets dropped, not refused: nothing ever answers);
 * - reset(): every open connection is reset (the peer sees ECONNRESET);
 * - heal(): new connections forward again (connections broken before stay broken);
 * - hold(run): nothing is forwarded (bytes wait, none lost) until `run` has finished, so a fault
 *   made on the server side lands before the desk's next query does.
 */
export interface TcpProxy {
  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string;
  blackHole(): void;
  reset(): void;
  heal(): void;
  hold(run: () => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let silent = false;
  const pairs = new Set<{ client: Socket; upstream: Socket; silent: boolean }>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream, silent };
    pairs.add(pair);
    client.on('data', (chunk) => {
      if (!pair.silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!pair.silent) client.write(chunk);
    });
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no port.');
  const proxy: TcpProxy = {
    through(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(address.port);
      return parsed.toString();
    },
    blackHole() {
      silent = true;
      for (const pair of pairs) pair.silent = true;
    },
    reset() {
      for (const pair of [...pairs]) {
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      }
    },
    heal() {
      silent = false;
    },
    async hold(run) {
      const held = [...pairs];
      for (const pair of held) {
        pair.client.pause();
        pair.upstream.pause();
      }
      try {
        await run();
      } finally {
        for (const pair of held) {
          pair.client.resume();
          pair.upstream.resume();
        }
      }
    },
    async close() {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  onTestFinished(() => proxy.close());
  return proxy;
}
