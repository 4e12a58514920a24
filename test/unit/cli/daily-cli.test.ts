import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexStaleCustomers } from '../../../src/main/search/search-indexer';
import { createServices } from '../../../src/main/services';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { reflectCli } from '../../support/reflect-cli';
import { writeBundles } from '../../support/synthetic-replica';
import { tempDir } from '../../support/temp-dir';

describe('the daily work from the command line', () => {
  it('finds a person, opens a request, takes it through its steps, merges and lists conflicts', async () => {
    const dir = join(tempDir(), 'ws');
    const reflect = (...args: string[]) => reflectCli([...args, '--data-dir', dir]);
    expect(reflect('workspace', 'create', '--name', 'Batch').code).toBe(0);
    const services = createServices({ dataDir: dir, version: '0.0.0-test', actor: 'cli.test' });
    await services.workspace.unlock({});
    const people = [...generateCustomers({ customers: 40, seed: 5 })];
    const raw = services.workspace.requireOpen().replica.raw;
    writeBundles(raw, people, ['addresses']);
    // As a sync does after writing rows.
    indexStaleCustomers(raw);
    await services.workspace.close();
    const person = people[0]?.customer;
    if (!person?.email) throw new Error('the generator gave the first person no email');

    const found = reflect('search', person.email, '--json');
    expect(found.code).toBe(0);
    const hits = (JSON.parse(found.stdout) as { hits: { customerId: number }[] }).hits;
    expect(hits[0]?.customerId).toBe(person.customer_id);
    expect(reflect('search', person.name).stdout).toContain(person.name);
    expect(reflect('search').stderr).toMatch(/^error INVALID_INPUT: Give what to search for/m);

    const profile = reflect('profile', '--customer', String(person.customer_id));
    expect(profile.stdout).toContain(`Customer ${person.customer_id}: ${person.name}`);
    expect(reflect('profile', '--customer', 'x').stderr).toMatch(/--customer ID is required/);

    const created = reflect(
      'case',
      'create',
      '--type',
      'access',
      '--name',
      person.name,
      '--email',
      person.email,
      '--received',
      '2026-11-30T10:00:00+01:00',
      '--zone',
      'Europe/Berlin',
      '--json',
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const caseId = (JSON.parse(created.stdout) as { caseId: string }).caseId;
    expect(reflect('case', 'create', '--type', 'access').stderr).toMatch(/--type and --name/);

    const act = (...args: string[]) => reflect('case', 'act', '--case', caseId, ...args);
    expect(act('--action', 'transition', '--to', 'verifying_identity').code).toBe(0);
    expect(
      act('--action', 'verify', '--method', 'identity_document', '--evidence', 'passport seen')
        .code,
    ).toBe(0);
    expect(act('--action', 'link', '--customer', String(person.customer_id)).code).toBe(0);
    expect(act('--action', 'note', '--note', 'called the requester back').code).toBe(0);
    expect(act('--action', 'assign', '--assignee', 'cli.test').code).toBe(0);
    // The services' own checks speak through the command line unchanged.
    expect(act('--action', 'transition', '--to', 'fulfilled').stderr).toMatch(/^error /m);
    expect(act('--action', 'verify', '--method', 'telepathy', '--evidence', 'x').stderr).toMatch(
      /^error INVALID_INPUT: Invalid input for cases:act/m,
    );
    expect(act('--action', 'dance').stderr).toMatch(/--action is one of transition/);

    const shown = JSON.parse(reflect('case', 'show', '--case', caseId, '--json').stdout) as {
      status: string;
      assignee: string;
      subjects: { customerId: number }[];
      timeline: { kind: string }[];
    };
    expect(shown.status).toBe('verifying_identity');
    expect(shown.assignee).toBe('cli.test');
    expect(shown.subjects.map((s) => s.customerId)).toEqual([person.customer_id]);
    expect(shown.timeline.map((e) => e.kind)).toContain('note');

    const [a, b] = people.slice(1, 3).map((p) => p.customer.customer_id);
    const merged = reflect('merge', String(a), String(b), '--survivor', String(b));
    expect(merged.stdout).toMatch(
      new RegExp(`^Merged ${a} into ${b} \\(undo: reflect merges undo `),
    );
    expect(reflect('merges', 'list').stdout).toContain(String(b));
    expect(reflect('merge', String(a)).stderr).toMatch(/at least two customer numbers/);

    expect(reflect('conflicts', 'list').stdout).toBe('No conflicts.\n');
    expect(reflect('conflicts', 'resolve', '7', '--resolution', 'keep').stderr).toMatch(
      /--resolution is reapply or discard/,
    );
    expect(reflect('conflicts', 'resolve', '7', '--resolution', 'discard').code).toBe(1);
    // About twenty-five commands, each a process of its own that opens the replica.
  }, 180_000);
});
