import { useEffect, useState } from 'react';
import type { SyncOverview, SyncProgress } from '../../../../shared/types';
import { call, useEvent } from '../../ipc';

/** The sync state, kept current by main's events while the screen is open. */
export function useSyncOverview(): {
  overview: SyncOverview | null;
  progress: SyncProgress | null;
  setOverview: (overview: SyncOverview) => void;
} {
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => {
    call('sync:status', {}).then(setOverview, () => setOverview(null));
  }, []);
  useEvent('sync:state-changed', (next) => {
    setOverview(next);
    if (next.state !== 'syncing') setProgress(null);
  });
  useEvent('sync:progress', setProgress);
  return { overview, progress, setOverview };
}
