import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  applyOperation,
  CentralPermissionError,
  type OperationKind,
} from '../../../src/main/central/operations';
import {
  createLoginRole,
  createTestDatabase,
  type TestDatabase,
} from '../../support/postgres-database';
import { approvedCentralCase, eraseThroughCase } from '../../support/central-cases';

let database: TestDatabase;
let admin: pg.Client;
let officer: pg.Client;

async function login(group: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: await createLoginRole(database, group) });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function customer(id: number): Promise<Record<string, unknown>> {
  const result = await admin.query('SELECT * FROM reflect.customers WHERE customer_id = $1', [id]);
  return result.rows[0] as Record<string, unknown>;
}

async function version(id: number): Promise<number> {
  return Number((await customer(id)).version);
}

/** All customers and every child's link to its customer, to compare before and after. */
async function everyone() {
  return {
    customers: (
      await admin.query<Record<string, unknown>>(
        'SELECT * FROM reflect.customers ORDER BY customer_id',
      )
    ).rows,
    links: (
      await admin.query(`
        SELECT 'a' || address_id AS k, customer_id FROM reflect.addresses UNION ALL
        SELECT 'o' || order_id, customer_id FROM reflect.orders UNION ALL
        SELECT 'e' || event_id, customer_id FROM reflect.events UNION ALL
        SELECT 'c' || consent_id, customer_id FROM reflect.consents ORDER BY 1`)
    ).rows,
  };
}

const op = (kind: OperationKind, payload: Record<string, unknown>, opId = randomUUID()) => ({
  opId,
  kind,
  payload,
});

beforeEach(async () => {
  database = await createTestDatabase({ central: true });
  admin = await database.connect();
  officer = await login('reflect_officer');
  await admin.query(`
    INSERT INTO reflect.customers (customer_id, name, email, phone) VALUES
      (1, 'Ada Byron', 'ada@example.org', '+441632960001'),
      (2, 'Ada Bryon', 'a.byron@example.net', '01632 960001'),
      (3, 'Carl Dunn', 'carl@example.com', NULL);
    INSERT INTO reflect.addresses (address_id, customer_id, kind, line1, city, postcode, country) VALUES
      (10, 1, 'home', '1 Loop Road', 'Leeds', 'LS1 1AA', 'GB'),
      (11, 2, 'shipping', '9 Side Street', 'York', 'YO1 7HH', 'GB');
    INSERT INTO reflect.orders (order_id, customer_id, placed_at, status, total_cents, currency) VALUES
      (20, 1, now(), 'delivered', 1999, 'GBP'), (21, 2, now(), 'placed', 500, 'GBP');
    INSERT INTO reflect.events (event_id, customer_id, event_type, occurred_at, metadata) VALUES
      (30, 2, 'login', now(), '{"ip": "192.0.2.4"}');
    INSERT INTO reflect.consents (consent_id, customer_id, purpose, granted, source, granted_at) VALUES
      (40, 1, 'marketing_email', true, 'web_form', now()),
      (41, 2, 'marketing_email', false, 'web_form', NULL);
  `);
});

describe('central operations', () => {
  it('rectifies a field, bumps the version and audits field names, never values', async () => {
    const outcome = await applyOperation(
      officer,
      op('customer.rectify', {
        customer_id: 1,
        base_version: 1,
        changes: { email: 'ada@example.com' },
      }),
    );
    expect(outcome).toEqual({
      status: 'applied',
      subject: 'customer:1',
      audit: { fields: ['email'] },
    });
    expect(await customer(1)).toMatchObject({ email: 'ada@example.com', version: '2' });
    const audit = await admin.query(
      'SELECT actor, action, subject, details FROM reflect.audit_log',
    );
    expect(audit.rows).toEqual([
      {
        actor: officer.user,
        action: 'customer.rectify',
        subject: 'customer:1',
        details: { fields: ['email'] },
      },
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain('example.com');
  });

  it('applies an operation sent twice only once', async () => {
    const rectify = op('customer.rectify', {
      customer_id: 3,
      base_version: 1,
      changes: { phone: '+15550100' },
    });
    expect(await applyOperation(officer, rectify)).toMatchObject({ status: 'applied' });
    expect(await applyOperation(officer, rectify)).toMatchObject({
      status: 'applied',
      repeated: true,
    });
    expect(await version(3)).toBe(2);
    const audit = await admin.query('SELECT count(*)::int AS n FROM reflect.audit_log');
    expect(audit.rows[0]).toEqual({ n: 1 });
  });

  it('returns a conflict with the current row when the desk saw an older version', async () => {
    await admin.query(`UPDATE reflect.customers SET name = 'Ada King' WHERE customer_id = 1`);
    const outcome = await applyOperation(
      officer,
      op('customer.rectify', {
        customer_id: 1,
        base_version: 1,
        changes: { name: 'Ada Lovelace' },
      }),
    );
    expect(outcome).toMatchObject({
      status: 'conflict',
      current: { name: 'Ada King', version: 2 },
    });
    expect(await customer(1)).toMatchObject({ name: 'Ada King' });
    // A conflict is not remembered: the same id may be sent again on the new base.
    expect(
      await applyOperation(officer, {
        ...op('customer.rectify', {
          customer_id: 1,
          base_version: 2,
          changes: { name: 'Ada Lovelace' },
        }),
      }),
    ).toMatchObject({ status: 'applied' });
  });

  it('refuses fields that no operation may change', async () => {
    expect(
      await applyOperation(
        officer,
        op('customer.rectify', { customer_id: 1, base_version: 1, changes: { merged_into: 2 } }),
      ),
    ).toEqual({
      status: 'rejected',
      reason: 'a rectification corrects name, email or phone, not merged_into',
    });
  });

  it('refuses a role without the privilege with a clear message', async () => {
    const viewer = await login('reflect_viewer');
    const attempt = applyOperation(
      viewer,
      op('customer.rectify', { customer_id: 1, base_version: 1, changes: { name: 'X' } }),
    );
    await expect(attempt).rejects.toBeInstanceOf(CentralPermissionError);
    await expect(attempt).rejects.toThrow(
      /may not apply "customer.rectify": it needs the role "reflect_officer"/,
    );
    await expect(viewer.query(`UPDATE reflect.customers SET name = 'X'`)).rejects.toThrow(
      /permission denied/,
    );
    expect(await customer(1)).toMatchObject({ name: 'Ada Byron', version: '1' });
    await viewer.end();
  });

  it('merges with chosen fields and re-pointed children, and an unmerge restores everything exactly', async () => {
    const before = await everyone();
    const mergeId = randomUUID();
    const merged = await applyOperation(
      officer,
      op(
        'customer.merge',
        {
          survivor_id: 1,
          merged_ids: [2],
          base_versions: { 1: 1, 2: 1 },
          fields: { email: 'a.byron@example.net' },
          provenance: { email: 2, name: 1, phone: 1 },
        },
        mergeId,
      ),
    );
    expect(merged).toMatchObject({ status: 'applied', subject: 'customer:1' });
    expect(await customer(1)).toMatchObject({ email: 'a.byron@example.net', name: 'Ada Byron' });
    expect(await customer(2)).toMatchObject({ status: 'merged', merged_into: '1' });
    const children = await admin.query(
      `SELECT count(*)::int AS n FROM reflect.orders WHERE customer_id = 1`,
    );
    expect(children.rows[0]).toEqual({ n: 2 });

    expect(
      await applyOperation(officer, op('customer.unmerge', { merge_op_id: mergeId })),
    ).toMatchObject({
      status: 'applied',
    });
    const after = await everyone();
    const withoutVersion = (rows: Record<string, unknown>[]) =>
      rows.map(({ version: _v, ...rest }) => rest);
    expect(withoutVersion(after.customers)).toEqual(withoutVersion(before.customers));
    expect(after.links).toEqual(before.links);
    expect(await applyOperation(officer, op('customer.unmerge', { merge_op_id: mergeId }))).toEqual(
      {
        status: 'rejected',
        reason: 'this merge was already undone',
      },
    );
  });

  it('erases a subject: children deleted or detached, a salted tombstone, nothing personal left', async () => {
    await applyOperation(
      officer,
      op('customer.merge', { survivor_id: 1, merged_ids: [2], base_versions: { 1: 1, 2: 1 } }),
    );
    await eraseThroughCase(database, [1]);
    const left = await admin.query(`
      SELECT (SELECT count(*) FROM reflect.customers WHERE customer_id IN (1, 2))::int AS customers,
             (SELECT count(*) FROM reflect.addresses WHERE address_id IN (10, 11))::int AS addresses,
             (SELECT count(*) FROM reflect.events WHERE event_id = 30)::int AS events,
             (SELECT count(*) FROM reflect.orders WHERE order_id IN (20, 21) AND customer_id IS NULL)::int AS detached_orders,
             (SELECT count(*) FROM reflect.consents WHERE consent_id IN (40, 41) AND customer_id IS NULL)::int AS detached_consents,
             (SELECT count(*) FROM reflect.merges)::int AS merge_snapshots`);
    expect(left.rows[0]).toEqual({
      customers: 0,
      addresses: 0,
      events: 0,
      detached_orders: 2,
      detached_consents: 2,
      merge_snapshots: 0,
    });
    const tombstones = await admin.query<{ subject_hash: string }>(
      'SELECT subject_hash FROM reflect.tombstones',
    );
    const expected = await admin.query<{ h: string }>(
      'SELECT reflect.subject_hash(1) AS h UNION ALL SELECT reflect.subject_hash(2)',
    );
    expect(tombstones.rows.map((r) => r.subject_hash).sort()).toEqual(
      expected.rows.map((r) => r.h).sort(),
    );
    const everything = await admin.query<{ t: string }>(
      `SELECT (SELECT jsonb_agg(a) FROM reflect.audit_log a)::text || (SELECT jsonb_agg(o) FROM reflect.applied_operations o)::text AS t`,
    );
    expect(everything.rows[0]?.t).not.toMatch(/byron|example\.(org|net)|Loop Road/i);
  });

  it('withdraws a consent, recording when', async () => {
    const outcome = await applyOperation(
      officer,
      op('consent.set', {
        customer_id: 1,
        purpose: 'marketing_email',
        granted: false,
        source: 'dsar',
        base_version: 1,
      }),
    );
    expect(outcome).toMatchObject({ status: 'applied' });
    const consent = await admin.query(
      'SELECT granted, withdrawn_at IS NOT NULL AS withdrawn FROM reflect.consents WHERE consent_id = 40',
    );
    expect(consent.rows[0]).toEqual({ granted: false, withdrawn: true });
  });

  it('restricts processing of a subject', async () => {
    await applyOperation(
      officer,
      op('customer.restrict', {
        customer_id: 3,
        base_version: 1,
        restricted: true,
        reason: 'accuracy contested',
        case_id: await approvedCentralCase(database, 'restriction', [3]),
      }),
    );
    expect(await customer(3)).toMatchObject({ restricted: true, version: '2' });
  });

  it('takes a desk’s audit entries once, even when pushed twice', async () => {
    const viewer = await login('reflect_viewer');
    const deskId = randomUUID();
    const entries = [
      {
        seq: 1,
        at: '2026-11-01T10:00:00Z',
        actor: 'ann',
        action: 'customer.viewed',
        subject: 'customer:1',
        details: {},
        hash: 'h1',
      },
    ];
    await applyOperation(viewer, op('audit.append', { desk_id: deskId, entries }));
    await applyOperation(viewer, op('audit.append', { desk_id: deskId, entries }));
    const rows = await admin.query('SELECT actor, action, subject, details FROM reflect.audit_log');
    expect(rows.rows).toEqual([
      {
        actor: viewer.user,
        action: 'customer.viewed',
        subject: 'customer:1',
        details: { desk_actor: 'ann', desk_at: '2026-11-01T10:00:00Z', desk_hash: 'h1' },
      },
    ]);
    await viewer.end();
  });

  it('refuses an unknown operation', async () => {
    await expect(
      applyOperation(officer, op('customer.teleport' as OperationKind, {})),
    ).rejects.toThrow(/unknown operation "customer.teleport"/);
  });
});
