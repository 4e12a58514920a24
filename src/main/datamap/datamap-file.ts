import { isNode, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import { dataMapSchema, referenceIssues, type DataMap } from '../../shared/datamap';
import { findUnstorableText } from '../../shared/ipc/storable-text';

/** One thing wrong with a data map file, at the line an administrator opens the file at. */
export interface MapProblem {
  line: number | null;
  /** Where in the document, as the file writes it: `tables[2].link.to`. */
  at: string;
  message: string;
}

export type ParsedMap = { ok: true; map: DataMap } | { ok: false; problems: MapProblem[] };

/** Files larger than this are not data maps (a 2,000-table map is well under a megabyte). */
export const MAX_MAP_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a data map written as YAML or JSON (JSON is YAML), checks it, and names the line of
 * every problem found, all at once, so a file is fixed in one pass.
 */
export function parseDataMap(text: string): ParsedMap {
  if (Buffer.byteLength(text, 'utf8') > MAX_MAP_FILE_BYTES) {
    return {
      ok: false,
      problems: [
        { line: null, at: '', message: 'The file is larger than 4 MB: it is not a data map.' },
      ],
    };
  }
  const lines = new LineCounter();
  // Aliases are refused outright: a data map has no use for them and they can expand a
  // small file into a huge one.
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
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return {
      ok: false,
      problems: [{ line: null, at: '', message: `Not readable: ${firstLine(String(error))}` }],
    };
  }
  // PostgreSQL keeps the map as jsonb, which cannot hold a NUL or a broken character: said here,
  // at its line, rather than as a database error when the map is saved.
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    const path = unstorable.path === '' ? [] : unstorable.path.split('.').map(keyOrIndex);
    return {
      ok: false,
      problems: [
        {
          line: lineOf(doc, lines, path),
          at: pathText(path),
          message: `The text ${unstorable.problem}.`,
        },
      ],
    };
  }
  const checked = dataMapSchema.safeParse(value);
  if (checked.success) return { ok: true, map: checked.data };
  // Names that lead nowhere are reported with the type problems, not after they are fixed.
  const seen = new Set(checked.error.issues.map((i) => `${pathText(i.path)} ${i.message}`));
  const more = referenceIssues(value).filter((i) => !seen.has(`${pathText(i.path)} ${i.message}`));
  return {
    ok: false,
    problems: [...checked.error.issues, ...more]
      .map((issue) => ({
        line: lineOf(doc, lines, issue.path),
        at: pathText(issue.path),
        message: issue.message,
      }))
      // In the order the file is read.
      .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)),
  };
}

/** The map as the YAML an administrator reviews, with a header saying what it is. */
export function writeDataMap(map: DataMap, header?: string): string {
  const body = stringify(map, { lineWidth: 100 });
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

/** The nearest line for a path: the node itself, or the closest parent that exists. */
export function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n).map(keyOf), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

export function keyOrIndex(part: string): string | number {
  return /^\d+$/.test(part) ? Number(part) : part;
}

function keyOf(key: PropertyKey): string | number {
  return typeof key === 'symbol' ? String(key) : key;
}

export function pathText(path: PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

export function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
