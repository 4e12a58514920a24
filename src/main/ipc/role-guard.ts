import { AppError } from '../../shared/errors';
import type { Channel } from '../../shared/ipc/names';
import { actionRefusal, type DeskAccess, type DeskAction } from '../../shared/role-gates';
import type { Handlers } from './dispatch';

/**
 * The channels whose changes wait in the outbox, and the role each needs. Central checks the
 * role again when the change arrives, but a change it will refuse should not be queued at all:
 * the officer would learn of it only after the next sync, as a refusal. Channels that ask
 * central at once need no check here, since central answers with the role as it is now.
 */
const QUEUED_CHANGES: Partial<Record<Channel, DeskAction>> = {
  'cases:create': 'change-records',
  'cases:act': 'change-records',
  'cases:bulk': 'change-records',
  'subject:rectify': 'change-records',
  'duplicates:merge': 'change-records',
  'duplicates:unmerge': 'change-records',
};

/**
 * Wraps the handlers so a queued change is refused when the login's role (as of the last sync)
 * does not allow it. A role not known yet (never synced, an older central) refuses nothing.
 */
export function refusingQueuedChangesByRole(
  handlers: Handlers,
  access: () => DeskAccess | null,
): Handlers {
  const guarded = { ...handlers } as Record<Channel, (input: unknown) => unknown>;
  for (const [channel, action] of Object.entries(QUEUED_CHANGES) as [Channel, DeskAction][]) {
    const handler = guarded[channel];
    guarded[channel] = (input: unknown) => {
      const refusal = actionRefusal(access(), action);
      if (refusal !== null) throw new AppError('ROLE_REFUSED', refusal);
      return handler(input);
    };
  }
  return guarded as Handlers;
}
