import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { processingActivitySchema, type ProcessingActivity } from '../../shared/records';
import { findUnstorableText } from '../../shared/ipc/storable-text';
import { firstLine, keyOrIndex, lineOf, pathText, type MapProblem } from '../datamap/datamap-file';

export type ParsedActivities =
  { ok: true; activities: ProcessingActivity[] } | { ok: false; problems: MapProblem[] };

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
  if (Buffer.byteLength(text, 'utf8') > MAX_RECORDS_FILE_BYTES) {
    return fail(null, '', 'The file is larger than 2 MB: it is not a list of activities.');
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? null,
        at: '',
        message: `Not valid YAML or JSON: ${firstLine(e.message)}`,
      })),
    };
  }
  let value: unknown;
  try {
    // Aliases are refused: they can expand a small file into a huge one.
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return fail(null, '', `Not readable: ${firstLine(String(error))}`);
  }
  const bare = Array.isArray(value);
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    const path = unstorable.path === '' ? [] : unstorable.path.split('.').map(keyOrIndex);
    return fail(lineOf(doc, lines, path), pathText(path), `The text ${unstorable.problem}.`);
  }
  const checked = fileSchema.safeParse(bare ? { activities: value } : value);
  if (checked.success) return { ok: true, activities: checked.data.activities };
  return {
    ok: false,
    problems: checked.error.issues
      .map((issue) => {
        // A bare list has no "activities" key in the file.
        const path = bare && issue.path[0] === 'activities' ? issue.path.slice(1) : issue.path;
        return { line: lineOf(doc, lines, path), at: pathText(path), message: issue.message };
      })
      .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
  };
}

function fail(line: number | null, at: string, message: string): ParsedActivities {
  return { ok: false, problems: [{ line, at, message }] };
}
