import type { SyncOverview, SyncState } from '../../../../shared/types';

const STATE_LABEL: Record<SyncState, { label: string; color: string }> = {
  'not-configured': { label: 'Not set up', color: 'gray' },
  idle: { label: 'Up to date', color: 'green' },
  syncing: { label: 'Syncing', color: 'blue' },
  offline: { label: 'Offline', color: 'yellow' },
  error: { label: 'Last sync failed', color: 'red' },
};

/** The sync state in a word or two, with its colour: the Sync screen and the start screen agree. */
export function syncStateLabel(overview: SyncOverview): { label: string; color: string } {
  if (overview.state === 'idle' && !overview.lastSyncAt) {
    return { label: 'Not synced yet', color: 'gray' };
  }
  if (overview.state === 'idle' && overview.heldBack) {
    return { label: 'Held back by central', color: 'orange' };
  }
  return STATE_LABEL[overview.state];
}
