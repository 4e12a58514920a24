import { AppError, type ErrorInfo } from '../../shared/errors';
import { contract, type Output, type ParsedInput, type Result } from '../../shared/ipc/contract';
import { isChannel, type Channel } from '../../shared/ipc/names';
import { findUnstorableText } from '../../shared/ipc/storable-text';

/** One handler per declared channel; leaving one out is a type error. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> | Output<C>;
};

/** Error messages are short: they may quote a value, and a value may be megabytes long. */
const MAX_MESSAGE = 1000;

/**
 * Records an unexpected failure and returns the incident id it was logged under, shown to the
 * user with INTERNAL; null (or nothing) when it was not logged.
 */
export type InternalErrorReporter = (channel: string, error: unknown) => string | null | undefined;

/**
 * The single path every IPC call takes in main (and in the renderer end-to-end tests, which bind
 * `window.reflect` to this function): check the channel, refuse text PostgreSQL cannot store,
 * parse the input, run the handler, and fold any failure into the result envelope. Electron keeps
 * only `message` of a thrown error, so errors never cross the boundary as exceptions; nothing
 * here may throw, whatever the input (throwing getters, deep nesting, huge strings).
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  onInternalError: InternalErrorReporter = () => undefined,
): Promise<Result<unknown>> {
  try {
    return await dispatchChecked(handlers, channel, rawInput, onInternalError);
  } catch (error) {
    return internal(report(onInternalError, typeof channel === 'string' ? channel : '?', error));
  }
}

async function dispatchChecked(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  onInternalError: InternalErrorReporter,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    const shown = typeof channel === 'string' ? bounded(channel, 80) : `a ${typeof channel}`;
    return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${shown}` });
  }
  const unstorable = findUnstorableText(rawInput, contract[channel].transientText);
  if (unstorable) {
    const field = unstorable.path === '' ? 'The input' : `The field "${unstorable.path}"`;
    return fail({
      code: 'UNSTORABLE_TEXT',
      message: `${field} ${unstorable.problem}. Remove or retype that part and try again.`,
    });
  }
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map(
        (issue) =>
          (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '') + issue.message,
      )
      .join('; ');
    return fail({ code: 'INVALID_INPUT', message: `Invalid input for ${channel}: ${detail}` });
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return fail(error.toInfo());
    const incident = report(onInternalError, channel, error);
    if (isSqliteBusy(error)) return busy(incident);
    return internal(incident);
  }
}

/** SQLite gave up waiting for another writer (SQLITE_BUSY and its extended codes). */
function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Not a bug of the call, but still logged: the owner waits a minute for other writers, so this
 * means a job or another program held the replica far longer than any batch should.
 */
function busy(incident: string | null): Result<never> {
  return fail({
    code: 'DESK_BUSY',
    message: `The replica stayed busy with other work (a sync, a duplicate check, or the command line on this workspace) for too long, so this was not done and nothing was changed. Try again when that work has finished${incident === null ? '' : ` (incident ${incident} in the log)`}.`,
  });
}

function report(
  onInternalError: InternalErrorReporter,
  channel: string,
  error: unknown,
): string | null {
  try {
    const incident = onInternalError(channel, error);
    return typeof incident === 'string' ? incident : null;
  } catch {
    // The logger failing must not turn an answer into an exception.
    return null;
  }
}

/** The incident id ties what the user reads (and may pass to support) to the log's line. */
function internal(incident: string | null): Result<never> {
  return fail({
    code: 'INTERNAL',
    message:
      incident === null
        ? 'Something went wrong, and it was not recorded in the log.'
        : `Something went wrong. The log records it as incident ${incident}.`,
  });
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function fail(error: ErrorInfo): Result<never> {
  return {
    ok: false,
    error: { code: error.code, message: bounded(error.message, MAX_MESSAGE) },
  };
}
