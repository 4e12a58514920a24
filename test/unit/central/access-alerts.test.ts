import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyOperation, type OperationKind } from '../../../src/main/central/operations';
import {
  EXPORT_CASE,
  EXPORT_ID,
  LOGINS,
  replayedAuditLog,
  RESTRICTED_CUSTOMER,
} from '../../fixtures/access-audit-log';
import { replayAuditLog } from '../../support/audit-replay';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createRoleLogin } from '../../support/central-role-login';

interface AlertRow {
  id: string;
  rule: string;
  login: string;
  window_start: string;
  evidence: Record<string, unknown>;
  acknowledged_by: string | null;
  acknowledgement: string | null;
}

async function prepared() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, 30);
  await central.query('UPDATE reflect.customers SET restricted = true WHERE customer_id = $1', [
    RESTRICTED_CUSTOMER,
  ]);
  // The organisation works 08:00-18:00 Berlin time, Monday to Friday.
  await central.query(
    `UPDATE reflect.alert_rules SET time_zone = 'Europe/Berlin' WHERE kind = 'export_after_hours'`,
  );
  await replayAuditLog(central, replayedAuditLog());
  const evaluate = async (client: pg.ClientBase = central) =>
    (await client.query<{ r: Record<string, number> }>('SELECT reflect.evaluate_alerts() AS r'))
      .rows[0]?.r;
  const alerts = async () =>
    (
      await central.query<AlertRow>(
        `SELECT id::text, rule, login, evidence, acknowledged_by, acknowledgement,
                to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS window_start
         FROM reflect.alerts ORDER BY rule, login, id`,
      )
    ).rows;
  return { database, central, evaluate, alerts };
}

const op = (client: pg.ClientBase, kind: OperationKind, payload: Record<string, unknown>) =>
  applyOperation(client, { opId: randomUUID(), kind, payload });

describe('access alerts from a replayed audit log', () => {
  it('raises exactly the expected alerts, with counts and ids as evidence', async () => {
    const { central, evaluate, alerts } = await prepared();
    const outcome = await evaluate();
    const raised = await alerts();
    expect(outcome).toMatchObject({ raised: 4, updated: 0 });
    expect(raised.map((a) => `${a.rule} ${a.login} ${a.window_start}`)).toEqual([
      `bulk_changes ${LOGINS.bulk} 2027-03-02T13:00Z`,
      `export_after_hours ${LOGINS.nightExporter} 2027-03-02T22:00Z`,
      `profile_views ${LOGINS.browser} 2027-03-02T09:00Z`,
      `restricted_access ${LOGINS.restricted} 2027-03-02T11:00Z`,
    ]);
    const [bulk, night, views, restricted] = raised.map((a) => a.evidence);
    expect(bulk).toMatchObject({
      count: 60,
      threshold: 50,
      by_kind: { 'customer.rectify': 20, 'case.note': 40 },
    });
    expect(night).toMatchObject({
      count: 1,
      threshold: 0,
      case_ids: [EXPORT_CASE],
      export_ids: [EXPORT_ID],
      local_times: ['2027-03-02 23:00'],
      time_zone: 'Europe/Berlin',
    });
    expect(views).toMatchObject({ count: 120, threshold: 100, customers: 20 });
    expect(views?.customer_ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 10));
    expect(views?.entry_ids).toHaveLength(50);
    expect(restricted).toMatchObject({ count: 1, customer_ids: [RESTRICTED_CUSTOMER] });

    // The evidence never holds a value: no name, email or phone of the fixture's customers.
    const people = await central.query<{ name: string; email: string; phone: string }>(
      'SELECT name, email, phone FROM reflect.customers',
    );
    const text = JSON.stringify(raised.map((a) => a.evidence));
    for (const p of people.rows) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.email);
      expect(text).not.toContain(p.phone);
    }
    expect(text).not.toMatch(/@|Person/);
  });

  it('evaluating again raises nothing new; late entries grow an open alert only', async () => {
    const { central, evaluate, alerts } = await prepared();
    await evaluate();
    const first = await alerts();
    expect(await evaluate()).toEqual({ raised: 0, updated: 0, entries: 0 });
    expect(await alerts()).toEqual(first);

    // The same log replayed once more (another desk's copy) is new entries: the same windows,
    // so no new alert, only the open ones' counts grow.
    await replayAuditLog(central, replayedAuditLog());
    expect(await evaluate()).toMatchObject({ raised: 0, updated: 4 });
    const after = await alerts();
    expect(after.map((a) => a.id)).toEqual(first.map((a) => a.id));
    expect(after.find((a) => a.rule === 'profile_views')?.evidence.count).toBe(240);
  });

  it('lets approvers and admins read and acknowledge with a note, and only admins change rules', async () => {
    const { database, central, evaluate, alerts } = await prepared();
    const viewer = await createRoleLogin(database, central, 'viewer');
    const officer = await createRoleLogin(database, central, 'officer');
    const approver = await createRoleLogin(database, central, 'approver');
    const admin = await createRoleLogin(database, central, 'admin');
    // Any desk runs the evaluation after its push, whatever its role.
    expect(await evaluate(viewer.client)).toMatchObject({ raised: 4 });

    for (const who of [viewer, officer]) {
      await expect(who.client.query('SELECT * FROM reflect.alerts')).rejects.toMatchObject({
        code: '42501',
      });
      await expect(
        op(who.client, 'alerts.acknowledge', { alert_id: '1', note: 'x' }),
      ).rejects.toThrow(/approver/);
    }
    const open = (
      await approver.client.query<AlertRow>('SELECT id::text, rule FROM reflect.alerts')
    ).rows;
    expect(open).toHaveLength(4);
    const target = open.find((a) => a.rule === 'profile_views');
    const id = target?.id ?? '';

    expect(await op(approver.client, 'alerts.acknowledge', { alert_id: id, note: '  ' })).toEqual(
      expect.objectContaining({
        status: 'rejected',
        reason: expect.stringMatching(/needs a note/),
      }),
    );
    expect(
      await op(approver.client, 'alerts.acknowledge', { alert_id: id, note: 'x'.repeat(1001) }),
    ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/1000/) });
    await expect(
      op(approver.client, 'alerts.acknowledge', { alert_id: id, note: 'a\u0000b' }),
    ).rejects.toThrow();
    expect(
      await op(approver.client, 'alerts.acknowledge', {
        alert_id: id,
        note: 'Bulk check of a mailing list, agreed with the DPO.',
      }),
    ).toMatchObject({ status: 'applied', subject: `alert:${id}` });
    expect(
      await op(admin.client, 'alerts.acknowledge', { alert_id: id, note: 'again' }),
    ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/already acknowledged/) });
    const acknowledged = (await alerts()).find((a) => a.id === target?.id);
    expect(acknowledged).toMatchObject({
      acknowledged_by: approver.name,
      acknowledgement: 'Bulk check of a mailing list, agreed with the DPO.',
    });
    // Audited, without the note's words.
    const audit = await central.query<{ actor: string; details: Record<string, unknown> }>(
      `SELECT actor, details FROM reflect.audit_log WHERE action = 'alerts.acknowledge'`,
    );
    expect(audit.rows).toEqual([
      {
        actor: approver.name,
        details: {
          alert_id: Number(id),
          rule: 'profile_views',
          login: LOGINS.browser,
          note_length: 50,
        },
      },
    ]);
    // An acknowledged alert stays as it was when more entries of its window arrive.
    await replayAuditLog(central, replayedAuditLog());
    await evaluate();
    expect((await alerts()).find((a) => a.id === target?.id)?.evidence).toEqual(
      acknowledged?.evidence,
    );

    const rule = {
      kind: 'profile_views',
      enabled: true,
      threshold: 10,
      window_minutes: 60,
      work_start: '08:00',
      work_end: '18:00',
      work_days: [1, 2, 3, 4, 5],
      time_zone: 'Europe/Berlin',
    };
    await expect(op(approver.client, 'alerts.set-rule', rule)).rejects.toThrow(/admin/);
    await expect(
      approver.client.query(`UPDATE reflect.alert_rules SET threshold = 1`),
    ).rejects.toMatchObject({ code: '42501' });
    for (const [change, reason] of [
      [{ threshold: -1 }, /threshold/],
      [{ threshold: 1.5 }, /threshold/],
      [{ window_minutes: 1 }, /window/],
      [{ work_start: '19:00' }, /working hours/],
      [{ work_days: [0] }, /days/],
      [{ time_zone: 'Mars/Olympus' }, /time zone/],
      [{ kind: 'nope' }, /no alert rule/],
      [{ enabled: 'yes' }, /enabled/],
    ] as const) {
      expect(await op(admin.client, 'alerts.set-rule', { ...rule, ...change })).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(reason),
      });
    }
    expect(await op(admin.client, 'alerts.set-rule', rule)).toMatchObject({ status: 'applied' });
    const stored = await central.query(
      `SELECT threshold, changed_by FROM reflect.alert_rules WHERE kind = 'profile_views'`,
    );
    expect(stored.rows[0]).toEqual({ threshold: 10, changed_by: admin.name });
  });

  it('counts search results shown and leaves disabled rules silent', async () => {
    const { central, evaluate, alerts } = await prepared();
    await central.query(
      `UPDATE reflect.alert_rules SET enabled = false WHERE kind <> 'search_results'`,
    );
    await central.query(
      `UPDATE reflect.alert_rules SET threshold = 20 WHERE kind = 'search_results'`,
    );
    await evaluate();
    const raised = await alerts();
    expect(raised.map((a) => [a.rule, a.login, a.evidence])).toEqual([
      [
        'search_results',
        LOGINS.normal,
        expect.objectContaining({ count: 25, threshold: 20, searches: 1, customer_ids: [1, 2, 3] }),
      ],
    ]);
  });

  it('reads a desk time that is no time as the time central received the entry, never failing', async () => {
    const { central } = await centralWithClient();
    const { rows } = await central.query<{ t: string }>(
      `SELECT to_char(reflect.audit_event_time('2027-03-02T12:00:00Z', jsonb_build_object('desk_at', v))
                      AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS t
       FROM unnest(ARRAY['2027-02-30T10:00:00Z', '0000-01-01T00:00:00Z', 'yesterday', '2027-03-02T25:00:00Z',
                         '2028-02-29T10:00:00.5Z', '2027-03-02T09:15:00Z', '2027-03-02T09:15:00x5Z']) WITH ORDINALITY AS x(v, n)
       ORDER BY n`,
    );
    expect(rows.map((r) => r.t)).toEqual([
      '2027-03-02 12:00:00',
      '2027-03-02 12:00:00',
      '2027-03-02 12:00:00',
      '2027-03-02 12:00:00',
      '2028-02-29 10:00:00',
      '2027-03-02 09:15:00',
      '2027-03-02 12:00:00',
    ]);
  });

  it('two desks evaluating at once raise each alert once', async () => {
    const { database, central, evaluate, alerts } = await prepared();
    const one = await createRoleLogin(database, central, 'viewer');
    const two = await createRoleLogin(database, central, 'officer');
    const results = await Promise.all([evaluate(one.client), evaluate(two.client)]);
    expect(results.reduce((n, r) => n + (r?.raised ?? 0), 0)).toBe(4);
    expect(await alerts()).toHaveLength(4);
  });
});
