import { useEffect, useRef } from 'react';
import { AppError, isErrorCode } from '../../shared/errors';
import type { EventPayloads, Input, Output } from '../../shared/ipc/contract';
import type { Channel, EventName } from '../../shared/ipc/names';

/** Calls main over the typed contract; failures arrive as an AppError carrying the code. */
export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await window.reflect.invoke(channel, input);
  if (result.ok) return result.value;
  const code = isErrorCode(result.error.code) ? result.error.code : 'INTERNAL';
  // Main names the incident; the officer also needs to know where to find the log it is in.
  const where = code === 'INTERNAL' ? ' Settings shows where the log is.' : '';
  throw new AppError(code, result.error.message + where);
}

/** Subscribes to an event from main for the component's lifetime. */
export function useEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => window.reflect.on(event, (payload) => latest.current(payload)), [event]);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
