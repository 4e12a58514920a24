import { APPROVAL_REQUIRED, REQUEST_TYPE_LABELS, type RequestType } from '../../shared/cases';
import type { ExportFormat } from '../../shared/exports';
import type { CaseRecord } from '../cases/case-record';
import type { SqliteDatabase } from '../db/open';

/** The requests whose answer is data leaving the company. */
const EXPORTABLE: ReadonlySet<RequestType> = new Set(['access', 'portability', 'know']);

/**
 * Why this case may not be exported now, or null. Data leaves only for a request that asks for
 * it, and, where four eyes apply, only once a second officer approved it for the subjects now
 * linked (linking or unlinking a subject withdraws an approval) and central has confirmed that
 * approval: a decision only this desk knows of may still be refused.
 */
export function exportBlocker(db: SqliteDatabase, record: CaseRecord): string | null {
  return caseBlocker(record) ?? unconfirmedApproval(db, record);
}

function caseBlocker(record: CaseRecord): string | null {
  if (!EXPORTABLE.has(record.requestType)) {
    return `This request (${REQUEST_TYPE_LABELS[record.requestType]}) is not answered with a copy of the data.`;
  }
  if (record.status === 'rejected' || record.status === 'withdrawn') {
    return 'The request was closed without fulfilment.';
  }
  if (record.subjectIds.length === 0) return 'Link the subject’s records to the case first.';
  if (APPROVAL_REQUIRED.has(record.requestType) && record.approval?.decision !== 'approved') {
    return 'A second officer must approve the disclosure first (ask for approval on the case).';
  }
  return null;
}

/**
 * Whether the approval the desk shows may be one central has not recorded: an approval decision
 * for this case still queued here, or any queued change to the case row (until central answers
 * it, the desk shows its own version of the case, approval included). A change central refused
 * stays queued as a conflict until the officer resolves it.
 */
function unconfirmedApproval(db: SqliteDatabase, record: CaseRecord): string | null {
  if (!APPROVAL_REQUIRED.has(record.requestType)) return null;
  const states = db
    .prepare(
      `SELECT DISTINCT o.state FROM outbox o
       WHERE (o.operation = 'case.decide-approval' AND o.payload ->> '$.case_id' = ?)
          OR EXISTS (SELECT 1 FROM outbox_rows r
                     WHERE r.op_id = o.op_id AND r.table_name = 'cases' AND r.pk = ?)`,
    )
    .pluck()
    .all(record.caseId, record.caseId) as string[];
  if (states.includes('rejected')) {
    return 'Central refused a change to this case, so the approval shown here is not confirmed: resolve the conflict on the Sync screen, sync, then export.';
  }
  if (states.length > 0) return 'The approval has not reached central yet: sync, then export.';
  return null;
}

/**
 * Above this many rows the PDF is not chosen by default: it takes about 2.5 ms and 35 KB of memory
 * a row (README, Benchmarks), where the HTML report with the same content streams in flat memory.
 */
export const PDF_DEFAULT_MAX_ROWS = 5000;

/** What each request usually receives: a readable report for access, machine-readable for portability. */
export function defaultFormats(record: CaseRecord, rows = 0): ExportFormat[] {
  if (record.requestType === 'portability') return ['json', 'csv', 'xlsx'];
  return rows > PDF_DEFAULT_MAX_ROWS ? ['html', 'json'] : ['html', 'pdf', 'json'];
}

export function pdfSizeWarning(rows: number): string[] {
  return rows > PDF_DEFAULT_MAX_ROWS
    ? [
        `This subject has ${rows.toLocaleString('en-GB')} rows: a PDF of them would take minutes and much memory, so it is not chosen by default. The HTML report holds the same content; choose the PDF only if the requester needs it.`,
      ]
    : [];
}
