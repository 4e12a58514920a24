import { EXPORT_TABLES, type ExportTable, type RedactionRecord } from '../../shared/exports';
import type { MessageKey } from '../requester/catalogues';
import type { Labels } from '../requester/labels';
import type { Translator } from '../requester/translator';
import { PROGRESS_EVERY, type ExportContext } from './export-context';
import { EXPORT_TABLE_SPECS, tableSpec } from './export-tables';
import { readableCell } from './readable-values';

/**
 * The access report as a document model: headings, paragraphs, label/value pairs, lists and data
 * tables, already in the requester's words. The HTML and the PDF are two renderings of this one
 * model, so they can never say different things.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; small?: boolean }
  | { kind: 'facts'; rows: { label: string; value: string }[] }
  | { kind: 'list'; items: string[] }
  | DataTable;

export interface DataTable {
  kind: 'table';
  table: ExportTable;
  caption: string;
  columns: { label: string; hint: string }[];
  count: number;
  /** Rows as lines of text per cell, streamed from the snapshot; `file` is reported as progress. */
  rows(file: string): Generator<{ cells: string[][]; withheld: boolean[] }>;
}

export interface AccessDocument {
  language: string;
  title: string;
  withheldMark: string;
  pageLabel(page: number): string;
  blocks: Block[];
}

/** Splits a paragraph the officer wrote (with blank lines) into paragraphs. */
function paragraphs(text: string): Block[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ kind: 'paragraph', text: p }));
}

function describeRedaction(r: RedactionRecord, tr: Translator, labels: Labels): string {
  const args = {
    table: labels.table(r.table),
    column: r.column === null ? '' : labels.column(r.table, r.column),
    row: r.rowId ?? '',
    reason: r.reason,
  };
  const key: MessageKey =
    r.column === null ? 'redaction.row' : r.rowId === null ? 'redaction.column' : 'redaction.cell';
  return tr.t(key, args);
}

export function accessDocument(ctx: ExportContext): AccessDocument {
  const { collection, statement, tr, labels, organisation } = ctx;
  const record = collection.record;
  const name = organisation.name;
  const title = tr.t('report.title', { organisation: name });
  const ids = collection.customerIds.join(', ');
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'facts',
      rows: [
        {
          label: tr.t('report.request'),
          value: tr.t('report.requestValue', {
            reference: record.reference ?? record.caseId,
            // A label, not a sentence: the short name (“Auskunft”), never “Ihren Antrag auf …”.
            request: `${tr.t(`code.requestType.${record.requestType}`)} (${tr.t(`code.law.${record.jurisdiction}`)})`,
          }),
        },
        { label: tr.t('report.received'), value: tr.date(record.receivedAt) },
        { label: tr.t('report.prepared'), value: tr.date(ctx.generatedAt) },
        {
          label: tr.t('report.records'),
          value: tr.t('report.recordsValue', { count: collection.customerIds.length, ids }),
        },
      ],
    },
    {
      kind: 'paragraph',
      text: tr.t('report.intro', {
        law: tr.t(record.jurisdiction === 'gdpr' ? 'law.gdpr' : 'law.ccpa'),
      }),
    },
    { kind: 'heading', level: 2, text: tr.t('report.howWeUse') },
  ];
  for (const spec of EXPORT_TABLE_SPECS) {
    if (spec.category === null || collection.count(spec.table) === 0) continue;
    const c = statement.categories[spec.category];
    blocks.push(
      { kind: 'heading', level: 3, text: labels.category(spec.category) },
      {
        kind: 'facts',
        rows: [
          { label: tr.t('report.purposes'), value: c.purposes },
          { label: tr.t('report.legalBasis'), value: c.legalBasis },
          {
            label: tr.t('report.recipients'),
            value: c.recipients || tr.t('report.recipientsNone', { organisation: name }),
          },
          { label: tr.t('report.retention'), value: c.retention },
          { label: tr.t('report.source'), value: c.source },
        ],
      },
    );
  }
  if (statement.transfers) {
    blocks.push(
      { kind: 'heading', level: 3, text: tr.t('report.transfers') },
      ...paragraphs(statement.transfers),
    );
  }
  blocks.push(
    { kind: 'heading', level: 3, text: tr.t('report.automated') },
    ...paragraphs(statement.automatedDecisions || tr.t('report.automatedNone')),
    { kind: 'heading', level: 2, text: tr.t('report.rights') },
    { kind: 'paragraph', text: tr.t('report.rightsText', { law: record.jurisdiction }) },
    {
      kind: 'paragraph',
      text: tr.t('report.complain', { authority: statement.supervisoryAuthority }),
    },
    { kind: 'heading', level: 3, text: tr.t('report.controller') },
    ...paragraphs(statement.controller),
  );
  if (organisation.address) {
    blocks.push({ kind: 'paragraph', text: `${name}\n${organisation.address}` });
  }
  const dpo = organisation.dpoContact || statement.dpoContact;
  if (dpo) blocks.push({ kind: 'heading', level: 3, text: tr.t('report.dpo') }, ...paragraphs(dpo));

  const mark = tr.t('report.withheldMark');
  if (collection.redactionRecords.length > 0) {
    blocks.push(
      { kind: 'heading', level: 2, text: tr.t('report.withheld') },
      { kind: 'paragraph', text: tr.t('report.withheldIntro', { mark }) },
      {
        kind: 'list',
        items: collection.redactionRecords.map((r) => describeRedaction(r, tr, labels)),
      },
    );
  }

  blocks.push({ kind: 'heading', level: 2, text: tr.t('report.yourData') });
  for (const table of EXPORT_TABLES) {
    const spec = tableSpec(table);
    const count = collection.count(table);
    const caption = tr.t('report.tableHeading', { table: labels.table(table), count });
    blocks.push({ kind: 'heading', level: 3, text: caption });
    const info = labels.tableInfo(table);
    if (info) blocks.push({ kind: 'paragraph', text: info });
    if (count === 0) continue;
    blocks.push({
      kind: 'table',
      table,
      caption,
      count,
      columns: spec.columns.map((c) => ({ label: labels.column(table, c.name), hint: c.name })),
      *rows(file) {
        let n = 0;
        for (const row of collection.rows(table)) {
          const withheld = spec.columns.map((c) => collection.isHidden(table, row, c.name));
          const cells = spec.columns.map((c, i) =>
            withheld[i] ? [mark] : readableCell(c, row, tr, organisation.currency),
          );
          yield { cells, withheld };
          if (++n % PROGRESS_EVERY === 0) ctx.advance(file, PROGRESS_EVERY);
        }
        ctx.advance(file, n % PROGRESS_EVERY);
      },
    });
  }
  blocks.push({
    kind: 'paragraph',
    small: true,
    text: tr.t('report.footer', { organisation: name, date: tr.dateTime(ctx.generatedAt) }),
  });
  return {
    language: tr.locale,
    title,
    withheldMark: mark,
    pageLabel: (page) => tr.t('report.page', { page }),
    blocks,
  };
}
