import { describe, expect, it } from 'vitest';
import { seedCentral } from '../../../src/main/demo/seed-central';
import { generateCustomers } from '../../../src/main/demo/synthetic-data';
import { listOutbox } from '../../../src/main/sync/outbox';
import { AppError } from '../../../src/shared/errors';
import { centralWithClient } from '../../support/central-fixture';
import { testServices } from '../../support/workspace';

/** A desk synced from a real central database holding 400 synthetic customers. */
async function syncedDesk() {
  const { database, central } = await centralWithClient();
  await seedCentral(central, generateCustomers({ customers: 400, seed: 5 }));
  const services = testServices();
  await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
  await services.sync.connect({ url: `${database.url}?sslmode=disable` });
  await services.sync.run();
  const { raw } = services.workspace.requireOpen().replica;
  return { ...services, central, raw };
}

const auditActions = (raw: import('../../../src/main/db/open').SqliteDatabase) =>
  raw.prepare('SELECT action, subject, details FROM audit_log ORDER BY seq').all() as {
    action: string;
    subject: string | null;
    details: string;
  }[];

describe('subject profile and rectification', () => {
  it('shows the whole subject, audits the view and the search, and rectifies through central', async () => {
    const { subjects, sync, central, raw } = await syncedDesk();
    const subject = raw
      .prepare(
        `SELECT c.customer_id, c.name FROM customers c
         WHERE c.email IS NOT NULL
           AND (SELECT count(*) FROM orders o WHERE o.customer_id = c.customer_id) >= 2
           AND (SELECT count(*) FROM consents k WHERE k.customer_id = c.customer_id) >= 1
           AND (SELECT count(*) FROM events e WHERE e.customer_id = c.customer_id) >= 1
         ORDER BY c.customer_id LIMIT 1`,
      )
      .get() as { customer_id: number; name: string };

    const found = subjects.search({
      text: subject.name,
      filters: { statuses: [], tags: [] },
      limit: 20,
    });
    expect(found.hits.map((h) => h.customerId)).toContain(subject.customer_id);

    const profile = subjects.profile(subject.customer_id);
    expect(profile.customer.name).toBe(subject.name);
    expect(profile.orders.length).toBeGreaterThanOrEqual(2);
    expect(profile.ordersTotal).toBe(profile.orders.length);
    expect(profile.events[0]?.metadata).toBeTypeOf('object');
    expect(profile.eventsTotal).toBeGreaterThan(0);
    expect(profile.consents[0]?.history.length).toBeGreaterThan(0);
    expect(profile.pending).toEqual([]);

    const audited = auditActions(raw).filter((a) => a.action !== 'sync.connected');
    const search = audited.find((a) => a.action === 'search.results-shown');
    const searchDetails = JSON.parse(search?.details ?? '{}') as { customerIds?: number[] };
    expect(searchDetails).toMatchObject({ queryKind: 'text' });
    expect(searchDetails.customerIds).toContain(subject.customer_id);
    // The query itself (a person's name) is not kept in the evidence trail.
    expect(search?.details).not.toContain(subject.name);
    expect(audited).toContainEqual(
      expect.objectContaining({
        action: 'customer.viewed',
        subject: `customer:${subject.customer_id}`,
      }),
    );

    // An invalid address is refused with a reason, and nothing is queued.
    const refuse = () =>
      subjects.rectify({
        customerId: subject.customer_id,
        field: 'email',
        value: 'not-an-address@',
        baseVersion: profile.customer.version,
      });
    expect(refuse).toThrow(AppError);
    expect(refuse).toThrow(/not a valid email/);
    expect(listOutbox(raw)).toEqual([]);

    const rectified = subjects.rectify({
      customerId: subject.customer_id,
      field: 'email',
      value: '  Corrected.Address@Example.org ',
      baseVersion: profile.customer.version,
    });
    expect(rectified.customer.email).toBe('Corrected.Address@Example.org');
    expect(rectified.pending).toMatchObject([
      { kind: 'customer.rectify', fields: ['email'], state: 'pending' },
    ]);
    // The search index follows the local change at once.
    const byNewEmail = subjects.search({
      text: 'corrected.address@example.org',
      filters: { statuses: [], tags: [] },
      limit: 5,
    });
    expect(byNewEmail.hits[0]?.customerId).toBe(subject.customer_id);
    const rectifiedEntry = auditActions(raw).find((a) => a.action === 'customer.rectified');
    expect(JSON.parse(rectifiedEntry?.details ?? '{}')).toMatchObject({ field: 'email' });
    expect(rectifiedEntry?.details).not.toContain('Corrected');

    // A stale version (the officer looked at an older copy) is refused, not overwritten.
    expect(() =>
      subjects.rectify({
        customerId: subject.customer_id,
        field: 'name',
        value: 'Someone Else',
        baseVersion: profile.customer.version,
      }),
    ).toThrow(/changed since you opened it/);
    // A second change queued before the first is pushed names the version the first will make.
    subjects.rectify({
      customerId: subject.customer_id,
      field: 'phone',
      value: '+44 20 7946 0321',
      baseVersion: rectified.customer.version,
    });

    const overview = await sync.run();
    expect(overview).toMatchObject({ pendingOperations: 0, openConflicts: 0, lastError: null });
    const centralRow = await central.query(
      'SELECT email, phone, version::int AS version FROM reflect.customers WHERE customer_id = $1',
      [subject.customer_id],
    );
    expect(centralRow.rows[0]).toEqual({
      email: 'Corrected.Address@Example.org',
      phone: '+442079460321',
      version: profile.customer.version + 2,
    });
    const after = subjects.profile(subject.customer_id);
    expect(after.pending).toEqual([]);
    expect(after.customer).toMatchObject({
      phone: '+442079460321',
      version: profile.customer.version + 2,
    });

    // Views, searches and the changes reached the central audit log.
    const centralAudit = await central.query<{ action: string }>(
      `SELECT action FROM reflect.audit_log WHERE desk_id IS NOT NULL ORDER BY desk_seq`,
    );
    const actions = centralAudit.rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['search.results-shown', 'customer.viewed', 'customer.rectified']),
    );
  }, 60_000);

  it('refuses an invalid phone number for the customer country, and an unknown customer', async () => {
    const { subjects, raw } = await syncedDesk();
    const gb = raw
      .prepare(
        `SELECT c.customer_id, c.version FROM customers c JOIN addresses a ON a.customer_id = c.customer_id
         WHERE a.country = 'GB' ORDER BY c.customer_id LIMIT 1`,
      )
      .get() as { customer_id: number; version: number };
    expect(() =>
      subjects.rectify({
        customerId: gb.customer_id,
        field: 'phone',
        value: '12',
        baseVersion: gb.version,
      }),
    ).toThrow(/not a valid phone number for GB/);
    const national = subjects.rectify({
      customerId: gb.customer_id,
      field: 'phone',
      value: '020 7946 0123',
      baseVersion: gb.version,
    });
    expect(national.customer.phone).toBe('+442079460123');
    expect(() => subjects.profile(999_999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  }, 60_000);
});
