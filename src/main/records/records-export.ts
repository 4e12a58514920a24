import ExcelJS from 'exceljs';
import { STATEMENT_CATEGORY_LABELS } from '../../shared/exports';
import type { ActivityChange, StoredActivity } from '../../shared/records';
import type { RequesterLanguage } from '../../shared/requester-languages';
import type { AccessDocument, Block } from '../export/access-document';
import { writeDocumentPdf } from '../export/access-report-pdf';
import { neutraliseCell } from '../export/spreadsheet-safety';
import { fill, RECORDS_WORDS, type RecordsWords } from './records-words';

export interface RegisterSnapshot {
  organisation: string;
  activities: StoredActivity[];
  /** The newest changes (the spreadsheet's second sheet); the version counts all of them. */
  changes: ActivityChange[];
  /** The register's version: one more with every change saved or removal, never reused. */
  version: number;
  /** When it was read; printed as the register's date. */
  at: string;
  language: RequesterLanguage;
}

type Field = {
  heading: (w: RecordsWords) => string;
  width: number;
  value: (a: StoredActivity, w: RecordsWords) => string | number;
};

const categories = (a: StoredActivity, w: RecordsWords) =>
  a.data_categories.map((c) => w.categories[c]).join(', ');
const sections = (a: StoredActivity) =>
  a.report_sections.map((s) => STATEMENT_CATEGORY_LABELS[s]).join(', ');

const FIELDS: Field[] = [
  { heading: (w) => w.id, width: 16, value: (a) => a.activity_id },
  { heading: (w) => w.name, width: 28, value: (a) => a.name },
  { heading: (w) => w.purposes, width: 40, value: (a) => a.purposes },
  { heading: (w) => w.legalBasis, width: 32, value: (a) => a.legal_basis },
  { heading: (w) => w.subjects, width: 22, value: (a) => a.subject_categories.join(', ') },
  { heading: (w) => w.data, width: 28, value: categories },
  { heading: (w) => w.recipients, width: 30, value: (a) => a.recipients },
  { heading: (w) => w.transfers, width: 30, value: (a) => a.transfers },
  { heading: (w) => w.retention, width: 28, value: (a) => a.retention },
  { heading: (w) => w.security, width: 36, value: (a) => a.security_measures },
  { heading: (w) => w.controller, width: 28, value: (a) => a.controller_contact },
  { heading: (w) => w.dpo, width: 24, value: (a) => a.dpo_contact },
  { heading: (w) => w.sections, width: 22, value: sections },
  { heading: (w) => w.version, width: 8, value: (a) => a.version },
  { heading: (w) => w.updatedAt, width: 20, value: (a) => a.updated_at },
  { heading: (w) => w.updatedBy, width: 16, value: (a) => a.updated_by },
];

/** Text the officer typed reaches a cell only neutralised: a leading "=" never runs. */
const cell = (value: string | number) =>
  typeof value === 'string' ? neutraliseCell(value) : value;

/**
 * The register as a workbook: the activities on one sheet (one row each, headings in the
 * chosen language), every saved version and removal on a second.
 */
export async function writeRecordsXlsx(path: string, snapshot: RegisterSnapshot): Promise<void> {
  const w = RECORDS_WORDS[snapshot.language];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Reflect Privacy Desk';
  workbook.title = w.title;
  const sheet = workbook.addWorksheet(w.activities, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = FIELDS.map((f) => ({ header: f.heading(w), width: f.width }));
  sheet.getRow(1).font = { bold: true };
  for (const a of snapshot.activities) {
    const row = sheet.addRow(FIELDS.map((f) => cell(f.value(a, w))));
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  const changes = workbook.addWorksheet(w.changes, { views: [{ state: 'frozen', ySplit: 1 }] });
  changes.columns = [
    { header: w.id, width: 16 },
    { header: w.name, width: 28 },
    { header: w.version, width: 8 },
    { header: w.change, width: 12 },
    { header: w.updatedAt, width: 20 },
    { header: w.updatedBy, width: 16 },
  ];
  changes.getRow(1).font = { bold: true };
  for (const c of snapshot.changes) {
    changes.addRow(
      [
        c.activity_id,
        c.name,
        c.version,
        c.change === 'set' ? w.saved : w.removed,
        c.changed_at,
        c.changed_by,
      ].map(cell),
    );
  }
  await workbook.xlsx.writeFile(path);
}

/** The register as a document model, so the PDF is drawn by the access report's writer. */
export function recordsDocument(snapshot: RegisterSnapshot): AccessDocument {
  const w = RECORDS_WORDS[snapshot.language];
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: w.title },
    {
      kind: 'paragraph',
      text: fill(w.subtitle, {
        organisation: snapshot.organisation,
        date: snapshot.at.slice(0, 10),
        version: snapshot.version,
      }),
    },
  ];
  if (snapshot.activities.length === 0) blocks.push({ kind: 'paragraph', text: w.empty });
  for (const a of snapshot.activities) {
    const or = (text: string) => text.trim() || w.none;
    blocks.push(
      { kind: 'heading', level: 2, text: a.name },
      {
        kind: 'facts',
        rows: [
          { label: w.purposes, value: a.purposes },
          { label: w.legalBasis, value: a.legal_basis },
          { label: w.subjects, value: a.subject_categories.join(', ') },
          { label: w.data, value: categories(a, w) },
          { label: w.recipients, value: or(a.recipients) },
          { label: w.transfers, value: or(a.transfers) },
          { label: w.retention, value: a.retention },
          { label: w.security, value: or(a.security_measures) },
          { label: w.controller, value: or(a.controller_contact) },
          { label: w.dpo, value: or(a.dpo_contact) },
          {
            label: w.version,
            value: `${a.version} · ${a.updated_at.replace('T', ' ').replace('Z', ' UTC')} · ${a.updated_by}`,
          },
        ],
      },
    );
  }
  return {
    language: snapshot.language,
    title: w.title,
    withheldMark: '',
    pageLabel: (page) => fill(w.page, { page }),
    blocks,
  };
}

export async function writeRecordsPdf(path: string, snapshot: RegisterSnapshot): Promise<void> {
  await writeDocumentPdf(recordsDocument(snapshot), {
    path,
    country: null,
    author: snapshot.organisation,
    createdAt: snapshot.at,
    createFile: false,
  });
}
