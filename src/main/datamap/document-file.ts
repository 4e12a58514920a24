import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { findUnstorableText } from '../../shared/ipc/storable-text';

/** One thing wrong with a file an administrator wrote, at the line they open the file at. */
export interface FileProblem {
  line: number | null;
  /** Where in the document, as the file writes it: `tables[2].link.to`. */
  at: string;
  message: string;
}

export type ReadDocument =
  | { ok: true; value: unknown; lineOf: (path: readonly PropertyKey[]) => number | null }
  | { ok: false; problems: FileProblem[] };

/**
 * Reads a file written as YAML or JSON (JSON is YAML) before its own schema checks it: refused
 * when larger than `maxBytes`, when not YAML (each error at its line), when it uses aliases
 * (they can expand a small file into a huge one), and when it holds text PostgreSQL's jsonb
 * cannot store (a NUL, a broken character), named at its line rather than met as a database
 * error when saved.
 */
export function readDocument(
  text: string,
  limit: { maxBytes: number; tooLarge: string },
): ReadDocument {
  if (Buffer.byteLength(text, 'utf8') > limit.maxBytes) return failed(null, '', limit.tooLarge);
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
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return failed(null, '', `Not readable: ${firstLine(String(error))}`);
  }
  const locate = (path: readonly PropertyKey[]) => lineOf(doc, lines, path);
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    const path = unstorable.path === '' ? [] : unstorable.path.split('.').map(keyOrIndex);
    return failed(locate(path), pathText(path), `The text ${unstorable.problem}.`);
  }
  return { ok: true, value, lineOf: locate };
}

/** The nearest line for a path: the node itself, or the closest parent that exists. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n).map(keyOf), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

function keyOrIndex(part: string): string | number {
  return /^\d+$/.test(part) ? Number(part) : part;
}

function keyOf(key: PropertyKey): string | number {
  return typeof key === 'symbol' ? String(key) : key;
}

export function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function failed(line: number | null, at: string, message: string): ReadDocument {
  return { ok: false, problems: [{ line, at, message }] };
}

/** Problems in the order the file is read. */
export function inFileOrder<T extends { line: number | null }>(problems: T[]): T[] {
  return problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}
