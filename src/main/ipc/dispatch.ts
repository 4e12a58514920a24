import { AppError, type ErrorInfo } from '../../shared/errors';
import { contract, type Output, type ParsedInput, type Result } from '../../shared/ipc/contract';
import { isChannel, type Channel } from '../../shared/ipc/names';

/** One handler per declared channel; leaving one out is a type error. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> | Output<C>;
};

/**
 * The single path every IPC call takes in main (and in the renderer end-to-end tests, which bind
 * `window.reflect` to this function): check the channel, parse the input, run the handler,
 * and fold any failure into the result envelope. Electron keeps only `message` of a thrown error,
 * so errors never cross the boundary as exceptions.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  onInternalError: (channel: string, error: unknown) => void = () => undefined,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel)}` });
  }
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message)
      .join('; ');
    return fail({ code: 'INVALID_INPUT', message: `Invalid input for ${channel}: ${detail}` });
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return fail(error.toInfo());
    onInternalError(channel, error);
    return fail({ code: 'INTERNAL', message: 'Something went wrong; the details are in the log.' });
  }
}

function fail(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}
