import type { SqliteDatabase } from '../db/open';
import type { Customer } from '../db/schema';
import type {
  ConsentChange,
  PendingChange,
  SubjectConsent,
  SubjectCase,
  SubjectCustomer,
  SubjectProfile,
} from '../../shared/types';
import { candidatesOf } from '../dedupe/candidates-of';
import { latestModel } from '../dedupe/dedupe-runs';
import { findSimilarRecords } from './similar-records';

/** Rows of a list shown at once; the totals say how many there are. */
const PAGE = 500;

export function loadCustomer(db: SqliteDatabase, customerId: number): SubjectCustomer | null {
  const row = db.prepare('SELECT * FROM customers WHERE customer_id = ?').get(customerId) as
    Customer | undefined;
  if (!row) return null;
  return {
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    status: row.status,
    createdAt: row.created_at,
    lastActive: row.last_active,
    tags: JSON.parse(row.tags) as string[],
    lifecycleStage: row.lifecycle_stage,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    restricted: row.restricted === 1,
    mergedInto: row.merged_into,
    version: row.version,
  };
}

/** Everything the replica holds about one customer record, for the profile screen. */
export function loadSubjectProfile(db: SqliteDatabase, customerId: number): SubjectProfile | null {
  const customer = loadCustomer(db, customerId);
  if (!customer) return null;
  const count = (table: string) =>
    db
      .prepare(`SELECT count(*) FROM ${table} WHERE customer_id = ?`)
      .pluck()
      .get(customerId) as number;
  const addresses = db
    .prepare(
      `SELECT address_id AS addressId, kind, line1, line2, city, region, postcode, country,
              created_at AS createdAt
       FROM addresses WHERE customer_id = ? ORDER BY address_id`,
    )
    .all(customerId) as SubjectProfile['addresses'];
  const orders = db
    .prepare(
      `SELECT order_id AS orderId, placed_at AS placedAt, status, total_cents AS totalCents, currency
       FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, order_id DESC LIMIT ${PAGE}`,
    )
    .all(customerId) as SubjectProfile['orders'];
  const interactions = db
    .prepare(
      `SELECT interaction_id AS interactionId, channel, occurred_at AS occurredAt, summary
       FROM interactions WHERE customer_id = ? ORDER BY occurred_at DESC LIMIT ${PAGE}`,
    )
    .all(customerId) as SubjectProfile['interactions'];
  const events = (
    db
      .prepare(
        `SELECT event_id AS eventId, event_type AS eventType, occurred_at AS occurredAt, metadata
         FROM events WHERE customer_id = ? ORDER BY occurred_at DESC LIMIT ${PAGE}`,
      )
      .all(customerId) as {
      eventId: number;
      eventType: string;
      occurredAt: string;
      metadata: string;
    }[]
  ).map((e) => ({ ...e, metadata: JSON.parse(e.metadata) as unknown }));
  return {
    customer,
    addresses,
    orders,
    ordersTotal: count('orders'),
    interactions,
    interactionsTotal: count('interactions'),
    events,
    eventsTotal: count('events'),
    consents: loadConsents(db, customerId),
    pending: pendingChanges(db, customerId),
    mergedRecords: db
      .prepare('SELECT customer_id FROM customers WHERE merged_into = ? ORDER BY customer_id')
      .pluck()
      .all(customerId) as number[],
    similar: similarTo(db, customer),
    cases: (
      db
        .prepare(
          `SELECT c.case_id AS caseId, c.reference, c.request_type AS requestType, c.status, s.open
           FROM case_subjects s JOIN cases c USING (case_id)
           WHERE s.customer_id = ? ORDER BY s.open DESC, c.received_at DESC`,
        )
        .all(customerId) as (Omit<SubjectCase, 'open'> & { open: number })[]
    ).map((c) => ({ ...c, open: c.open === 1 })),
  };
}

function loadConsents(db: SqliteDatabase, customerId: number): SubjectConsent[] {
  const rows = db
    .prepare(
      `SELECT consent_id, purpose, granted, source, granted_at, withdrawn_at, updated_at
       FROM consents WHERE customer_id = ? ORDER BY purpose, consent_id`,
    )
    .all(customerId) as {
    consent_id: number;
    purpose: string;
    granted: number;
    source: string;
    granted_at: string | null;
    withdrawn_at: string | null;
    updated_at: string;
  }[];
  return rows.map((row) => {
    // The replica keeps each decision's timestamps; the history is read from them.
    const history: ConsentChange[] = [];
    if (row.granted_at) history.push({ at: row.granted_at, change: 'granted' });
    if (row.withdrawn_at) history.push({ at: row.withdrawn_at, change: 'withdrawn' });
    if (!row.granted_at && !row.withdrawn_at)
      history.push({ at: row.updated_at, change: 'refused' });
    return {
      consentId: row.consent_id,
      purpose: row.purpose,
      granted: row.granted === 1,
      source: row.source,
      updatedAt: row.updated_at,
      history,
    };
  });
}

/** Queued or refused operations touching this customer record. */
export function pendingChanges(db: SqliteDatabase, customerId: number): PendingChange[] {
  const rows = db
    .prepare(
      `SELECT o.op_id, o.operation, o.payload, o.created_at, o.state
       FROM outbox o JOIN outbox_rows r ON r.op_id = o.op_id
       WHERE r.table_name = 'customers' AND r.pk = ? ORDER BY o.seq`,
    )
    .all(customerId) as {
    op_id: string;
    operation: string;
    payload: string;
    created_at: string;
    state: 'pending' | 'rejected';
  }[];
  return rows.map((row) => {
    const payload = JSON.parse(row.payload) as { changes?: Record<string, unknown> };
    return {
      opId: row.op_id,
      kind: row.operation,
      fields: Object.keys(payload.changes ?? {}),
      queuedAt: row.created_at,
      state: row.state,
    };
  });
}

/**
 * Once duplicates have been checked, the check's scored candidates; before that, a quick look
 * through the search index for records sharing an email, phone or name.
 */
function similarTo(db: SqliteDatabase, customer: SubjectCustomer) {
  const model = latestModel(db);
  return model ? candidatesOf(db, customer.customerId, model) : findSimilarRecords(db, customer);
}
