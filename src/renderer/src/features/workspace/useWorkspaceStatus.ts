import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage, useEvent } from '../../ipc';

/** The workspace state, loaded once and then kept current by main's state-changed event. */
export function useWorkspaceStatus(): [WorkspaceStatus | null, (status: WorkspaceStatus) => void] {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  useEffect(() => {
    call('workspace:status', {}).then(setStatus, (error: unknown) =>
      notifications.show({
        color: 'red',
        title: 'Cannot read the workspace',
        message: errorMessage(error),
      }),
    );
  }, []);
  useEvent('workspace:state-changed', setStatus);
  return [status, setStatus];
}
