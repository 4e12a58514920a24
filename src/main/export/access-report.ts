import { join } from 'node:path';
import { accessDocument, type Block } from './access-document';
import type { ExportContext } from './export-context';
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
th,td{border:1px solid #d0d0d0;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f2f2f2;overflow-wrap:normal;hyphens:auto}td.withheld{color:#666;font-style:italic}
caption{text-align:left;position:absolute;left:-9999px}
.facts th{width:14rem;background:none}
small{color:#555}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}}
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

const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

function html(block: Exclude<Block, { kind: 'table' }>): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>\n`;
    case 'paragraph':
      return block.small
        ? `<p><small>${lines(block.text)}</small></p>\n`
        : `<p>${lines(block.text)}</p>\n`;
    case 'facts':
      return `<table class="facts"><tbody>${block.rows
        .map(
          (r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td>${lines(r.value)}</td></tr>`,
        )
        .join('')}</tbody></table>\n`;
    case 'list':
      return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>\n`;
  }
}

/**
 * The human-readable answer to an access request, rendered from the access document (the PDF
 * renders the same one). Streamed, so a subject with tens of thousands of events is written with
 * flat memory.
 */
export async function writeAccessReport(ctx: ExportContext): Promise<string[]> {
  const doc = accessDocument(ctx);
  const out = openTextOutput(join(ctx.dir, REPORT_NAME));
  await out.write(`<!doctype html>
<html lang="${escapeHtml(doc.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style></head><body>
`);
  for (const block of doc.blocks) {
    if (block.kind !== 'table') {
      await out.write(html(block));
      continue;
    }
    await out.write(
      `<table><caption>${escapeHtml(block.caption)}</caption><thead><tr>${block.columns
        .map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`)
        .join('')}</tr></thead><tbody>\n`,
    );
    for (const row of block.rows(REPORT_NAME)) {
      const cells = row.cells.map((cell, i) =>
        row.withheld[i]
          ? `<td class="withheld">${escapeHtml(cell.join(' '))}</td>`
          : `<td>${cell.map(escapeHtml).join('<br>')}</td>`,
      );
      await out.write(`<tr>${cells.join('')}</tr>\n`);
    }
    await out.write('</tbody></table>\n');
  }
  await out.write('</body></html>\n');
  await out.close();
  return [REPORT_NAME];
}
