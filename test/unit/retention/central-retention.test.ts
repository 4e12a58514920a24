import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { confirmEnrolment, enrolAdmin } from '../../../src/main/central/admin-mfa';
import { applyOperation, type OperationKind } from '../../../src/main/central/operations';
import {
  policyPayload,
  previewRetention,
  readRuns,
  runRetention,
  runRetentionIfDue,
} from '../../../src/main/retention/central-retention';
import { createRoleLogin } from '../../support/central-role-login';
import { createTestDatabase, type TestDatabase } from '../../support/postgres-database';
import { base32Decode, centralSeconds, totp } from '../../support/totp';

// A fixed clock: every age below is measured from it, never from the wall clock.
const NOW = new Date('2030-06-01T00:00:00Z');
const CASE_ID = '11111111-2222-4333-8444-555555555555';

/** Four people and their rows, dated around the 7-year and 90-day lines seen from NOW. */
async function seeded(): Promise<{ database: TestDatabase; owner: pg.Client }> {
  const database = await createTestDatabase({ central: true });
  const owner = await database.connect();
  await owner.query(`
    INSERT INTO reflect.customers (customer_id, name, email, last_active) VALUES
      (1, 'Ann Alder', 'ann@example.org', '2022-01-01'), (2, 'Ben Birch', 'ben@example.org', '2030-05-01'),
      (3, 'Cat Cedar', 'cat@example.org', '2020-01-01'), (4, 'Dan Dogwood', NULL, NULL);
    INSERT INTO reflect.orders (order_id, customer_id, placed_at, status, total_cents, currency) VALUES
      (101, 1, '2020-01-01', 'paid', 100, 'EUR'), (102, 1, '2025-01-01', 'paid', 100, 'EUR'),
      (103, 2, '2021-05-01', 'paid', 100, 'EUR'), (104, 3, '2019-01-01', 'paid', 100, 'EUR'),
      (105, NULL, '2010-01-01', 'paid', 100, 'EUR'), (106, 4, '2023-06-02', 'paid', 100, 'EUR');
    INSERT INTO reflect.events (event_id, customer_id, event_type, occurred_at) VALUES
      (201, 1, 'page_view', '2030-01-01'), (202, 1, 'page_view', '2030-05-20'), (203, 3, 'login', '2029-01-01');
    INSERT INTO reflect.consents (consent_id, customer_id, purpose, granted, source, updated_at) VALUES
      (301, 1, 'newsletter', true, 'web form', '2021-01-01'), (302, 2, 'newsletter', true, 'web form', '2030-01-01');
    INSERT INTO reflect.case_request_types (jurisdiction, request_type)
      SELECT 'gdpr', 'access' WHERE NOT EXISTS (SELECT 1 FROM reflect.case_request_types WHERE jurisdiction = 'gdpr' AND request_type = 'access');
    INSERT INTO reflect.cases (case_id, reference, jurisdiction, request_type, channel, requester, received_at, time_zone, subject_ids, created_by)
      VALUES ('${CASE_ID}', 'LIT-1', 'gdpr', 'access', 'email', '{}', '2030-01-01', 'UTC', '{3}', 'test');
  `);
  return { database, owner };
}

async function op(client: pg.ClientBase, kind: OperationKind, payload: Record<string, unknown>) {
  return applyOperation(client, { opId: randomUUID(), kind, payload });
}

const ids = async (client: pg.ClientBase, sql: string) =>
  (await client.query<{ id: string }>(sql)).rows.map((r) => Number(r.id));

async function policyId(client: pg.ClientBase, category: string): Promise<string> {
  const r = await client.query<{ id: string }>(
    'SELECT id::text FROM reflect.retention_policies WHERE category = $1',
    [category],
  );
  return r.rows[0]?.id ?? '';
}

describe('central retention', () => {
  it('installs the seed defaults unconfirmed, and an unconfirmed policy removes nothing', async () => {
    const { owner } = await seeded();
    const policies = await owner.query(
      'SELECT category, keep_days, period_text, anchor, action, confirmed FROM reflect.retention_policies ORDER BY category',
    );
    expect(policies.rows).toEqual([
      {
        category: 'behavioural',
        keep_days: 90,
        period_text: '90 days',
        anchor: 'event',
        action: 'delete',
        confirmed: false,
      },
      {
        category: 'transactional',
        keep_days: 2555,
        period_text: '7 years',
        anchor: 'event',
        action: 'delete',
        confirmed: false,
      },
    ]);
    const preview = await previewRetention(owner, NOW);
    expect(preview.removes).toBe(0);
    const orders = preview.policies.find((p) => p.table === 'reflect.orders');
    // Shown as what it would do, so the administrator confirms knowing it.
    expect(orders).toMatchObject({
      confirmed: false,
      due: 4,
      firstIds: ['101', '103', '104', '105'],
    });
    const run = await runRetention(owner, NOW);
    expect(run).toMatchObject({ status: 'done', deleted: 0, anonymised: 0 });
    expect(await ids(owner, 'SELECT order_id AS id FROM reflect.orders ORDER BY 1')).toEqual([
      101, 102, 103, 104, 105, 106,
    ]);
  });

  it('deletes only orders older than 7 years, skips held people and cases, and runs once', async () => {
    const { database, owner } = await seeded();
    const admin = (await createRoleLogin(database, owner, 'admin')).client;
    const approver = (await createRoleLogin(database, owner, 'approver')).client;
    expect(
      await op(admin, 'retention.confirm', { policy_id: await policyId(owner, 'transactional') }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await op(approver, 'legal-hold.place', { case_id: CASE_ID, reason: 'Court order 12/30' }),
    ).toMatchObject({ status: 'applied' });
    expect(
      await op(approver, 'legal-hold.place', { customer_id: '2', reason: 'Tax audit' }),
    ).toMatchObject({ status: 'applied' });
    // A second hold on the same person says so rather than stacking.
    expect(
      await op(approver, 'legal-hold.place', { customer_id: '2', reason: 'again' }),
    ).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/already under legal hold/),
    });

    const preview = await previewRetention(owner, NOW);
    expect(preview).toMatchObject({ removes: 2, held: 2 });
    expect(preview.policies.find((p) => p.table === 'reflect.orders')).toMatchObject({
      confirmed: true,
      due: 2,
      held: 2,
      firstIds: ['101', '105'],
    });

    const first = await runRetention(owner, NOW);
    expect(first).toMatchObject({ status: 'done', deleted: 2, skippedHeld: 2 });
    // 102 is younger than 7 years, 106 a day short of them; 103 and 104 are held.
    expect(await ids(owner, 'SELECT order_id AS id FROM reflect.orders ORDER BY 1')).toEqual([
      102, 103, 104, 106,
    ]);
    // The behavioural default is still unconfirmed: its events stay.
    expect(await ids(owner, 'SELECT event_id AS id FROM reflect.events ORDER BY 1')).toEqual([
      201, 202, 203,
    ]);
    const [logged] = await readRuns(owner);
    expect(logged).toMatchObject({
      status: 'done',
      trigger: 'manual',
      rowsDeleted: 2,
      skippedHeld: 2,
    });
    expect(logged?.policies).toEqual([
      expect.objectContaining({
        table: 'reflect.orders',
        removed: 2,
        held: 2,
        firstIds: ['101', '105'],
      }),
    ]);
    // Desks learn of the deletions from the change log.
    const logged101 = await owner.query<{ op: string }>(
      `SELECT op FROM reflect.change_log WHERE table_name = 'orders' AND pk = 101 ORDER BY seq DESC LIMIT 1`,
    );
    expect(logged101.rows[0]?.op).toBe('D');
    const audit = await owner.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM reflect.audit_log WHERE action = 'retention.run'`,
    );
    expect(audit.rows[0]?.details).toMatchObject({ deleted: 2, skippedHeld: 2 });

    // Idempotent: a second run finds nothing.
    expect(await runRetention(owner, NOW)).toMatchObject({ deleted: 0, skippedHeld: 2 });

    // Released, the held rows go at the next run.
    const holds = await owner.query<{ id: string }>(
      'SELECT id::text FROM reflect.legal_holds ORDER BY id',
    );
    for (const h of holds.rows) {
      expect(await op(approver, 'legal-hold.release', { hold_id: h.id })).toMatchObject({
        status: 'applied',
      });
    }
    expect(await op(approver, 'legal-hold.release', { hold_id: holds.rows[0]?.id })).toMatchObject({
      status: 'rejected',
    });
    expect(await runRetention(owner, NOW)).toMatchObject({ deleted: 2, skippedHeld: 0 });
    expect(await ids(owner, 'SELECT order_id AS id FROM reflect.orders ORDER BY 1')).toEqual([
      102, 106,
    ]);
  });

  it('anonymises: the row stays, unlinked from the person, with the erasure column rules applied', async () => {
    const { database, owner } = await seeded();
    const admin = (await createRoleLogin(database, owner, 'admin')).client;
    expect(
      await op(
        admin,
        'retention.set-policy',
        policyPayload({
          table: 'reflect.consents',
          keepAmount: 5,
          keepUnit: 'years',
          anchor: 'event',
          action: 'anonymise',
        }),
      ),
    ).toMatchObject({ status: 'applied' });
    expect(await runRetention(owner, NOW)).toMatchObject({ anonymised: 1, deleted: 0 });
    const rows = await owner.query(
      'SELECT consent_id, customer_id, source, purpose FROM reflect.consents ORDER BY consent_id',
    );
    expect(rows.rows).toEqual([
      // consents' erasure policy says source becomes "erased"; the same rule applies here.
      { consent_id: '301', customer_id: null, source: 'erased', purpose: 'newsletter' },
      { consent_id: '302', customer_id: '2', source: 'web form', purpose: 'newsletter' },
    ]);
    // Nobody is named by 301 any more: nothing is due again.
    expect(await runRetention(owner, NOW)).toMatchObject({ anonymised: 0 });
  });

  it('counts from the last activity, never earlier than the row itself', async () => {
    const { database, owner } = await seeded();
    const admin = (await createRoleLogin(database, owner, 'admin')).client;
    await op(
      admin,
      'retention.set-policy',
      policyPayload({
        category: 'behavioural',
        keepAmount: 1,
        keepUnit: 'years',
        anchor: 'last_activity',
        action: 'delete',
      }),
    );
    // Ann was last active 2022 but her events are from 2030: they are not a year old. Cat's
    // event of 2029-01-01 and her activity of 2020 are both over a year old, but she is held.
    await op(admin, 'legal-hold.place', { case_id: CASE_ID, reason: 'Litigation' });
    expect(await runRetention(owner, NOW)).toMatchObject({ deleted: 0, skippedHeld: 1 });
    await owner.query(`UPDATE reflect.legal_holds SET released_at = now(), released_by = 'x'`);
    expect(await runRetention(owner, NOW)).toMatchObject({ deleted: 1 });
    expect(await ids(owner, 'SELECT event_id AS id FROM reflect.events ORDER BY 1')).toEqual([
      201, 202,
    ]);
  });

  it('does the work once when two runs start together', async () => {
    const { database, owner } = await seeded();
    await owner.query('UPDATE reflect.retention_policies SET confirmed = true');
    const a = await database.connect();
    const b = await database.connect();
    const [x, y] = await Promise.all([runRetention(a, NOW), runRetention(b, NOW)]);
    const deleted = [x, y].map((r) => (r.status === 'done' ? r.deleted : -1)).sort();
    // 4 orders and 2 events are due; one run removes them, the other waits and finds nothing.
    expect(deleted).toEqual([0, 6]);
    // The schedule's run: one caller runs the slot, the other is told it is busy or done.
    await owner.query(
      `UPDATE reflect.retention_schedule SET enabled = true, every_days = 1, at_time = '02:00', time_zone = 'UTC', last_slot_done = NULL`,
    );
    await owner.query(
      `INSERT INTO reflect.events (event_id, customer_id, event_type, occurred_at) VALUES (204, 2, 'x', '2020-01-01')`,
    );
    const later = new Date('2030-06-01T03:00:00Z');
    const both = await Promise.all([runRetentionIfDue(a, later), runRetentionIfDue(b, later)]);
    expect(both.map((r) => r.status).sort()).toEqual(expect.arrayContaining(['done']));
    expect(both.filter((r) => r.status === 'done')).toHaveLength(1);
    expect(both.find((r) => r.status === 'done')).toMatchObject({ deleted: 1 });
    const runs = await readRuns(owner);
    expect(runs.filter((r) => r.trigger === 'schedule')).toHaveLength(1);
  });

  it('runs on schedule: once per slot, at the first call after it', async () => {
    const { database, owner } = await seeded();
    const admin = (await createRoleLogin(database, owner, 'admin')).client;
    const viewer = (await createRoleLogin(database, owner, 'viewer')).client;
    await owner.query('UPDATE reflect.retention_policies SET confirmed = true');
    expect(await runRetentionIfDue(viewer)).toEqual({ status: 'disabled' });
    expect(
      await op(admin, 'retention.set-schedule', {
        enabled: true,
        every_days: 1,
        at: '02:00',
        time_zone: 'UTC',
      }),
    ).toMatchObject({ status: 'applied' });
    // The slot already past when the schedule was set is not run; the first is the next one.
    expect(await runRetentionIfDue(viewer)).toMatchObject({ status: 'not-due' });
    const slot = new Date('2030-06-01T02:00:00Z');
    expect(await runRetentionIfDue(owner, new Date(slot.getTime() - 60_000))).toMatchObject({
      status: 'done',
    });
    expect(await runRetentionIfDue(owner, new Date(slot.getTime() - 30_000))).toMatchObject({
      status: 'not-due',
      nextSlot: '2030-06-01T02:00:00+00:00',
    });
    expect(await runRetentionIfDue(owner, new Date(slot.getTime() + 60_000))).toMatchObject({
      status: 'done',
      deleted: 0,
    });
    // Every three days in Berlin at 03:30: the next slot is a Berlin 03:30.
    await op(admin, 'retention.set-schedule', {
      enabled: true,
      every_days: 3,
      at: '03:30',
      time_zone: 'Europe/Berlin',
    });
    const preview = await previewRetention(owner, NOW);
    expect(preview.schedule).toMatchObject({
      everyDays: 3,
      at: '03:30',
      timeZone: 'Europe/Berlin',
    });
    expect(new Date(preview.schedule.nextSlot).toISOString()).toMatch(/T01:30:00\.000Z$/);
  });

  it('refuses by role, without a fresh two-step code, and bad input, all in central', async () => {
    const { database, owner } = await seeded();
    const viewer = (await createRoleLogin(database, owner, 'viewer')).client;
    const officer = (await createRoleLogin(database, owner, 'officer')).client;
    const admin = (await createRoleLogin(database, owner, 'admin')).client;
    const good = policyPayload({
      table: 'reflect.addresses',
      keepAmount: 3,
      keepUnit: 'years',
      anchor: 'last_activity',
      action: 'delete',
    });
    for (const client of [viewer, officer]) {
      await expect(op(client, 'retention.set-policy', good)).rejects.toThrow(
        /needs the role "reflect_admin"/,
      );
      await expect(op(client, 'retention.set-schedule', {})).rejects.toThrow(/reflect_admin/);
      await expect(runRetention(client)).rejects.toMatchObject({
        code: 'ROLE_REFUSED',
        message: expect.stringContaining('needs the role "reflect_admin"'),
      });
    }
    await expect(
      op(officer, 'legal-hold.place', { customer_id: '1', reason: 'x' }),
    ).rejects.toThrow(/reflect_approver/);
    await expect(previewRetention(viewer)).rejects.toMatchObject({ code: 'ROLE_REFUSED' });
    await expect(viewer.query('SELECT * FROM reflect.legal_holds')).rejects.toMatchObject({
      code: '42501',
    });
    // Nobody but the schema's owner moves the clock, so no login can purge early.
    await expect(runRetentionIfDue(viewer, new Date('2100-01-01'))).rejects.toThrow(
      /only the schema's owner/,
    );
    await expect(runRetention(admin, new Date('2100-01-01'))).rejects.toThrow(
      /only the schema's owner/,
    );
    await expect(previewRetention(officer)).resolves.toMatchObject({ removes: 0 });

    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ ...good, keep_amount: -5 }, /1 to 100 years/],
      [{ ...good, keep_amount: 0 }, /1 to 100 years/],
      [{ ...good, keep_amount: 101 }, /1 to 100 years/],
      [{ ...good, keep_unit: 'days', keep_amount: 40000 }, /1 to 36500 days/],
      [{ ...good, keep_amount: 2.5 }, /1 to 100 years/],
      [{ ...good, keep_unit: 'weeks' }, /days or years/],
      [{ ...good, table: 'reflect.nothing' }, /does not exist/],
      [{ ...good, table: 'reflect.customers' }, /erasure case/],
      [{ ...good, table: 'pg_catalog.pg_class; drop' }, /not a table name/],
      [{ ...good, table: 'x'.repeat(5000) }, /not a table name/],
      [
        {
          table: undefined,
          category: 'gossip',
          keep_amount: 1,
          keep_unit: 'days',
          anchor: 'event',
          action: 'delete',
        },
        /not a data category/,
      ],
      [{ ...good, category: 'transactional' }, /exactly one/],
      [{ ...good, anchor: 'birthday' }, /last activity/],
      [{ ...good, action: 'shred' }, /deleted or anonymised/],
      [{ ...good, event_column: 'line1' }, /no date column line1/],
      [
        { ...good, table: 'reflect.orders', action: 'anonymise', event_column: 'status' },
        /no date column status/,
      ],
    ];
    for (const [payload, reason] of refusals) {
      const body = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
      expect(
        await op(admin, 'retention.set-policy', body),
        JSON.stringify(body).slice(0, 80),
      ).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(reason),
      });
    }
    const holdRefusals: [Record<string, unknown>, RegExp][] = [
      [{ customer_id: '1', reason: 'x'.repeat(501) }, /longer than 500/],
      [{ customer_id: '1', reason: '   ' }, /needs a reason/],
      [{ customer_id: '1', reason: 'bell\u0007' }, /control character/],
      [{ customer_id: '999999', reason: 'x' }, /no customer 999999/],
      [{ customer_id: '-1', reason: 'x' }, /customer number/],
      [{ case_id: 'nope', reason: 'x' }, /case by its id/],
      [{ case_id: randomUUID(), reason: 'x' }, /no such case/],
      [{ customer_id: '1', case_id: CASE_ID, reason: 'x' }, /exactly one/],
    ];
    for (const [payload, reason] of holdRefusals) {
      expect(await op(admin, 'legal-hold.place', payload)).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(reason),
      });
    }
    // A NUL cannot even be stored in central's jsonb: refused before any rule runs.
    await expect(
      op(admin, 'legal-hold.place', { customer_id: '1', reason: 'a\u0000b' }),
    ).rejects.toThrow(/unsupported Unicode escape|\\u0000/);
    expect(
      await op(admin, 'retention.set-schedule', {
        enabled: true,
        every_days: 0,
        at: '02:00',
        time_zone: 'UTC',
      }),
    ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/1 to 365 days/) });
    expect(
      await op(admin, 'retention.set-schedule', {
        enabled: true,
        every_days: 1,
        at: '25:00',
        time_zone: 'UTC',
      }),
    ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/HH:MM/) });
    expect(
      await op(admin, 'retention.set-schedule', {
        enabled: true,
        every_days: 1,
        at: '02:00',
        time_zone: 'Mars/Base',
      }),
    ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/not a time zone/) });
    expect(await op(admin, 'retention.remove-policy', { policy_id: '999' })).toMatchObject({
      status: 'rejected',
    });

    // Once the admin is enrolled, each retention change takes a fresh code.
    const secret = base32Decode((await enrolAdmin(admin)).secretBase32);
    const now = await centralSeconds(admin);
    await confirmEnrolment(admin, totp(secret, now));
    for (const kind of [
      'retention.set-policy',
      'retention.confirm',
      'retention.remove-policy',
      'retention.set-schedule',
    ] as const) {
      await expect(op(admin, kind, good)).rejects.toMatchObject({
        code: 'MFA_REQUIRED',
        message: expect.stringContaining(`"${kind}" needs a fresh two-step code`),
      });
    }
    expect(
      await applyOperation(
        admin,
        { opId: randomUUID(), kind: 'retention.set-policy', payload: good },
        { totp: totp(secret, now + 30) },
      ),
    ).toMatchObject({ status: 'applied' });
    // Holds are an approver's matter, not a policy change: no code is asked.
    expect(
      await op(admin, 'legal-hold.place', { customer_id: '1', reason: 'Matter 7' }),
    ).toMatchObject({
      status: 'applied',
    });
  });
});
