import { stringify } from 'yaml';
import { z } from 'zod';
import { processingActivitySchema, type ProcessingActivity } from '../../shared/records';
import { inFileOrder, pathText, readDocument, type FileProblem } from '../datamap/document-file';

export type ParsedActivities =
  { ok: true; activities: ProcessingActivity[] } | { ok: false; problems: FileProblem[] };

/** A register of 200 activities is far below this. */
export const MAX_RECORDS_FILE_BYTES = 2 * 1024 * 1024;

const fileSchema = z
  .object({ activities: z.array(processingActivitySchema).min(1).max(200) })
  .strict();

/**
 * Reads activities written as YAML or JSON: `activities: [...]` (what `reflect central records
 * list --json` and `prefill` print), or a bare list. Every problem is named with its line.
 */
export function parseActivities(text: string): ParsedActivities {
  const read = readDocument(text, {
    maxBytes: MAX_RECORDS_FILE_BYTES,
    tooLarge: 'The file is larger than 2 MB: it is not a list of activities.',
  });
  if (!read.ok) return read;
  const { value, lineOf } = read;
  const bare = Array.isArray(value);
  const checked = fileSchema.safeParse(bare ? { activities: value } : value);
  if (checked.success) return { ok: true, activities: checked.data.activities };
  return {
    ok: false,
    problems: inFileOrder(
      checked.error.issues.map((issue) => {
        // A bare list has no "activities" key in the file.
        const path = bare && issue.path[0] === 'activities' ? issue.path.slice(1) : issue.path;
        return { line: lineOf(path), at: pathText(path), message: issue.message };
      }),
    ),
  };
}

/**
 * Activities as the YAML `parseActivities` reads back. Written without anchors and aliases:
 * activities share arrays (the same categories), which YAML would otherwise write once and
 * refer to, and the reader refuses aliases.
 */
export function writeActivities(activities: readonly ProcessingActivity[], header: string): string {
  const body = stringify({ activities }, { lineWidth: 100, aliasDuplicateObjects: false });
  return `${header.replace(/^/gm, '# ')}\n${body}`;
}
