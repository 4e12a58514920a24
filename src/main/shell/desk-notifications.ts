import { app, Notification, type BrowserWindow } from 'electron';
import type { HomeOverview } from '../../shared/cases';
import type { SyncOverview } from '../../shared/types';
import type { AccessAlert } from '../../shared/alerts';
import { alertNotices } from '../notices/alert-notices';
import { deskNotices } from '../notices/desk-notices';
import type { DatabaseOwner } from '../owner/database-owner';
import { relayEvent } from './ipc-bridge';

/** Deadlines move by days; a look every five minutes is soon enough, and after every sync. */
const CHECK_MS = 5 * 60_000;

/**
 * Native notifications (overdue, due today, approval requested, sync failing, access alerts) and the dock or
 * taskbar badge with the number of overdue cases, from the same overview as the start screen.
 * A click on a notification brings the window forward on the case. Nothing is shown while the
 * workspace is locked (the owner answers nothing then).
 */
export function watchDeskNotices(
  owner: DatabaseOwner,
  window: () => BrowserWindow | null,
): {
  check: () => void;
} {
  const shown = new Set<string>();
  let checking = false;
  const check = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      const home = await owner.call('cases:home', {});
      const sync = await owner.call('sync:status', {});
      const alerts = await owner.call('alerts:list', {});
      if (!home.ok) {
        app.setBadgeCount(0);
        return;
      }
      const overview = home.value as HomeOverview;
      app.setBadgeCount(overview.overdueTotal);
      if (!Notification.isSupported()) return;
      for (const notice of [
        ...deskNotices(
          overview,
          sync.ok ? (sync.value as SyncOverview) : null,
          shown,
          app.getLocale(),
        ),
        ...(alerts.ok ? alertNotices(alerts.value as AccessAlert[], shown) : []),
      ]) {
        shown.add(notice.key);
        const shownNotice = new Notification({ title: notice.title, body: notice.body });
        shownNotice.on('click', () => {
          const target = window();
          if (!target) return;
          if (target.isMinimized()) target.restore();
          target.focus();
          relayEvent(target, 'app:navigate', notice.opens);
        });
        shownNotice.show();
      }
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), CHECK_MS);
  timer.unref();
  return { check: () => void check() };
}
