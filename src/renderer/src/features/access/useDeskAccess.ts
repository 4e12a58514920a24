import { actionRefusal, type DeskAction } from '../../../../shared/role-gates';
import { useSyncedCall } from '../shell/useSyncedCall';

/** Why this login may not do `action` (the sentence to show), or null; read again after each sync. */
export function useRoleRefusal(action: DeskAction): string | null {
  const { value } = useSyncedCall('central:access', {});
  return actionRefusal(value?.access ?? null, action);
}
