import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperation, type OperationKind } from '../../../src/main/central/operations';
import { DemoHost } from '../../../src/main/demo/demo-host';
import {
  actAsDemoLogin,
  DEMO_OFFICERS,
  type DemoLogin,
} from '../../../src/main/demo/demo-officers';

describe('the demo central has two officers, and four eyes holds between them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reflect-demo-officers-'));
  const host = new DemoHost(dir);
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: await host.start() });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await actAsDemoLogin(client, null);
    await client.end();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the two logins with the roles of a real install', async () => {
    const roles = await client.query<{ login: string; role: string }>(
      `SELECT m.rolname AS login, g.rolname AS role FROM pg_auth_members a
       JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid
       WHERE m.rolname LIKE 'demo\\_%' ORDER BY 1`,
    );
    expect(roles.rows).toEqual(DEMO_OFFICERS.map(({ login, role }) => ({ login, role })));
    // Starting again (the next unlock) leaves them as they are.
    await client.end();
    await host.stop();
    client = new pg.Client({ connectionString: await host.start() });
    await client.connect();
    const again = await client.query(`SELECT 1 FROM pg_roles WHERE rolname LIKE 'demo\\_%'`);
    expect(again.rowCount).toBe(2);
  }, 120_000);

  /** Prepares an erasure case as `login`, up to asking for approval; returns how to decide it. */
  const prepareErasure = async (login: DemoLogin, subject: number) => {
    const caseId = randomUUID();
    const step = async (kind: OperationKind, payload: Record<string, unknown>) =>
      applyOperation(client, {
        opId: randomUUID(),
        kind,
        payload: { case_id: caseId, event_id: randomUUID(), ...payload },
      });
    const version = async () =>
      Number(
        (
          await client.query<{ version: number }>(
            'SELECT version FROM reflect.cases WHERE case_id = $1',
            [caseId],
          )
        ).rows[0]?.version,
      );
    await actAsDemoLogin(client, login);
    expect((await client.query('SELECT session_user::text AS u')).rows[0]).toEqual({
      u: login,
    });
    for (const [kind, payload] of [
      [
        'case.create',
        {
          jurisdiction: 'gdpr',
          request_type: 'erasure',
          channel: 'email',
          requester: { names: ['A Requester'], emails: [], phones: [] },
          received_at: '2027-02-01T10:00:00Z',
          time_zone: 'Europe/Paris',
          subject_ids: [subject],
        },
      ],
      ['case.verify', { method: 'identity_document', evidence: 'passport checked' }],
      ['case.transition', { to: 'in_progress' }],
      ['case.transition', { to: 'awaiting_approval', reason: 'ready' }],
    ] as const) {
      const base = kind === 'case.create' ? {} : { base_version: await version() };
      expect(await step(kind, { ...base, ...payload })).toMatchObject({ status: 'applied' });
    }
    const planHash = (
      await client.query<{ hash: string }>('SELECT reflect.erasure_preview($1) ->> $2 AS hash', [
        caseId,
        'hash',
      ])
    ).rows[0]?.hash;
    expect(planHash).toMatch(/\w{16,}/);
    const decide = async () =>
      step('case.decide-approval', {
        base_version: await version(),
        decision: 'approved',
        note: null,
        plan_hash: planHash,
      });

    return { caseId, planHash, decide };
  };

  it('lets Sam approve the erasure Alex prepared, refuses Alex approving it, and Alex executes it', async () => {
    const subject = 7;
    const { caseId, planHash, decide } = await prepareErasure('demo_alex', subject);

    // Alex has not the approver role: central refuses.
    await expect(decide()).rejects.toThrow(/needs the role "reflect_approver"/);
    // Sam may approve, and does.
    await actAsDemoLogin(client, 'demo_sam');
    expect(await decide()).toMatchObject({ status: 'applied' });
    const approved = await client.query<{ status: string }>(
      'SELECT status FROM reflect.cases WHERE case_id = $1',
      [caseId],
    );
    expect(approved.rows[0]?.status).not.toBe('awaiting_approval');

    // Back as Alex, the approved erasure is executed.
    await actAsDemoLogin(client, 'demo_alex');
    const erased = await applyOperation(client, {
      opId: randomUUID(),
      kind: 'case.erase',
      payload: { case_id: caseId, plan_hash: planHash },
    });
    expect(erased).toMatchObject({ status: 'applied' });
    const left = await client.query('SELECT 1 FROM reflect.customers WHERE customer_id = $1', [
      subject,
    ]);
    expect(left.rowCount).toBe(0);
  }, 120_000);

  it('refuses Sam approving an erasure Sam worked on himself (four eyes, checked centrally)', async () => {
    const { caseId, decide } = await prepareErasure('demo_sam', 8);
    expect(await decide()).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/four eyes: demo_sam worked this case/),
    });
    const still = await client.query<{ status: string }>(
      'SELECT status FROM reflect.cases WHERE case_id = $1',
      [caseId],
    );
    expect(still.rows[0]?.status).toBe('awaiting_approval');
  }, 120_000);

  it('refuses to act as anyone but a demo login', async () => {
    await expect(actAsDemoLogin(client, 'postgres' as never)).rejects.toThrow(/not a demo login/);
  });
});
