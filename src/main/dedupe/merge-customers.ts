import { AppError } from '../../shared/errors';
import { MERGE_FIELDS, type MergeField } from '../../shared/dedupe';
import type { AuditTrail } from '../audit/audit-trail';
import type { SqliteDatabase } from '../db/open';
import type { Customer } from '../db/schema';
import { indexCustomersNow } from '../search/search-indexer';
import { queueOperation } from '../sync/outbox';
import type { RowKey } from '../sync/replica-tables';
import { subjectsAfterMerge } from './case-subjects';
import {
  CHILD_TABLES,
  consentRows,
  latestConsents,
  loadUnmergedCustomers,
  type ConsentRow,
} from './merge-records';
import { consentOutcomes } from './survivorship';

export interface MergeRequest {
  survivorId: number;
  mergedIds: number[];
  /** For every field, the record whose value the survivor keeps. */
  fields: Record<MergeField, number>;
  /** The version of each record the officer compared: any change since must be looked at first. */
  baseVersions: Record<string, number>;
}

/** What a merge replaced, so an undo on this desk can put it back exactly. */
export interface MergeSnapshot {
  customers: Customer[];
  links: Record<string, [number, number][]>;
  withdrawnConsents: ConsentRow[];
  cases: [string, number[], number[]][];
}

/**
 * Merges records into a survivor on this desk, in one SQLite transaction: the survivor takes the
 * chosen value of each field, the tags of all and a restriction if any had one; children move to
 * the survivor; granted consents that another record withdrew are withdrawn; open cases naming a
 * merged record name the survivor. The `customer.merge` operation (with provenance) is queued for
 * central, which applies the same rules, and the merge is audited. Returns the operation id,
 * which is also what undo names.
 */
export function mergeCustomers(
  db: SqliteDatabase,
  audit: AuditTrail,
  actor: string,
  request: MergeRequest,
  now: Date,
): string {
  const { survivorId, mergedIds } = request;
  const everyone = [survivorId, ...mergedIds];
  if (mergedIds.length === 0 || new Set(everyone).size !== everyone.length) {
    throw new AppError(
      'INVALID_INPUT',
      'A merge needs a survivor and at least one other, different record.',
    );
  }
  for (const field of MERGE_FIELDS) {
    if (!everyone.includes(request.fields[field])) {
      throw new AppError('INVALID_INPUT', `The ${field} must come from one of the merged records.`);
    }
  }

  return db.transaction(() => {
    const rows = loadUnmergedCustomers(db, everyone);
    for (const row of rows) {
      if (request.baseVersions[String(row.customer_id)] !== row.version) {
        throw new AppError(
          'CONFLICTING_CHANGE',
          `Customer ${row.customer_id} changed since you compared the records (a sync brought a newer version). Compare them again.`,
        );
      }
    }
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    const fields: Record<string, unknown> = {};
    for (const field of MERGE_FIELDS)
      fields[field] = byId.get(request.fields[field])?.[field] ?? null;
    const tags = [...new Set(rows.flatMap((r) => JSON.parse(r.tags) as string[]))];
    fields.tags = tags;
    const restricted = rows.some((r) => r.restricted === 1);

    const latest = new Map(everyone.map((id) => [id, latestConsents(db, id)]));
    const all = new Map(everyone.map((id) => [id, consentRows(db, id)]));
    const withdraw = consentOutcomes(latest, all).flatMap((o) => o.withdraws);
    const placeholders = mergedIds.map(() => '?').join(', ');

    const snapshot: MergeSnapshot = {
      customers: rows,
      links: Object.fromEntries(
        CHILD_TABLES.map(({ table, pk }) => [
          table,
          db
            .prepare(
              `SELECT ${pk}, customer_id FROM ${table} WHERE customer_id IN (${placeholders}) ORDER BY ${pk}`,
            )
            .raw()
            .all(...mergedIds) as [number, number][],
        ]),
      ),
      withdrawnConsents: [...all.values()].flat().filter((c) => withdraw.includes(c.consent_id)),
      cases: [],
    };

    db.prepare(
      `UPDATE customers SET name = ?, email = ?, phone = ?, status = ?, lifecycle_stage = ?,
         last_active = ?, tags = ?, version = version + 1 WHERE customer_id = ?`,
    ).run(
      fields.name,
      fields.email,
      fields.phone,
      fields.status,
      fields.lifecycle_stage,
      fields.last_active,
      JSON.stringify(tags),
      survivorId,
    );
    // Central updates the survivor twice (fields, then restriction), so its version moves by two.
    db.prepare(
      'UPDATE customers SET restricted = ?, version = version + 1 WHERE customer_id = ?',
    ).run(restricted ? 1 : 0, survivorId);
    const touched: { table: string; pk: RowKey }[] = everyone.map((id) => ({
      table: 'customers',
      pk: id,
    }));
    for (const { table } of CHILD_TABLES) {
      for (const [id] of snapshot.links[table] ?? []) touched.push({ table, pk: id });
      if (table === 'consents') continue;
      db.prepare(
        `UPDATE ${table} SET customer_id = ?, version = version + 1 WHERE customer_id IN (${placeholders})`,
      ).run(survivorId, ...mergedIds);
    }
    const at = now.toISOString();
    const withdrawSet = new Set(withdraw);
    const moveConsent = db.prepare(
      `UPDATE consents SET customer_id = ?, granted = ?, withdrawn_at = ?, source = ?, updated_at = ?,
         version = version + 1 WHERE consent_id = ?`,
    );
    for (const consent of [...all.values()].flat()) {
      const moves = consent.customer_id !== survivorId;
      const withdrawn = withdrawSet.has(consent.consent_id);
      if (!moves && !withdrawn) continue;
      if (!moves) touched.push({ table: 'consents', pk: consent.consent_id });
      moveConsent.run(
        survivorId,
        withdrawn ? 0 : consent.granted,
        withdrawn ? at : consent.withdrawn_at,
        withdrawn ? 'merge' : consent.source,
        withdrawn ? at : consent.updated_at,
        consent.consent_id,
      );
    }
    db.prepare(
      `UPDATE customers SET status = 'merged', merged_into = ?, version = version + 1
       WHERE customer_id IN (${placeholders})`,
    ).run(survivorId, ...mergedIds);

    const openCases = db
      .prepare(
        `SELECT DISTINCT c.case_id, c.subject_ids FROM cases c, json_each(c.subject_ids) j
         WHERE c.closed_at IS NULL AND j.value IN (${placeholders})`,
      )
      .all(...mergedIds) as { case_id: string; subject_ids: string }[];
    const setSubjects = db.prepare(
      'UPDATE cases SET subject_ids = ?, version = version + 1 WHERE case_id = ?',
    );
    for (const c of openCases) {
      const was = JSON.parse(c.subject_ids) as number[];
      const became = subjectsAfterMerge(was, survivorId, mergedIds);
      setSubjects.run(JSON.stringify(became), c.case_id);
      snapshot.cases.push([c.case_id, was, became]);
      touched.push({ table: 'cases', pk: c.case_id });
    }

    const provenance = Object.fromEntries(MERGE_FIELDS.map((f) => [f, request.fields[f]]));
    const opId = queueOperation(
      db,
      {
        kind: 'customer.merge',
        payload: {
          survivor_id: survivorId,
          merged_ids: mergedIds,
          base_versions: request.baseVersions,
          fields,
          provenance,
          withdraw_consent_ids: withdraw,
        },
        rows: touched,
      },
      now,
    );
    const survivorVersion = db
      .prepare('SELECT version FROM customers WHERE customer_id = ?')
      .pluck()
      .get(survivorId) as number;
    db.prepare(
      `INSERT INTO merges (op_id, survivor_id, merged_ids, before, provenance, survivor_version_after,
         merged_at, merged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      opId,
      survivorId,
      JSON.stringify(mergedIds),
      JSON.stringify(snapshot),
      JSON.stringify(provenance),
      survivorVersion,
      at,
      actor,
    );
    db.prepare(
      `DELETE FROM dedupe_candidates WHERE a IN (${placeholders}) OR b IN (${placeholders})`,
    ).run(...mergedIds, ...mergedIds);
    // Which record each value came from, never the values themselves.
    audit.record({
      actor,
      action: 'customer.merged',
      subject: `customer:${survivorId}`,
      details: {
        opId,
        mergedIds,
        provenance,
        withdrawnConsents: withdraw,
        restricted,
        cases: snapshot.cases.map(([caseId]) => caseId),
      },
    });
    indexCustomersNow(db, everyone);
    return opId;
  })();
}
