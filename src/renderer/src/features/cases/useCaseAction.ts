import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/cases';
import type { Input } from '../../../../shared/ipc/contract';
import { call, errorMessage } from '../../ipc';

export type CaseAct = Input<'cases:act'>['act'];

/**
 * Runs one action on the case shown, against the version on screen: if another officer or a
 * sync changed it meanwhile, main refuses and the officer sees the case as it now is.
 */
export function useCaseAction(detail: CaseDetail, onChange: (detail: CaseDetail) => void) {
  const [busy, setBusy] = useState(false);
  async function act(action: CaseAct, success?: string): Promise<boolean> {
    setBusy(true);
    try {
      onChange(
        await call('cases:act', {
          caseId: detail.caseId,
          baseVersion: detail.version,
          act: action,
        }),
      );
      if (success) notifications.show({ color: 'green', message: success });
      return true;
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { act, busy };
}
