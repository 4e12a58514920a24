import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { centralWithClient } from '../../support/central-fixture';

function seed(url: string, customers: number, seedValue: number) {
  return spawnSync(
    process.execPath,
    [
      'out/main/cli.js',
      'demo',
      'seed',
      '--url',
      `${url}?sslmode=disable`,
      '--customers',
      String(customers),
      '--seed',
      String(seedValue),
      '--json',
    ],
    { encoding: 'utf8' },
  );
}

describe('reflect demo seed', () => {
  it('writes the same customers, children and duplicate truth for the same seed', async () => {
    const first = await centralWithClient();
    const second = await centralWithClient();
    for (const { database } of [first, second]) {
      const result = seed(database.url, 400, 99);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ customers: 400, seed: 99 });
    }
    const digest = `SELECT md5(string_agg(c::text, ',' ORDER BY customer_id)) AS customers,
      (SELECT md5(string_agg(e::text, ',' ORDER BY event_id)) FROM reflect.events e) AS events,
      (SELECT count(*) FROM reflect_demo.duplicate_truth)::int AS duplicates
      FROM reflect.customers c`;
    const a = (await first.central.query(digest)).rows[0] as { duplicates: number };
    const b = (await second.central.query(digest)).rows[0];
    expect(a).toEqual(b);
    expect(a.duplicates).toBeGreaterThan(0);

    // Seeded through the identity columns' sequences, so later inserts do not collide.
    await first.central.query(`INSERT INTO reflect.customers (name) VALUES ('After Seed')`);
  });

  it('refuses a nonsensical size', () => {
    const result = seed('postgres://x@127.0.0.1:1/x', 0, 1);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--customers must be a positive whole number/);
  });
});
