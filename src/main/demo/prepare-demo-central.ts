import type pg from 'pg';
import type { DemoStartStep } from '../../shared/demo-start';
import { installCentral } from '../central/install';
import { DEMO_CUSTOMERS, DEMO_SEED } from './demo-population';
import { seedDemoRecords } from './demo-records';
import { actAsDemoLogin, ensureDemoOfficers } from './demo-officers';
import { seedCentral, writeDuplicateTruth } from './seed-central';
import { duplicateTruth, generateCustomers } from './synthetic-data';

/**
 * Brings a demo central up to date: every central migration, the two demo logins, and (when no
 * customer is there yet) the synthetic population with its duplicate truth. Running it again
 * changes nothing, so it runs at every start, over a prepared copy as over an empty cluster.
 */
export async function prepareDemoCentral(
  client: pg.ClientBase,
  onStep?: (step: DemoStartStep) => void,
): Promise<void> {
  // Installing and seeding are the embedded server's own work, whoever worked before.
  await actAsDemoLogin(client, null);
  onStep?.({ step: 'install-schema' });
  const { from } = await installCentral(client);
  await ensureDemoOfficers(client);
  await seedDemoRecords(client);
  const empty = await client.query<{ n: string }>('SELECT count(*) AS n FROM reflect.customers');
  if (from !== 0 && empty.rows[0]?.n !== '0') return;
  const options = { customers: DEMO_CUSTOMERS, seed: DEMO_SEED };
  onStep?.({ step: 'seed', done: 0, total: DEMO_CUSTOMERS });
  await seedCentral(client, generateCustomers(options), (done) =>
    onStep?.({ step: 'seed', done, total: DEMO_CUSTOMERS }),
  );
  onStep?.({ step: 'duplicate-truth' });
  await writeDuplicateTruth(client, duplicateTruth(options));
}
