import { stringify } from 'yaml';
import { dataMapSchema, referenceIssues, type DataMap } from '../../shared/datamap';
import { inFileOrder, pathText, readDocument, type FileProblem } from './document-file';

/** One thing wrong with a data map file, at the line an administrator opens the file at. */
export type MapProblem = FileProblem;

export type ParsedMap = { ok: true; map: DataMap } | { ok: false; problems: MapProblem[] };

/** Files larger than this are not data maps (a 2,000-table map is well under a megabyte). */
export const MAX_MAP_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a data map written as YAML or JSON (JSON is YAML), checks it, and names the line of
 * every problem found, all at once, so a file is fixed in one pass.
 */
export function parseDataMap(text: string): ParsedMap {
  const read = readDocument(text, {
    maxBytes: MAX_MAP_FILE_BYTES,
    tooLarge: 'The file is larger than 4 MB: it is not a data map.',
  });
  if (!read.ok) return read;
  const { value, lineOf } = read;
  const checked = dataMapSchema.safeParse(value);
  if (checked.success) return { ok: true, map: checked.data };
  // Names that lead nowhere are reported with the type problems, not after they are fixed.
  const seen = new Set(checked.error.issues.map((i) => `${pathText(i.path)} ${i.message}`));
  const more = referenceIssues(value).filter((i) => !seen.has(`${pathText(i.path)} ${i.message}`));
  return {
    ok: false,
    problems: inFileOrder(
      [...checked.error.issues, ...more].map((issue) => ({
        line: lineOf(issue.path),
        at: pathText(issue.path),
        message: issue.message,
      })),
    ),
  };
}

/** The map as the YAML an administrator reviews, with a header saying what it is. */
export function writeDataMap(map: DataMap, header?: string): string {
  // No anchors: the reader refuses aliases, and a map may share one object in two places.
  const body = stringify(map, { lineWidth: 100, aliasDuplicateObjects: false });
  return header ? `${header.replace(/^/gm, '# ')}\n${body}` : body;
}

/** One line per problem, as the CLI prints them. */
export function describeProblems(problems: MapProblem[], file: string): string {
  return problems
    .map(
      (p) =>
        `${file}${p.line === null ? '' : `:${p.line}`}: ${p.at ? `${p.at}: ` : ''}${p.message}`,
    )
    .join('\n');
}
