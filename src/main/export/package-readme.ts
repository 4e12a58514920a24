import { join } from 'node:path';
import { EXPORT_TABLE_LABELS, EXPORT_TABLES, type ExportFormat } from '../../shared/exports';
import type { ExportContext } from './export-context';
import { tableSpec } from './export-tables';
import { WORKBOOK_NAME } from './package-xlsx';
import { PORTABILITY_SCHEMA_VERSION } from './portability-schema';
import { REPORT_NAME } from './access-report';
import { openTextOutput } from './text-output';

export const README_NAME = 'README.txt';
export const CHECKSUMS_NAME = 'checksums.sha256';
export const MANIFEST_NAME = 'manifest.json';

/** README.txt: what each file is, what each column means, what was withheld, how to check it. */
export async function writeReadme(ctx: ExportContext, formats: ExportFormat[]): Promise<string[]> {
  const { collection } = ctx;
  const record = collection.record;
  const lines: string[] = [
    `YOUR PERSONAL DATA FROM ${ctx.organisationName.toUpperCase()}`,
    '',
    `Request: ${record.reference ?? record.caseId} (${record.jurisdiction.toUpperCase()} ${record.requestType.replace(/_/g, ' ')})`,
    `Prepared: ${ctx.generatedAt}`,
    `Customer records included: ${collection.customerIds.join(', ')}`,
    '',
    'WHAT IS IN THIS PACKAGE',
    '',
  ];
  if (formats.includes('html')) {
    lines.push(
      `  ${REPORT_NAME}`,
      '      A readable report: why we process your data, who receives it, how long we keep it,',
      '      where it came from, your rights, and the data itself. Open it in any web browser.',
    );
  }
  if (formats.includes('json')) {
    lines.push(
      '  data.json',
      `      All the data in one machine-readable file (UTF-8 JSON, format version ${PORTABILITY_SCHEMA_VERSION}),`,
      '      for moving it to another service. Values are exactly as we hold them.',
      '  schema.json',
      '      The JSON Schema that describes data.json, column by column.',
    );
  }
  if (formats.includes('csv')) {
    lines.push(
      '  <table>.csv',
      '      One file per table below (RFC 4180, UTF-8 with a byte-order mark, first row = column names).',
    );
  }
  if (formats.includes('xlsx')) {
    lines.push(
      `  ${WORKBOOK_NAME}`,
      '      The same tables as sheets of one spreadsheet workbook.',
    );
  }
  lines.push(
    `  ${README_NAME}`,
    '      This file.',
    `  ${MANIFEST_NAME}`,
    '      Every other file with its size and SHA-256 checksum, when the package was made, and',
    '      what was withheld (never the withheld values).',
    `  ${CHECKSUMS_NAME}`,
    '      The same checksums in the format of the sha256sum tool.',
    '',
    'TABLES',
    '',
  );
  for (const table of EXPORT_TABLES) {
    const spec = tableSpec(table);
    lines.push(
      `  ${table} - ${EXPORT_TABLE_LABELS[table]} (${collection.count(table)} rows)`,
      `      ${spec.description}`,
    );
    for (const c of spec.columns) lines.push(`      ${c.name.padEnd(18)} ${c.description}`);
    lines.push('');
  }
  lines.push('INFORMATION WITHHELD', '');
  if (collection.redactionRecords.length === 0) {
    lines.push('  Nothing was withheld.');
  } else {
    lines.push(
      '  Some information was left out, for the reasons below. A withheld field is empty (null in',
      '  data.json); a withheld row is absent.',
    );
    for (const r of collection.redactionRecords) {
      const what =
        r.column === null
          ? `row ${r.rowId ?? ''}`
          : r.rowId === null
            ? `column ${r.column} in every row`
            : `column ${r.column} of row ${r.rowId}`;
      lines.push(`  - ${r.table}: ${what}. Reason: ${r.reason}`);
    }
  }
  lines.push(
    '',
    'SPREADSHEET SAFETY',
    '',
    '  In the CSV files and the workbook, a text cell that begins with = + - @ or a tab or carriage',
    "  return starts with an extra ' so that spreadsheet programs show it as text and never run it",
    '  as a formula. data.json holds the values unchanged.',
    '',
    'CHECKING THE PACKAGE',
    '',
    '  Every file is listed in manifest.json with its SHA-256 checksum. To check them:',
    '    Linux:   sha256sum -c checksums.sha256',
    '    macOS:   shasum -a 256 -c checksums.sha256',
    '    Windows: Get-FileHash -Algorithm SHA256 <file>   (PowerShell; compare with manifest.json)',
    '',
  );
  const out = openTextOutput(join(ctx.dir, README_NAME));
  await out.write(lines.join('\r\n'));
  await out.close();
  return [README_NAME];
}
