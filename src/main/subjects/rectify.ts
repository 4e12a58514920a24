import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { RectifiableField } from '../../shared/types';
import type { AuditTrail } from '../audit/audit-trail';
import type { SqliteDatabase } from '../db/open';
import { toE164 } from '../search/phone-numbers';
import { indexCustomersNow } from '../search/search-indexer';
import { queueOperation } from '../sync/outbox';
import { homeCountry } from './home-country';
import { loadCustomer } from './subject-profile';

export interface RectifyRequest {
  customerId: number;
  field: RectifiableField;
  value: string;
  /** The version the officer saw: a record changed since (by sync) must be looked at again. */
  baseVersion: number;
}

const emailSchema = z.email({ message: 'That is not a valid email address.' }).max(254);
const nameSchema = z
  .string()
  .min(1, 'A name cannot be empty.')
  .max(200, 'A name may be at most 200 characters.')
  .regex(/^[^\p{Cc}]*$/u, 'A name cannot contain control characters.');

/**
 * The value as it will be stored, or a message saying why it is refused. Phone numbers are stored
 * in E.164, read with the country of the customer's first address when no country code is given.
 */
export function normaliseRectifiedValue(
  field: RectifiableField,
  value: string,
  country: string | null,
): { ok: true; value: string } | { ok: false; message: string } {
  const trimmed = value.trim().normalize('NFC');
  const parsed =
    field === 'email'
      ? emailSchema.safeParse(trimmed)
      : field === 'name'
        ? nameSchema.safeParse(trimmed.replace(/\s+/g, ' '))
        : null;
  if (parsed) {
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid value.' };
  }
  const e164 = toE164(trimmed, country);
  return e164
    ? { ok: true, value: e164 }
    : {
        ok: false,
        message: `That is not a valid phone number${country ? ` for ${country}` : ''}; include the country code, e.g. +44 20 7946 0958.`,
      };
}

/**
 * Rectifies one field on this desk: the replica row changes, the `customer.rectify` operation is
 * queued for central, the audit trail records it and the search index follows, all in one SQLite
 * transaction. The row's version advances as central's will, so a second change queued before the
 * first is pushed names the right base.
 */
export function rectifyCustomer(
  db: SqliteDatabase,
  audit: AuditTrail,
  actor: string,
  request: RectifyRequest,
  now: Date,
): string {
  const customer = loadCustomer(db, request.customerId);
  if (!customer)
    throw new AppError('NOT_FOUND', `Customer ${request.customerId} is not in the replica.`);
  if (customer.mergedInto !== null) {
    throw new AppError(
      'INVALID_INPUT',
      `Customer ${customer.customerId} was merged into ${customer.mergedInto}; rectify the surviving record.`,
    );
  }
  if (customer.version !== request.baseVersion) {
    throw new AppError(
      'CONFLICTING_CHANGE',
      'This record changed since you opened it (a sync brought a newer version). Review it and try again.',
    );
  }
  const normalised = normaliseRectifiedValue(
    request.field,
    request.value,
    homeCountry(db, customer.customerId),
  );
  if (!normalised.ok) throw new AppError('INVALID_INPUT', normalised.message);
  if (customer[request.field] === normalised.value) {
    throw new AppError('INVALID_INPUT', `The ${request.field} is already ${normalised.value}.`);
  }

  return db.transaction(() => {
    db.prepare(
      `UPDATE customers SET ${request.field} = ?, version = version + 1 WHERE customer_id = ?`,
    ).run(normalised.value, customer.customerId);
    const opId = queueOperation(
      db,
      {
        kind: 'customer.rectify',
        payload: {
          customer_id: customer.customerId,
          base_version: customer.version,
          changes: { [request.field]: normalised.value },
        },
        rows: [{ table: 'customers', pk: customer.customerId }],
      },
      now,
    );
    // Field names only: the old and new values stay in the replica, not in the evidence trail.
    audit.record({
      actor,
      action: 'customer.rectified',
      subject: `customer:${customer.customerId}`,
      details: { field: request.field, opId },
    });
    indexCustomersNow(db, [customer.customerId]);
    return opId;
  })();
}
