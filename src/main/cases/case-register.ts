import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { REQUEST_TYPE_LABELS, STATUS_LABELS, type CaseSummary } from '../../shared/cases';
import { csvLine, neutraliseCell, type CellValue } from '../export/spreadsheet-safety';
import type { CaseRecord } from './case-record';

/**
 * The register of requests (the record a regulator asks to see): one row per case with what was
 * asked, when, by which deadline, whether it was extended and why, how identity was checked, who
 * approved, and how and when it closed. The requester is named; their contact details are not.
 */
const COLUMNS: { header: string; width: number; value: (c: RegisterCase) => CellValue }[] = [
  {
    header: 'Reference',
    width: 18,
    value: (c) => c.record.reference ?? `(pending) ${c.record.caseId}`,
  },
  { header: 'Law', width: 7, value: (c) => c.record.jurisdiction.toUpperCase() },
  { header: 'Request', width: 28, value: (c) => REQUEST_TYPE_LABELS[c.record.requestType] },
  { header: 'Channel', width: 10, value: (c) => c.record.channel.replace('_', ' ') },
  { header: 'Requester', width: 24, value: (c) => c.record.requester.names[0] ?? '' },
  { header: 'Authorised agent', width: 20, value: (c) => c.record.agent?.name ?? '' },
  {
    header: 'Received',
    width: 12,
    value: (c) => localDate(c.record.receivedAt, c.record.timeZone),
  },
  { header: 'Time zone', width: 18, value: (c) => c.record.timeZone },
  { header: 'Due', width: 12, value: (c) => c.summary.deadline.dueDate },
  { header: 'Extended', width: 9, value: (c) => (c.record.extension ? 'yes' : 'no') },
  { header: 'Extension reason', width: 30, value: (c) => c.record.extension?.reason ?? '' },
  { header: 'Days paused', width: 8, value: (c) => c.summary.deadline.daysPaused },
  {
    header: 'Identity',
    width: 24,
    value: (c) =>
      c.record.verification === null
        ? 'not verified'
        : c.record.verification.kind === 'verified'
          ? `verified: ${c.record.verification.method.replace(/_/g, ' ')}`
          : `override: ${c.record.verification.reason}`,
  },
  {
    header: 'Approved by',
    width: 16,
    value: (c) =>
      c.record.approval?.decision === 'approved' ? (c.record.approval.decidedBy ?? '') : '',
  },
  { header: 'Status', width: 16, value: (c) => STATUS_LABELS[c.record.status] },
  {
    header: 'Closed',
    width: 12,
    value: (c) => (c.record.closedAt ? localDate(c.record.closedAt, c.record.timeZone) : ''),
  },
  { header: 'Outcome reason', width: 30, value: (c) => c.record.resolution ?? '' },
  {
    header: 'On time',
    width: 8,
    value: (c) =>
      c.summary.deadline.state === 'met'
        ? 'yes'
        : c.summary.deadline.state === 'missed'
          ? 'no'
          : '',
  },
  { header: 'Subject records', width: 9, value: (c) => c.record.subjectIds.length },
  { header: 'Assignee', width: 14, value: (c) => c.record.assignee ?? '' },
];

export interface RegisterCase {
  record: CaseRecord;
  summary: CaseSummary;
}

function localDate(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toISODate() ?? '';
}

export const REGISTER_HEADERS = COLUMNS.map((c) => c.header);

export async function writeRegisterCsv(path: string, cases: RegisterCase[]): Promise<void> {
  const out = createWriteStream(path, { flags: 'w' });
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  out.write('\uFEFF');
  out.write(csvLine(REGISTER_HEADERS));
  for (const c of cases) {
    if (!out.write(csvLine(COLUMNS.map((col) => col.value(c))))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function writeRegisterXlsx(path: string, cases: RegisterCase[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  workbook.creator = 'Reflect Privacy Desk';
  const sheet = workbook.addWorksheet('Register of requests', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const c of cases) {
    sheet
      .addRow(
        COLUMNS.map((col) => {
          const value = col.value(c);
          return typeof value === 'string' ? neutraliseCell(value) : value;
        }),
      )
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
