import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import type { LegalHold, RetentionOverview, RetentionPreview } from '../../../src/shared/retention';
import { centralWithClient } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

async function desk(url: string, name: string) {
  const services = testServices(join(tempDir(), name));
  await services.workspace.create({ name, keyMode: 'keychain' });
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  await services.sync.run();
  const call = async (channel: string, input: unknown) =>
    dispatch(services.handlers, channel, input);
  const orderIds = () =>
    (
      services.workspace
        .requireOpen()
        .replica.raw.prepare('SELECT order_id FROM orders ORDER BY order_id')
        .all() as { order_id: number }[]
    ).map((r) => r.order_id);
  return { ...services, call, orderIds };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- names what the channel answers
const value = <T>(result: unknown): T => (result as { value: T }).value;

describe('retention on the desk', () => {
  it('confirms a policy, holds a person, and the replica drops what a scheduled run purged', async () => {
    const { database, central } = await centralWithClient();
    await central.query(`
      INSERT INTO reflect.customers (customer_id, name) VALUES (1, 'Ann Alder'), (2, 'Ben Birch');
      INSERT INTO reflect.orders (order_id, customer_id, placed_at, status, total_cents, currency) VALUES
        (11, 1, now() - interval '8 years', 'paid', 1, 'EUR'), (12, 2, now() - interval '9 years', 'paid', 1, 'EUR'),
        (13, 1, now() - interval '1 year', 'paid', 1, 'EUR');`);
    const admin = await desk(await createLoginRole(database, 'reflect_admin'), 'admin');
    const approver = await desk(await createLoginRole(database, 'reflect_approver'), 'approver');
    const officer = await desk(await createLoginRole(database, 'reflect_officer'), 'officer');
    expect(admin.orderIds()).toEqual([11, 12, 13]);

    const overview = value<RetentionOverview>(await admin.call('retention:overview', {}));
    expect(overview.canChange).toBe(true);
    const transactional = overview.policies.find((p) => p.category === 'transactional');
    expect(transactional).toMatchObject({ period: '7 years', confirmed: false });

    // Officers read but do not change; the desk says so before central is asked.
    expect(
      await officer.call('retention:confirm', {
        policyId: transactional?.policyId,
        confirmed: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REFUSED', message: expect.stringMatching(/administrator's login/) },
    });
    expect(await officer.call('holds:place', { customerId: 2, reason: 'Audit' })).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REFUSED' },
    });
    // Odd input is refused at the boundary.
    for (const bad of [
      { customerId: 2, reason: 'x'.repeat(501) },
      { customerId: 2, reason: '  ' },
      { customerId: -2, reason: 'x' },
      { customerId: 2, caseId: '11111111-2222-4333-8444-555555555555', reason: 'x' },
    ]) {
      expect(await approver.call('holds:place', bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(await approver.call('holds:place', { customerId: 2, reason: 'a\u0000b' })).toMatchObject(
      {
        ok: false,
        error: { code: 'UNSTORABLE_TEXT' },
      },
    );
    expect(
      await admin.call('retention:set-policy', {
        table: 'reflect.addresses',
        keepAmount: -1,
        keepUnit: 'days',
        anchor: 'event',
        action: 'delete',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await admin.call('retention:set-policy', {
        table: 'reflect.gossip',
        keepAmount: 1,
        keepUnit: 'days',
        anchor: 'event',
        action: 'delete',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Not saved. Central refused: The table does not exist.',
      },
    });

    expect(
      await admin.call('retention:confirm', { policyId: transactional?.policyId, confirmed: true }),
    ).toMatchObject({ ok: true });
    const placed = value<LegalHold[]>(
      await approver.call('holds:place', { customerId: 2, reason: 'Tax audit 2031' }),
    );
    expect(placed).toMatchObject([{ customerId: '2', reason: 'Tax audit 2031', releasedAt: null }]);
    const preview = value<RetentionPreview>(await officer.call('retention:preview', {}));
    expect(preview).toMatchObject({ removes: 1, held: 1 });

    // The schedule's slot is due (as if it passed since the last run): the next sync runs it.
    await central.query(
      `UPDATE reflect.retention_schedule SET enabled = true, last_slot_done = NULL`,
    );
    await officer.sync.run();
    expect(officer.orderIds()).toEqual([12, 13]);
    // Once per slot: the admin's sync finds it done, and pulls the same deletion.
    await admin.sync.run();
    expect(admin.orderIds()).toEqual([12, 13]);
    const runs = await central.query<{ trigger: string; rows_deleted: string; run_by: string }>(
      'SELECT trigger, rows_deleted::text, run_by FROM reflect.retention_runs',
    );
    expect(runs.rows).toHaveLength(1);
    expect(runs.rows[0]).toMatchObject({ trigger: 'schedule', rows_deleted: '1' });

    const holdId = placed[0]?.holdId;
    expect(
      value<LegalHold[]>(await approver.call('holds:release', { holdId, customerId: 2 })),
    ).toMatchObject([{ holdId, releasedAt: expect.any(String) }]);
    expect(await officer.call('retention:run', {})).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REFUSED' },
    });
    expect(await admin.call('retention:run', {})).toMatchObject({
      ok: true,
      value: { status: 'done', deleted: 1 },
    });
    await approver.sync.run();
    expect(approver.orderIds()).toEqual([13]);
    const audit = approver.workspace
      .requireOpen()
      .replica.raw.prepare(
        `SELECT action, details FROM audit_log WHERE action LIKE 'legal-hold.%' ORDER BY seq`,
      )
      .all() as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['legal-hold.placed', 'legal-hold.released']);
    expect(audit.map((a) => a.details).join()).not.toContain('Tax audit');
  });
});
