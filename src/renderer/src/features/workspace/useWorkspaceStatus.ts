import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceStatus } from '../../../../shared/types';
import { call, errorMessage, useEvent } from '../../ipc';

export interface WorkspaceStatusState {
  status: WorkspaceStatus | null;
  /** Why the first read failed; without a status no screen can be chosen, so it is shown in full. */
  loadError: string | null;
  reload: () => void;
  setStatus: (status: WorkspaceStatus) => void;
}

/** The workspace state, loaded once and then kept current by main's state-changed event. */
export function useWorkspaceStatus(): WorkspaceStatusState {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    call('workspace:status', {}).then(setStatus, (error: unknown) =>
      setLoadError(errorMessage(error)),
    );
  }, []);

  useEffect(load, [load]);
  useEvent('workspace:state-changed', setStatus);

  const reload = useCallback(() => {
    setLoadError(null);
    load();
  }, [load]);
  return { status, loadError, reload, setStatus };
}
