import type {
  Approval,
  AuthorisedAgent,
  CasePriority,
  CaseStatus,
  Extension,
  Jurisdiction,
  Pause,
  ReceiptChannel,
  Requester,
  RequestType,
  Verification,
} from '../../shared/cases';
import type Sqlite from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from '../db/open';
import type { CaseRow } from '../db/schema';

/** A case as the desk works with it: the replica row with its JSON parsed. */
export interface CaseRecord {
  caseId: string;
  reference: string | null;
  jurisdiction: Jurisdiction;
  requestType: RequestType;
  channel: ReceiptChannel;
  status: CaseStatus;
  requester: Requester;
  agent: AuthorisedAgent | null;
  receivedAt: string;
  timeZone: string;
  subjectIds: number[];
  assignee: string | null;
  priority: CasePriority;
  tags: string[];
  verification: Verification | null;
  extension: Extension | null;
  pauses: Pause[];
  approval: Approval | null;
  acknowledgedAt: string | null;
  resolution: string | null;
  relatedCaseIds: string[];
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const parseOrNull = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function toCaseRecord(row: CaseRow): CaseRecord {
  return {
    caseId: row.case_id,
    reference: row.reference,
    jurisdiction: row.jurisdiction as Jurisdiction,
    requestType: row.request_type as RequestType,
    channel: row.channel as ReceiptChannel,
    status: row.status as CaseStatus,
    requester: JSON.parse(row.requester) as Requester,
    agent: parseOrNull(row.agent) as AuthorisedAgent | null,
    receivedAt: row.received_at,
    timeZone: row.time_zone,
    subjectIds: JSON.parse(row.subject_ids) as number[],
    assignee: row.assignee,
    priority: row.priority as CasePriority,
    tags: JSON.parse(row.tags) as string[],
    verification: parseOrNull(row.verification) as Verification | null,
    extension: parseOrNull(row.extension) as Extension | null,
    pauses: JSON.parse(row.pauses) as Pause[],
    approval: parseOrNull(row.approval) as Approval | null,
    acknowledgedAt: row.acknowledged_at,
    resolution: row.resolution,
    relatedCaseIds: JSON.parse(row.related_case_ids) as string[],
    closedAt: row.closed_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toCaseRow(record: CaseRecord): CaseRow {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return {
    case_id: record.caseId,
    reference: record.reference,
    jurisdiction: record.jurisdiction,
    request_type: record.requestType,
    channel: record.channel,
    status: record.status,
    requester: JSON.stringify(record.requester),
    agent: json(record.agent),
    received_at: record.receivedAt,
    time_zone: record.timeZone,
    subject_ids: JSON.stringify(record.subjectIds),
    assignee: record.assignee,
    priority: record.priority,
    tags: JSON.stringify(record.tags),
    verification: json(record.verification),
    extension: json(record.extension),
    pauses: JSON.stringify(record.pauses),
    approval: json(record.approval),
    acknowledged_at: record.acknowledgedAt,
    resolution: record.resolution,
    related_case_ids: JSON.stringify(record.relatedCaseIds),
    closed_at: record.closedAt,
    created_by: record.createdBy,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    version: record.version,
  };
}

export function loadCase(db: SqliteDatabase, caseId: string): CaseRecord | null {
  const row = db.prepare('SELECT * FROM cases WHERE case_id = ?').get(caseId) as
    CaseRow | undefined;
  return row ? toCaseRecord(row) : null;
}

export function loadAllCases(db: SqliteDatabase): CaseRecord[] {
  return (db.prepare('SELECT * FROM cases').all() as CaseRow[]).map(toCaseRecord);
}

/** Writes the whole row: inserts a new case, or replaces the desk's copy after a local change. */
export function saveCase(db: SqliteDatabase, record: CaseRecord): void {
  const row = toCaseRow(record);
  let statement = upserts.get(db);
  if (!statement) {
    const columns = Object.keys(row);
    statement = db.prepare(
      `INSERT INTO cases (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (case_id) DO UPDATE SET ${columns
         .filter((c) => c !== 'case_id')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    upserts.set(db, statement);
  }
  statement.run(row);
}

/** One prepared upsert per open replica. */
const upserts = new WeakMap<SqliteDatabase, Sqlite.Statement>();

/** Cases with a local change central has not confirmed yet. */
export function pendingCaseIds(db: SqliteDatabase): Set<string> {
  return new Set(
    db
      .prepare(
        `SELECT DISTINCT r.pk FROM outbox_rows r JOIN outbox o USING (op_id)
         WHERE r.table_name = 'cases'`,
      )
      .pluck()
      .all() as string[],
  );
}
