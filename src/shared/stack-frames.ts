/**
 * Stack traces reduced to what a log or a diagnostic may hold: function names and file names with
 * line and column, never the message line (messages quote values: an email, a name, a query) and
 * never a full path (paths name the user's home folder). Shared by main's log and the renderer's
 * "copy diagnostic", so both keep exactly the same parts.
 */

/** Function names as code writes them: identifiers, dots, `<anonymous>`, `[kSymbol]`. */
const FUNCTION_NAME = /^(?:async |new )?[\w$.<>[\]]{1,100}$/;
/** A file's own name once its folder, query and hash are cut off. */
const FILE_NAME = /^[\w.-]{1,80}$/;
const LOCATION = /^(.*?)(?::(\d{1,7}))?(?::(\d{1,7}))?$/;
const ERROR_NAME = /^[A-Za-z_$][\w$]{0,60}$/;

/** At most `max` frames of a V8 stack (Node, Electron, Chromium), each `fn (file:line:col)`. */
export function stackFrames(stack: unknown, max = 8): string[] {
  if (typeof stack !== 'string') return [];
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    if (frames.length >= max) break;
    const frame = parseFrame(line.trim());
    if (frame !== null) frames.push(frame);
  }
  return frames;
}

/**
 * One frame, or null for anything that is not a frame (the message line and whatever a message
 * spread over several lines). `[as alias]` is dropped: an alias is a property name, and a property
 * name can be data.
 */
function parseFrame(line: string): string | null {
  if (!line.startsWith('at ')) return null;
  const body = line.slice(3).replace(/ \[as [^\]]*\]/, '');
  const open = body.endsWith(')') ? body.lastIndexOf(' (') : -1;
  const name = open >= 0 ? body.slice(0, open) : '';
  const location = open >= 0 ? body.slice(open + 2, -1) : body;
  const file = fileOf(location);
  const shownName = FUNCTION_NAME.test(name) ? name : name === '' ? '' : '<function>';
  return shownName === '' ? file : `${shownName} (${file})`;
}

function fileOf(location: string): string {
  // An eval frame reads `file:1:2), <anonymous>:1:1` here: the file that called eval is kept.
  const match = LOCATION.exec(location.replace(/\)?,.*$/, ''));
  const path = (match?.[1] ?? '').replace(/[?#].*$/, '');
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const file = FILE_NAME.test(base) ? base : base === '<anonymous>' ? base : '?';
  const line = match?.[2];
  const column = match?.[3];
  return line === undefined ? file : `${file}:${line}${column === undefined ? '' : `:${column}`}`;
}

/**
 * An error's class name (`TypeError`, `SqliteError`), or what was thrown when it was no Error
 * (`thrown string`): never a message.
 */
export function errorName(error: unknown): string {
  if (error instanceof Error) return safeErrorName(error.name);
  return `thrown ${error === null ? 'null' : typeof error}`;
}

/** A name shaped like an identifier, or `Error`: a name can be set to anything, data included. */
export function safeErrorName(name: unknown): string {
  return typeof name === 'string' && ERROR_NAME.test(name) ? name : 'Error';
}
