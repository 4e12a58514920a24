/**
 * Compile-time tests, checked by `npm run typecheck`: if the Handlers type stopped requiring a
 * handler for every declared channel, or accepted a wrong output type, an `@ts-expect-error`
 * below would become unused and the typecheck would fail.
 */
import type { Handlers } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';

declare const complete: ReturnType<typeof createHandlers>;

const { 'workspace:lock': _omitted, ...missingOne } = complete;
// @ts-expect-error a channel declared in the contract without a handler
export const incomplete: Handlers = missingOne;

// @ts-expect-error a handler returning the wrong type for its channel
export const wrongOutput: Handlers = { ...complete, 'app:info': () => 'not app info' };

// @ts-expect-error a handler for a channel the contract does not declare
export const extra: Handlers = { ...complete, 'fs:read': () => null };
