import type { CaseSummary, HomeOverview } from '../../shared/cases';
import type { AppNavigation } from '../../shared/ipc/contract';
import type { SyncOverview } from '../../shared/types';

/** One native notification: what it says, and where a click takes the officer. */
export interface DeskNotice {
  /** Shown once per key in a run of the app: the same thing is not announced twice. */
  key: string;
  title: string;
  body: string;
  opens: AppNavigation;
}

/**
 * The notifications the start screen's state calls for, leaving out those already shown. They
 * appear on the operating system's notification centre, maybe on a locked screen, so they name a
 * case by its reference and its kind of request, never by the requester.
 */
export function deskNotices(
  home: HomeOverview,
  sync: SyncOverview | null,
  shown: ReadonlySet<string>,
  /** The officer's locale (the app's), for dates. */
  locale: string,
): DeskNotice[] {
  const day = (date: string) =>
    new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  const notices: DeskNotice[] = [];
  const add = (notice: DeskNotice) => {
    if (!shown.has(notice.key)) notices.push(notice);
  };
  for (const c of home.mine.overdue) {
    add({
      key: `overdue:${c.caseId}:${c.deadline.dueDate}`,
      title: 'A case is overdue',
      body: `${caseName(c)} was due on ${day(c.deadline.dueDate)}. Reply or record why as soon as you can.`,
      opens: { screen: 'cases', caseId: c.caseId },
    });
  }
  for (const c of home.mine.dueToday) {
    add({
      key: `due-today:${c.caseId}:${c.deadline.dueDate}`,
      title: 'A case is due today',
      body: `${caseName(c)} is due today.`,
      opens: { screen: 'cases', caseId: c.caseId },
    });
  }
  for (const c of home.awaitingMyApproval) {
    add({
      key: `approval:${c.caseId}:${c.version}`,
      title: 'Your approval is requested',
      body: `A colleague sent ${caseName(c)} for a second officer's approval.`,
      opens: { screen: 'cases', caseId: c.caseId },
    });
  }
  if (sync?.state === 'error' && sync.lastError !== null) {
    add({
      key: `sync-failing:${sync.lastSyncAt ?? 'never'}`,
      title: 'Sync is failing',
      body: 'The desk could not sync with the central database. Open Sync to see why.',
      opens: { screen: 'sync', caseId: null },
    });
  }
  return notices;
}

function caseName(c: CaseSummary): string {
  const kind = c.requestType.replace(/_/g, ' ');
  return c.reference === null ? `An unnumbered ${kind} case` : `Case ${c.reference} (${kind})`;
}
