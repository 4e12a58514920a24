import { join } from 'node:path';
import { EXPORT_TABLES, type ExportFormat } from '../../shared/exports';
import type { MessageKey } from '../requester/catalogues';
import type { ExportContext } from './export-context';
import { tableSpec } from './export-tables';
import { WORKBOOK_NAME } from './package-xlsx';
import { PORTABILITY_SCHEMA_VERSION } from './portability-schema';
import { REPORT_NAME } from './access-report';
import { REPORT_PDF_NAME } from './access-report-pdf';
import { openTextOutput } from './text-output';

export const README_NAME = 'README.txt';
export const CHECKSUMS_NAME = 'checksums.sha256';
export const MANIFEST_NAME = 'manifest.json';

const WIDTH = 78;

/** Words wrapped to the width a plain-text reader shows, each line indented. */
function wrap(text: string, indent: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      out.push(' '.repeat(indent) + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(' '.repeat(indent) + line);
  return out;
}

function heading(text: string, locale: string): string[] {
  return [text.toLocaleUpperCase(locale), ''];
}

/**
 * README.txt, in the requester's language: what each file is, what each field means, what was
 * withheld, how to check it. Field names stay as the files spell them, beside their label.
 */
export async function writeReadme(ctx: ExportContext, formats: ExportFormat[]): Promise<string[]> {
  const { collection, tr, labels } = ctx;
  const record = collection.record;
  const t = (key: MessageKey, args?: Record<string, string | number>) => tr.t(key, args);
  const file = (name: string, key: MessageKey, args?: Record<string, string | number>) => [
    `  ${name}`,
    ...wrap(t(key, args), 6),
  ];
  const lines: string[] = [
    ...heading(t('readme.title', { organisation: ctx.organisation.name }), tr.locale),
    t('readme.request', {
      reference: record.reference ?? record.caseId,
      requestType: `${t(`code.requestType.${record.requestType}`)}, ${t(`code.law.${record.jurisdiction}`)}`,
    }),
    t('readme.prepared', { date: tr.dateTime(ctx.generatedAt) }),
    t('readme.records', { ids: collection.customerIds.join(', ') }),
    '',
    ...heading(t('readme.contents'), tr.locale),
  ];
  if (formats.includes('html')) lines.push(...file(REPORT_NAME, 'readme.html'));
  if (formats.includes('pdf')) lines.push(...file(REPORT_PDF_NAME, 'readme.pdf'));
  if (formats.includes('json')) {
    lines.push(
      ...file('data.json', 'readme.json', { version: PORTABILITY_SCHEMA_VERSION }),
      ...file('schema.json', 'readme.schema'),
    );
  }
  if (formats.includes('csv')) lines.push(...file('<table>.csv', 'readme.csv'));
  if (formats.includes('xlsx')) lines.push(...file(WORKBOOK_NAME, 'readme.xlsx'));
  lines.push(
    ...file(README_NAME, 'readme.self'),
    ...file(MANIFEST_NAME, 'readme.manifest'),
    ...file(CHECKSUMS_NAME, 'readme.checksums'),
    '',
    ...heading(t('readme.tables'), tr.locale),
  );
  for (const table of EXPORT_TABLES) {
    const spec = tableSpec(table);
    lines.push(
      `  ${t('readme.tableLine', { file: table, label: labels.table(table), count: collection.count(table) })}`,
    );
    const info = labels.tableInfo(table);
    if (info) lines.push(...wrap(info, 6));
    lines.push(...wrap(t('readme.fields'), 6));
    const pad = Math.max(...spec.columns.map((c) => c.name.length)) + 2;
    for (const c of spec.columns) {
      lines.push(`        ${c.name.padEnd(pad)}${labels.column(table, c.name)}`);
    }
    lines.push('');
  }
  lines.push(...heading(t('readme.withheld'), tr.locale));
  if (collection.redactionRecords.length === 0) {
    lines.push(...wrap(t('readme.nothingWithheld'), 2));
  } else {
    lines.push(...wrap(t('readme.withheldIntro'), 2));
    for (const r of collection.redactionRecords) {
      const args = {
        table: `${r.table} (${labels.table(r.table)})`,
        column: r.column ?? '',
        row: r.rowId ?? '',
        reason: r.reason,
      };
      const key: MessageKey =
        r.column === null
          ? 'redaction.row'
          : r.rowId === null
            ? 'redaction.column'
            : 'redaction.cell';
      const [first, ...rest] = wrap(t(key, args), 4);
      lines.push(`  - ${(first ?? '').trimStart()}`, ...rest);
    }
  }
  lines.push(
    '',
    ...heading(t('readme.safety'), tr.locale),
    ...wrap(t('readme.safetyText'), 2),
    '',
    ...heading(t('readme.checking'), tr.locale),
    ...wrap(t('readme.checkingText'), 2),
    '    Linux:   sha256sum -c checksums.sha256',
    '    macOS:   shasum -a 256 -c checksums.sha256',
    `    Windows: Get-FileHash -Algorithm SHA256 <file>   ${t('readme.windows')}`,
    '',
  );
  const out = openTextOutput(join(ctx.dir, README_NAME));
  await out.write(lines.join('\r\n'));
  await out.close();
  return [README_NAME];
}
