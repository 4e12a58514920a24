import type { ExportTable, Redaction } from '../../../../shared/exports';

/** What the officer chose to withhold from one table, and why. */
export interface TableWithholding {
  columns: string[];
  rows: string[];
  reason: string;
}

export type WithholdingDraft = Partial<Record<ExportTable, TableWithholding>>;

export const EMPTY_WITHHOLDING: TableWithholding = { columns: [], rows: [], reason: '' };

/** The redactions to send; a table with something chosen but no reason is named instead. */
export function toRedactions(draft: WithholdingDraft): {
  redactions: Redaction[];
  missingReason: ExportTable[];
} {
  const redactions: Redaction[] = [];
  const missingReason: ExportTable[] = [];
  for (const [table, w] of Object.entries(draft) as [ExportTable, TableWithholding][]) {
    if (w.columns.length === 0 && w.rows.length === 0) continue;
    const reason = w.reason.trim();
    if (reason === '') {
      missingReason.push(table);
      continue;
    }
    for (const column of w.columns) redactions.push({ table, column, rowId: null, reason });
    for (const rowId of w.rows) redactions.push({ table, column: null, rowId, reason });
  }
  return { redactions, missingReason };
}
