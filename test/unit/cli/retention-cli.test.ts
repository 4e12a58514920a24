import { describe, expect, it } from 'vitest';
import { confirmEnrolment, enrolAdmin } from '../../../src/main/central/admin-mfa';
import { createLoginRole, createTestDatabase } from '../../support/postgres-database';
import { reflectCli } from '../../support/reflect-cli';
import { base32Decode, centralSeconds, totp } from '../../support/totp';

const urlOf = (url: string) => `${url}?sslmode=disable`;
const cli = (...args: string[]) => reflectCli(['central', ...args]);

describe('reflect central retention and hold', () => {
  it('lists, confirms, previews, holds, runs and logs by role, through the built CLI', async () => {
    const database = await createTestDatabase({ central: true });
    const owner = await database.connect();
    // Dated from central's own clock, as the CLI's runs are.
    await owner.query(`
      INSERT INTO reflect.customers (customer_id, name) VALUES (1, 'Ann Alder'), (2, 'Ben Birch');
      INSERT INTO reflect.orders (order_id, customer_id, placed_at, status, total_cents, currency) VALUES
        (11, 1, now() - interval '8 years', 'paid', 1, 'EUR'), (12, 2, now() - interval '9 years', 'paid', 1, 'EUR'),
        (13, 2, now() - interval '1 year', 'paid', 1, 'EUR');`);
    const adminUrl = await createLoginRole(database, 'reflect_admin');
    const admin = urlOf(adminUrl);
    const officer = urlOf(await createLoginRole(database, 'reflect_officer'));
    const approver = urlOf(await createLoginRole(database, 'reflect_approver'));

    const listed = cli('retention', 'list', '--url', officer);
    expect(listed.stdout).toMatch(
      /Policy (\d+): transactional data \(orders\): kept 7 years after the event, then deleted \(not confirmed: removes nothing yet\)/,
    );
    expect(listed.stdout).toContain('Schedule: off');
    const policy = /Policy (\d+): transactional/.exec(listed.stdout)?.[1] ?? '';

    expect(cli('retention', 'preview', '--url', admin).stdout).toMatch(
      /^Next run removes 0 rows\. 1 unconfirmed policy would remove 2 more once confirmed\./,
    );
    const refused = cli('retention', 'confirm', '--url', officer, '--policy', policy);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('needs the role "reflect_admin"');
    expect(cli('retention', 'confirm', '--url', admin, '--policy', policy)).toMatchObject({
      code: 0,
      stdout: `Policy ${policy} is confirmed.\n`,
    });

    const viewerHold = cli(
      'hold',
      'place',
      '--url',
      officer,
      '--customer',
      '2',
      '--reason',
      'Audit',
    );
    expect(viewerHold.stderr).toContain('reflect_approver');
    const placed = cli(
      'hold',
      'place',
      '--url',
      approver,
      '--customer',
      '2',
      '--reason',
      'Tax audit 2031',
    );
    expect(placed).toMatchObject({ code: 0 });
    expect(placed.stdout).toContain('Legal hold placed on customer:2');
    expect(
      cli('hold', 'place', '--url', approver, '--customer', '2', '--reason', 'x'.repeat(600))
        .stderr,
    ).toMatch(/longer than 500 characters/);

    expect(cli('retention', 'preview', '--url', admin).stdout).toMatch(
      /^Next run removes 1 row; 1 held back by a legal hold\.\n.*\n {2}reflect\.orders \(transactional, 7 years, delete\): 1 due, 1 held; first ids 11/,
    );
    // The schedule is off: a plain run does nothing; --now is the administrator's.
    expect(cli('retention', 'run', '--url', admin).stdout).toMatch(
      /The schedule is off: nothing ran/,
    );
    expect(cli('retention', 'run', '--url', officer, '--now').stderr).toContain(
      'running retention now needs the role "reflect_admin"',
    );
    expect(cli('retention', 'run', '--url', admin, '--now').stdout).toMatch(
      /^Retention run \d+: 1 row\(s\) deleted, 0 anonymised, 1 skipped for a legal hold\./,
    );
    const holds = cli('hold', 'list', '--url', officer, '--customer', '2');
    const hold = /Hold (\d+) on customer 2, placed .* \(live\): Tax audit 2031/.exec(
      holds.stdout,
    )?.[1];
    expect(hold).toBeDefined();
    expect(cli('hold', 'release', '--url', approver, '--hold', hold ?? '')).toMatchObject({
      code: 0,
      stdout: `Legal hold ${hold} released.\n`,
    });
    expect(cli('retention', 'run', '--url', admin, '--now').stdout).toMatch(
      /: 1 row\(s\) deleted, 0 anonymised, 0 skipped/,
    );
    const runs = cli('retention', 'runs', '--url', officer);
    expect(runs.stdout.trim().split('\n')).toHaveLength(2);
    expect(runs.stdout).toMatch(
      /\(manual\): 1 deleted, 0 anonymised, 0 held; reflect\.orders 1 \(first 12\)/,
    );
    expect(runs.stdout).not.toContain('Ben');

    const badKeep = cli(
      'retention',
      'set',
      '--url',
      admin,
      '--table',
      'reflect.addresses',
      '--keep',
      '3 weeks',
    );
    expect(badKeep.stderr).toContain('--keep is a period such as 7y');
    const unknown = cli(
      'retention',
      'set',
      '--url',
      admin,
      '--table',
      'reflect.gossip',
      '--keep',
      '3y',
    );
    expect(unknown.stderr).toContain('Central refused: the table does not exist');

    // An enrolled administrator's change takes --totp.
    const client = await database.connect(adminUrl);
    const secret = base32Decode((await enrolAdmin(client)).secretBase32);
    const now = await centralSeconds(client);
    await confirmEnrolment(client, totp(secret, now));
    const set = ['retention', 'set', '--url', admin, '--category', 'behavioural', '--keep', '30d'];
    expect(cli(...set).stderr).toContain('needs a fresh two-step code');
    expect(cli(...set, '--totp', totp(secret, now + 30))).toMatchObject({
      code: 0,
      stdout: 'Saved and confirmed. It applies from the next run.\n',
    });
    expect(
      cli('retention', 'schedule', '--url', admin, '--enabled', 'yes', '--at', '03:15').stderr,
    ).toContain('needs a fresh two-step code');
  }, 120_000);
});
