import type { SqliteDatabase } from '../db/open';
import { scrubJson, scrubText } from '../purge/scrub-text';

interface ExportText {
  export_id: string;
  path: string;
  files: string;
  redactions: string;
  last_verification: string | null;
}

/**
 * Removes an erased person's names and emails from the desk's export history: a package's path
 * (an officer may well have named the folder after the requester), its file list, the reasons
 * given for withholding and the last verification's summary. The rest of the row stays: it is
 * the record that a package was written, when, by whom and with which checksums. Returns how
 * many exports were changed.
 */
export function scrubExportHistory(db: SqliteDatabase, needles: readonly string[]): number {
  if (needles.length === 0) return 0;
  const rows = db
    .prepare('SELECT export_id, path, files, redactions, last_verification FROM exports')
    .all() as ExportText[];
  const update = db.prepare(
    `UPDATE exports SET path = ?, files = ?, redactions = ?, last_verification = ?
     WHERE export_id = ?`,
  );
  /** The JSON text scrubbed, or null when nothing in it named the person. */
  const scrubbed = (text: string | null): string | null => {
    if (text === null) return null;
    const before = JSON.parse(text) as unknown;
    const after = JSON.stringify(scrubJson(before, needles));
    return after === JSON.stringify(before) ? null : after;
  };
  let changed = 0;
  for (const row of rows) {
    const path = scrubText(row.path, needles);
    const files = scrubbed(row.files);
    const redactions = scrubbed(row.redactions);
    const verification = scrubbed(row.last_verification);
    if (path === row.path && files === null && redactions === null && verification === null) {
      continue;
    }
    update.run(
      path,
      files ?? row.files,
      redactions ?? row.redactions,
      verification ?? row.last_verification,
      row.export_id,
    );
    changed += 1;
  }
  return changed;
}
