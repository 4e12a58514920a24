import { join } from 'node:path';
import pg from 'pg';
import { installCentral } from '../central/install';
import { startDemoCentral, type DemoCentral } from './demo-central';
import { actAsDemoLogin, DEMO_OFFICERS, ensureDemoOfficers, type DemoLogin } from './demo-officers';
import { seedCentral, writeDuplicateTruth } from './seed-central';
import { duplicateTruth, generateCustomers } from './synthetic-data';

/** Size of the demo population: enough for every screen to have data, small enough to seed in seconds. */
export const DEMO_CUSTOMERS = 3000;
export const DEMO_SEED = 20261122;

/** The steps of starting the demo central, in order; `seed` reports customers written so far. */
export type DemoStartStep =
  | { step: 'start-database' }
  | { step: 'install-schema' }
  | { step: 'seed'; done: number; total: number }
  | { step: 'duplicate-truth' }
  | { step: 'ready' };

/**
 * Runs the demo workspace's central database next to the desk: started when a demo workspace is
 * unlocked, installed and seeded the first time, stopped when it locks.
 */
export class DemoHost {
  private central: DemoCentral | null = null;

  constructor(private readonly dataDir: string) {}

  /**
   * Starts (and on first use installs and seeds) the demo central; returns its loopback URL.
   * `onStep` hears each step as it begins, so a first run can say what it is doing.
   */
  async start(
    onStep?: (step: DemoStartStep) => void,
    login: DemoLogin = DEMO_OFFICERS[0].login,
  ): Promise<string> {
    onStep?.({ step: 'start-database' });
    this.central ??= await startDemoCentral(join(this.dataDir, 'demo-central'));
    const client = new pg.Client({ connectionString: this.central.url });
    await client.connect();
    try {
      // Installing and seeding are the embedded server's own work, whoever worked before.
      await actAsDemoLogin(client, null);
      onStep?.({ step: 'install-schema' });
      const { from } = await installCentral(client);
      await ensureDemoOfficers(client);
      const empty = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM reflect.customers',
      );
      if (from === 0 || empty.rows[0]?.n === '0') {
        const options = { customers: DEMO_CUSTOMERS, seed: DEMO_SEED };
        onStep?.({ step: 'seed', done: 0, total: DEMO_CUSTOMERS });
        await seedCentral(client, generateCustomers(options), (done) =>
          onStep?.({ step: 'seed', done, total: DEMO_CUSTOMERS }),
        );
        onStep?.({ step: 'duplicate-truth' });
        await writeDuplicateTruth(client, duplicateTruth(options));
      }
      await actAsDemoLogin(client, login);
    } finally {
      await client.end();
    }
    onStep?.({ step: 'ready' });
    return this.urlFor(login);
  }

  /**
   * Works as the other demo officer from now on: the shared session takes their login, and the
   * URL returned names them, so the desk's own records say who acted.
   */
  async actAs(login: DemoLogin): Promise<string> {
    if (!this.central) throw new Error('The demo central is not running.');
    const client = new pg.Client({ connectionString: this.central.url });
    await client.connect();
    try {
      await actAsDemoLogin(client, login);
    } finally {
      await client.end();
    }
    return this.urlFor(login);
  }

  private urlFor(login: DemoLogin): string {
    const url = new URL(this.central?.url ?? '');
    url.username = login;
    return url.toString();
  }

  async stop(): Promise<void> {
    const central = this.central;
    this.central = null;
    await central?.stop();
  }
}
