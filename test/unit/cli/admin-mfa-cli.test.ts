import { describe, expect, it } from 'vitest';
import { createLoginRole, createTestDatabase } from '../../support/postgres-database';
import { reflectCli } from '../../support/reflect-cli';
import { base32Decode, centralSeconds, totp } from '../../support/totp';

describe('reflect central mfa and --totp', () => {
  it('enrols, confirms, and takes --totp for an admin change', { timeout: 90_000 }, async () => {
    const database = await createTestDatabase({ central: true });
    const owner = await database.connect();
    const url = `${await createLoginRole(database, 'reflect_admin')}?sslmode=disable`;

    const enrolled = reflectCli(['central', 'mfa', 'enrol', '--url', url]);
    expect(enrolled.stderr).toBe('');
    expect(enrolled.code).toBe(0);
    const key = /key: ([A-Z2-7]{32})/.exec(enrolled.stdout)?.[1] ?? '';
    expect(enrolled.stdout).toContain(`otpauth://totp/Reflect%20Privacy%20Desk:officer_`);
    const secret = base32Decode(key);

    const now = await centralSeconds(owner);
    const confirmed = reflectCli([
      'central',
      'mfa',
      'confirm',
      '--url',
      url,
      '--totp',
      totp(secret, now),
    ]);
    expect(confirmed.stderr).toBe('');
    expect(confirmed.stdout).toContain('Two-step codes are on for this login.');

    const set = (extra: string[]) =>
      reflectCli([
        'central',
        'erasure-policy',
        'set',
        '--url',
        url,
        '--table',
        'reflect.orders',
        '--strategy',
        'retain',
        '--legal-basis',
        'tax law',
        '--years',
        '10',
        '--from',
        'placed_at',
        '--then',
        'delete',
        ...extra,
      ]);
    const without = set([]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/erasure\.set-policy" needs a fresh two-step code/);
    expect(set(['--totp', '12a456']).stderr).toContain('--totp is the six-digit code.');
    const withCode = set(['--totp', totp(secret, now + 30)]);
    expect(withCode.stderr).toBe('');
    expect(withCode.stdout).toContain('Saved.');
    // The same code again is a replay.
    const again = set(['--totp', totp(secret, now + 30)]);
    expect(again.stderr).toMatch(/used already/);

    // An alert rule is a policy too: an enrolled administrator changes it with a fresh code. A
    // second administrator, so its codes are not the steps the first one spent.
    const second = `${await createLoginRole(database, 'reflect_admin')}?sslmode=disable`;
    const secondKey =
      /key: ([A-Z2-7]{32})/.exec(
        reflectCli(['central', 'mfa', 'enrol', '--url', second]).stdout,
      )?.[1] ?? '';
    const secondSecret = base32Decode(secondKey);
    const at = await centralSeconds(owner);
    expect(
      reflectCli(['central', 'mfa', 'confirm', '--url', second, '--totp', totp(secondSecret, at)])
        .stderr,
    ).toBe('');
    const rule = (extra: string[]) =>
      reflectCli([
        'central',
        'alerts',
        'rules',
        'set',
        '--url',
        second,
        '--rule',
        'profile_views',
        '--threshold',
        '250',
        ...extra,
      ]);
    expect(rule([]).stderr).toMatch(/alerts\.set-rule" needs a fresh two-step code/);
    expect(rule(['--totp', totp(secondSecret, at + 30)]).stderr).toBe('');
    const threshold = await owner.query<{ threshold: number }>(
      `SELECT threshold FROM reflect.alert_rules WHERE kind = 'profile_views'`,
    );
    expect(threshold.rows).toEqual([{ threshold: 250 }]);
  });
});
