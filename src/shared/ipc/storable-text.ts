/**
 * Text the central PostgreSQL database cannot store: it refuses a NUL character in `text` and in
 * `jsonb`, and a UTF-16 surrogate without its pair has no UTF-8 form. A value like that, once
 * queued, would fail centrally on every attempt, so it is refused where it enters: at the IPC
 * boundary, for every string and every object key of every channel, before the schema is read.
 */

export type UnstorableProblem = { path: string; problem: string };

/** Bounds of what the walk looks at; beyond them the input is refused as too large or too deep. */
export const INPUT_LIMITS = { depth: 32, nodes: 200_000 } as const;

// A NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- a NUL is exactly what must be found
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): string | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  return match[0] === '\u0000'
    ? 'contains a NUL character, which cannot be stored'
    : 'contains a broken character (an unpaired UTF-16 surrogate), which cannot be stored';
}

/**
 * The first string or key that cannot be stored, or the input's being too deep or too large;
 * null when everything can be stored. Never throws: a getter that throws counts as a problem.
 * Iterative, so no input can exhaust the stack. `transient` names top-level text fields the
 * channel never stores (a search query): their text is not looked at, their keys still are.
 */
export function findUnstorableText(
  input: unknown,
  transient: readonly string[] = [],
): UnstorableProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: input, path: '', depth: 0 },
  ];
  let nodes = 0;
  try {
    while (stack.length > 0) {
      const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
      nodes += 1;
      if (nodes > INPUT_LIMITS.nodes) {
        return { path: '', problem: 'has too many values' };
      }
      if (typeof value === 'string') {
        const problem = problemOf(value);
        if (problem) return { path, problem };
        continue;
      }
      if (typeof value !== 'object' || value === null) continue;
      if (depth >= INPUT_LIMITS.depth) return { path, problem: 'is nested too deeply' };
      for (const key of Object.keys(value)) {
        const keyProblem = problemOf(key);
        if (keyProblem) return { path: join(path, '?'), problem: `has a key that ${keyProblem}` };
        const child = (value as Record<string, unknown>)[key];
        if (depth === 0 && typeof child === 'string' && transient.includes(key)) continue;
        stack.push({
          value: child,
          path: join(path, key),
          depth: depth + 1,
        });
      }
    }
  } catch {
    return { path: '', problem: 'could not be read' };
  }
  return null;
}

function join(path: string, key: string): string {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return path === '' ? shown : `${path}.${shown}`;
}
