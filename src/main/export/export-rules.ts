import { APPROVAL_REQUIRED, REQUEST_TYPE_LABELS, type RequestType } from '../../shared/cases';
import type { ExportFormat } from '../../shared/exports';
import type { CaseRecord } from '../cases/case-record';

/** The requests whose answer is data leaving the company. */
const EXPORTABLE: ReadonlySet<RequestType> = new Set(['access', 'portability', 'know']);

/**
 * Why this case may not be exported now, or null. Data leaves only for a request that asks for
 * it, and, where four eyes apply, only once a second officer approved it for the subjects now
 * linked (linking or unlinking a subject withdraws an approval).
 */
export function exportBlocker(record: CaseRecord): string | null {
  if (!EXPORTABLE.has(record.requestType)) {
    return `A ${REQUEST_TYPE_LABELS[record.requestType]} request is not answered with a copy of the data.`;
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

/** What each request usually receives: a readable report for access, machine-readable for portability. */
export function defaultFormats(record: CaseRecord): ExportFormat[] {
  return record.requestType === 'portability' ? ['json', 'csv', 'xlsx'] : ['html', 'json'];
}
