import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { DemoStartStep } from '../../shared/demo-start';
import { startDemoCentral, type DemoCentral } from './demo-central';
import { actAsDemoLogin, DEMO_OFFICERS, type DemoLogin } from './demo-officers';
import { readDemoSnapshot } from './demo-snapshot';
import { prepareDemoCentral } from './prepare-demo-central';

export { DEMO_CUSTOMERS, DEMO_SEED } from './demo-population';
export type { DemoStartStep } from '../../shared/demo-start';

export interface DemoHostOptions {
  /** Folder holding the prepared central the build makes (see demo-snapshot); null: always build here. */
  snapshotDir?: string | null;
}

/**
 * Runs the demo workspace's central database next to the desk: started when a demo workspace is
 * unlocked, installed and seeded the first time, stopped when it locks.
 */
export class DemoHost {
  private central: DemoCentral | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly options: DemoHostOptions = {},
  ) {}

  /**
   * Starts (and on first use installs and seeds) the demo central; returns its loopback URL.
   * `onStep` hears each step as it begins, so a first run can say what it is doing.
   */
  async start(
    onStep?: (step: DemoStartStep) => void,
    login: DemoLogin = DEMO_OFFICERS[0].login,
  ): Promise<string> {
    onStep?.({ step: 'start-database' });
    this.central ??= await this.openCentral(onStep);
    const client = demoClient(this.central.url);
    await client.connect();
    try {
      await prepareDemoCentral(client, onStep);
      await actAsDemoLogin(client, login);
    } finally {
      await client.end();
    }
    // Only now is the folder a whole central; until here a crash means beginning again.
    rmSync(this.unfinishedMarker, { force: true });
    onStep?.({ step: 'ready' });
    return this.urlFor(login);
  }

  /**
   * Works as the other demo officer from now on: the shared session takes their login, and the
   * URL returned names them, so the desk's own records say who acted.
   */
  async actAs(login: DemoLogin): Promise<string> {
    if (!this.central) throw new Error('The demo central is not running.');
    const client = demoClient(this.central.url);
    await client.connect();
    try {
      await actAsDemoLogin(client, login);
    } finally {
      await client.end();
    }
    return this.urlFor(login);
  }

  async stop(): Promise<void> {
    const central = this.central;
    this.central = null;
    await central?.stop();
  }

  private get centralDir(): string {
    return join(this.dataDir, 'demo-central');
  }

  private get unfinishedMarker(): string {
    return join(this.dataDir, 'demo-central.unfinished');
  }

  /**
   * Opens the existing central, or makes a new one: from the prepared copy when the build shipped
   * a usable one, else an empty cluster that `prepareDemoCentral` installs and seeds. A first
   * start cut short (the marker is still there) leaves a folder that may be half written; it
   * holds synthetic data only, so it is removed and made again.
   */
  private async openCentral(onStep?: (step: DemoStartStep) => void): Promise<DemoCentral> {
    if (existsSync(this.unfinishedMarker))
      rmSync(this.centralDir, { recursive: true, force: true });
    if (existsSync(this.centralDir)) return startDemoCentral(this.centralDir);
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(this.unfinishedMarker, '', { mode: 0o600 });
    const snapshot = this.options.snapshotDir ? readDemoSnapshot(this.options.snapshotDir) : null;
    if (!snapshot) return startDemoCentral(this.centralDir);
    onStep?.({ step: 'unpack' });
    try {
      return await startDemoCentral(this.centralDir, snapshot.archive);
    } catch {
      // A copy this PGlite cannot load (made by another version) only costs the slower start.
      rmSync(this.centralDir, { recursive: true, force: true });
      return startDemoCentral(this.centralDir);
    }
  }

  private urlFor(login: DemoLogin): string {
    const url = new URL(this.central?.url ?? '');
    url.username = login;
    return url.toString();
  }
}

/**
 * A short-lived client of the embedded central. PGlite serves one session: when the server side
 * ends a connection, an idle client without a listener would throw the error where nobody
 * catches it; a query in flight still rejects with it.
 */
function demoClient(url: string): pg.Client {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  return client;
}
