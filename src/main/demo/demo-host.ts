import { join } from 'node:path';
import pg from 'pg';
import { installCentral } from '../central/install';
import { startDemoCentral, type DemoCentral } from './demo-central';
import { seedCentral, writeDuplicateTruth } from './seed-central';
import { duplicateTruth, generateCustomers } from './synthetic-data';

/** Size of the demo population: enough for every screen to have data, small enough to seed in seconds. */
export const DEMO_CUSTOMERS = 3000;
export const DEMO_SEED = 20261122;

/**
 * Runs the demo workspace's central database next to the desk: started when a demo workspace is
 * unlocked, installed and seeded the first time, stopped when it locks.
 */
export class DemoHost {
  private central: DemoCentral | null = null;

  constructor(private readonly dataDir: string) {}

  /** Starts (and on first use installs and seeds) the demo central; returns its loopback URL. */
  async start(): Promise<string> {
    this.central ??= await startDemoCentral(join(this.dataDir, 'demo-central'));
    const client = new pg.Client({ connectionString: this.central.url });
    await client.connect();
    try {
      const { from } = await installCentral(client);
      const empty = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM reflect.customers',
      );
      if (from === 0 || empty.rows[0]?.n === '0') {
        const options = { customers: DEMO_CUSTOMERS, seed: DEMO_SEED };
        await seedCentral(client, generateCustomers(options));
        await writeDuplicateTruth(client, duplicateTruth(options));
      }
    } finally {
      await client.end();
    }
    return this.central.url;
  }

  async stop(): Promise<void> {
    const central = this.central;
    this.central = null;
    await central?.stop();
  }
}
