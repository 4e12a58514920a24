import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseLogins } from '../../support/central-case-logins';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';

/** Runs the built `reflect` CLI as a user would, in its own process. */
function reflect(args: string[]) {
  const result = spawnSync(process.execPath, ['out/main/cli.js', ...args], {
    input: '',
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A workspace of its own, connected to central as `url`'s login and synced. */
function deskFor(url: string, name: string): (args: string[]) => ReturnType<typeof reflect> {
  const dir = join(tempDir(), name);
  const run = (args: string[]) => reflect([...args, '--data-dir', dir]);
  expect(run(['workspace', 'create', '--name', name]).code).toBe(0);
  expect(run(['central', 'connect', '--url', `${url}?sslmode=disable`]).code).toBe(0);
  expect(run(['sync', '--once']).code).toBe(0);
  return run;
}

describe('reflect CLI: erasure policies and an erasure from preview to execution', () => {
  it('lists and sets policies as an administrator, previews, approves and executes a plan', async () => {
    const { database, central, people, caseAwaitingApproval } = await caseLogins();
    await central.query(`
      CREATE TABLE public.loyalty_cards (
        card_id bigint PRIMARY KEY, customer_id bigint REFERENCES reflect.customers (customer_id),
        holder text);
      INSERT INTO public.loyalty_cards VALUES (1, 2, 'Person 2')`);
    const admin = `${await createLoginRole(database, 'reflect_admin')}?sslmode=disable`;

    const before = reflect(['central', 'erasure-policy', 'list', '--url', admin]);
    expect(before.code).toBe(3);
    expect(before.stdout).toMatch(/public\.loyalty_cards\s+NO POLICY/);
    expect(before.stdout).toMatch(/reflect\.orders\s+retain 10 years from placed_at, then delete/);
    const refused = reflect([
      'central',
      'erasure-policy',
      'set',
      '--url',
      admin,
      '--table',
      'public.loyalty_cards',
      '--strategy',
      'anonymise',
      '--column',
      'holder=fixed:',
      '--column',
      'nope=null',
    ]);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/has no column nope/) });
    expect(
      reflect([
        'central',
        'erasure-policy',
        'set',
        '--url',
        admin,
        '--table',
        'public.loyalty_cards',
        '--strategy',
        'anonymise',
        '--column',
        'holder=hash',
      ]).stdout,
    ).toMatch(/Saved/);
    expect(reflect(['central', 'erasure-policy', 'list', '--url', admin]).code).toBe(0);

    const caseId = await caseAwaitingApproval('erasure', [2]);
    const approver = deskFor(people.other.url, 'approver');
    const preview = approver(['case', 'erasure-preview', '--case', caseId]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(
      /public\.loyalty_cards\s+1 row\(s\)\s+anonymise holder=hash, unlink customer_id/,
    );
    const hash = /Plan hash: ([0-9a-f]{64})/.exec(preview.stdout)?.[1] ?? '';
    expect(approver(['case', 'approve', '--case', caseId]).stderr).toMatch(
      /open the erasure preview/,
    );
    expect(approver(['case', 'approve', '--case', caseId, '--plan', hash]).code).toBe(0);
    expect(approver(['sync', '--once']).code).toBe(0);

    const officer = deskFor(people.creator.url, 'officer');
    const erased = officer(['case', 'erase', '--case', caseId, '--plan', hash]);
    expect(erased).toMatchObject({ code: 0, stdout: expect.stringMatching(/erasure\s+by /) });
    const card = await central.query<{ customer_id: number | null; holder: string }>(
      'SELECT customer_id, holder FROM public.loyalty_cards',
    );
    expect(card.rows[0]).toMatchObject({ customer_id: null });
    expect(card.rows[0]?.holder).toMatch(/^[0-9a-f]{64}$/);
    // Every step is a process of its own that opens the workspace: slow on a busy machine.
  }, 180_000);

  it('proposes a package, approves the hash the approver saw, and writes only that package', async () => {
    const { people, op, version, caseInProgress } = await caseLogins();
    const caseId = await caseInProgress('access', [2]);
    const officer = deskFor(people.requester.url, 'officer');
    const withhold = ['--redact', 'customers.phone=shared household line'];
    const proposed = officer(['case', 'propose-export', '--case', caseId, ...withhold]);
    expect(proposed.code).toBe(0);
    expect(proposed.stdout).toMatch(/customers\.phone: shared household line/);
    const hash = /Package hash: ([0-9a-f]{64})/.exec(proposed.stdout)?.[1] ?? '';
    expect(
      await op(people.requester.client, 'case.transition', {
        case_id: caseId,
        base_version: await version(caseId),
        to: 'awaiting_approval',
        reason: 'package proposed',
      }),
    ).toMatchObject({ status: 'applied' });

    const approver = deskFor(people.other.url, 'approver');
    const shown = approver(['case', 'package', '--case', caseId]);
    expect(shown).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Package hash: ${hash}`),
    });
    expect(approver(['case', 'approve', '--case', caseId]).stderr).toMatch(
      /open the package proposed/,
    );
    expect(approver(['case', 'approve', '--case', caseId, '--package', hash]).code).toBe(0);
    expect(approver(['sync', '--once']).code).toBe(0);

    expect(officer(['sync', '--once']).code).toBe(0);
    const out = (name: string) => ['--out', join(tempDir(), name), '--format', 'json'];
    expect(officer(['export', '--case', caseId, ...out('a')])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('This package is not the one approved'),
    });
    expect(officer(['export', '--case', caseId, ...out('b'), ...withhold]).code).toBe(0);
  }, 180_000);
});
