import { join } from 'node:path';
import { DateTime } from 'luxon';
import {
  EXPORT_TABLE_LABELS,
  EXPORT_TABLES,
  STATEMENT_CATEGORY_LABELS,
  type RedactionRecord,
} from '../../shared/exports';
import { REQUEST_TYPE_LABELS } from '../../shared/cases';
import { PROGRESS_EVERY, type ExportContext } from './export-context';
import { EXPORT_TABLE_SPECS, tableSpec } from './export-tables';
import { openTextOutput } from './text-output';

export const REPORT_NAME = 'access-report.html';

/**
 * No script, no remote fetch, no form: the report is opened by someone outside the company, in
 * whatever browser they have, so it carries its own policy and only inline styles.
 */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;color:#1b1b1b;max-width:70rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}h3{margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:13px}
th,td{border:1px solid #d0d0d0;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.withheld{color:#666;font-style:italic}
pre{margin:0;white-space:pre-wrap;font:12px/1.4 ui-monospace,monospace}
.meta td:first-child{width:14rem;font-weight:600}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '<td></td>';
  if (typeof value === 'object') {
    return `<td><pre>${escapeHtml(JSON.stringify(value, null, 1))}</pre></td>`;
  }
  return `<td>${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value))}</td>`;
}

function describeRedaction(r: RedactionRecord): string {
  const table = EXPORT_TABLE_LABELS[r.table];
  const what =
    r.column === null
      ? `one entry (${r.rowId ?? ''})`
      : r.rowId === null
        ? `the field “${r.column}” in every entry`
        : `the field “${r.column}” of entry ${r.rowId}`;
  return `<li>${escapeHtml(`${table}: ${what}. Reason: ${r.reason}`)}</li>`;
}

/**
 * The human-readable answer to an access request: what Article 15 GDPR (or the CCPA's right to
 * know) says the person must be told, then the data itself, table by table. Streamed, so a
 * subject with tens of thousands of events is written with flat memory.
 */
export async function writeAccessReport(ctx: ExportContext): Promise<string[]> {
  const { collection, statement } = ctx;
  const record = collection.record;
  const out = openTextOutput(join(ctx.dir, REPORT_NAME));
  const generated = DateTime.fromISO(ctx.generatedAt, { zone: record.timeZone });
  const law =
    record.jurisdiction === 'gdpr'
      ? 'Article 15 of the General Data Protection Regulation (GDPR)'
      : 'the California Consumer Privacy Act (CCPA), right to know';
  await out.write(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`Your personal data held by ${ctx.organisationName}`)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(`Your personal data held by ${ctx.organisationName}`)}</h1>
<table class="meta"><tbody>
<tr><td>Request</td>${cell(`${record.reference ?? record.caseId}: ${REQUEST_TYPE_LABELS[record.requestType]}`)}</tr>
<tr><td>Received</td>${cell(DateTime.fromISO(record.receivedAt, { zone: record.timeZone }).toISODate())}</tr>
<tr><td>Report prepared</td>${cell(generated.toISODate())}</tr>
<tr><td>Records found</td>${cell(`${collection.customerIds.length} customer record(s): ${collection.customerIds.join(', ')}`)}</tr>
</tbody></table>
<p>${escapeHtml(`This report answers your request under ${law}. It tells you why we process your personal data, what kinds of data we hold, who receives it, how long we keep it and where it came from, followed by a copy of the data itself.`)}</p>
`);

  await out.write('<h2>How we use your data</h2>');
  const categories = EXPORT_TABLE_SPECS.filter(
    (s) => s.category !== null && collection.count(s.table) > 0,
  );
  for (const spec of categories) {
    if (spec.category === null) continue;
    const c = statement.categories[spec.category];
    await out.write(`<h3>${escapeHtml(STATEMENT_CATEGORY_LABELS[spec.category])}</h3>
<table class="meta"><tbody>
<tr><td>Why we process it</td>${cell(c.purposes)}</tr>
<tr><td>Legal basis</td>${cell(c.legalBasis)}</tr>
<tr><td>Who receives it</td>${cell(c.recipients || 'No one outside the company.')}</tr>
<tr><td>How long we keep it</td>${cell(c.retention)}</tr>
<tr><td>Where it came from</td>${cell(c.source)}</tr>
</tbody></table>`);
  }
  if (statement.transfers) {
    await out.write(`<h3>Transfers outside your country</h3>${paragraphs(statement.transfers)}`);
  }
  await out.write(
    `<h3>Automated decisions</h3>${paragraphs(statement.automatedDecisions || 'We make no decisions about you based solely on automated processing, including profiling.')}`,
  );

  await out.write(`<h2>Your rights</h2>
<p>You may ask us to correct data that is wrong, to erase it, to restrict how we use it, or object to our using it, and you may ask for a machine-readable copy of the data you gave us.</p>
${paragraphs(`You also have the right to complain to a supervisory authority: ${statement.supervisoryAuthority}`)}
<h3>Who is responsible</h3>${paragraphs(statement.controller)}
${statement.dpoContact ? `<h3>Data protection officer</h3>${paragraphs(statement.dpoContact)}` : ''}`);

  if (collection.redactionRecords.length > 0) {
    await out.write(`<h2>Information withheld</h2>
<p>Some information was left out of this report, for the reasons given. Withheld fields are marked “withheld”.</p>
<ul>${collection.redactionRecords.map(describeRedaction).join('')}</ul>`);
  }

  await out.write('<h2>Your data</h2>');
  for (const table of EXPORT_TABLES) {
    const spec = tableSpec(table);
    const columns = spec.columns;
    const count = collection.count(table);
    await out.write(
      `<h3>${escapeHtml(`${EXPORT_TABLE_LABELS[table]} (${count})`)}</h3><p>${escapeHtml(spec.description)}</p>`,
    );
    if (count === 0) continue;
    await out.write(
      `<table><thead><tr>${columns.map((c) => `<th title="${escapeHtml(c.description)}">${escapeHtml(c.name)}</th>`).join('')}</tr></thead><tbody>\n`,
    );
    let n = 0;
    for (const row of collection.rows(table)) {
      const cells = columns.map((c) =>
        collection.isHidden(table, row, c.name)
          ? '<td class="withheld">withheld</td>'
          : cell(row[c.name]),
      );
      await out.write(`<tr>${cells.join('')}</tr>\n`);
      if (++n % PROGRESS_EVERY === 0) ctx.advance(REPORT_NAME, PROGRESS_EVERY);
    }
    ctx.advance(REPORT_NAME, n % PROGRESS_EVERY);
    await out.write('</tbody></table>');
  }
  await out.write(
    `<p><small>${escapeHtml(`Prepared by ${ctx.organisationName} on ${generated.toISO() ?? ctx.generatedAt}. The package's manifest.json lists every file with its SHA-256 checksum.`)}</small></p>
</body></html>
`,
  );
  await out.close();
  return [REPORT_NAME];
}
