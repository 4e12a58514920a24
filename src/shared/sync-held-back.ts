import type { SyncHeldBack } from './types';

/** A duration in the largest two units that matter to a person: "4 min", "2 h 5 min", "3 d 1 h". */
export function describeDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Who holds central back, as much as this desk may see: "session 4321 of etl in crm (app ...)". */
export function describeHolder(holder: SyncHeldBack['holder']): string {
  if (holder.prepared !== null) return `the prepared transaction "${holder.prepared}"`;
  const parts = [holder.pid === null ? 'a session' : `session ${holder.pid}`];
  if (holder.user) parts.push(`of user ${holder.user}`);
  if (holder.database) parts.push(`in database ${holder.database}`);
  if (holder.application) parts.push(`(application "${holder.application}")`);
  return parts.join(' ');
}

/** What the officer is told instead of "up to date" while central holds changes back. */
export function describeHeldBack(heldBack: SyncHeldBack, now: Date): string {
  const age = describeDuration(now.getTime() - new Date(heldBack.since).getTime());
  const open = heldBack.sinceObserved
    ? `open for at least ${age} (central does not show this login when it began)`
    : `open for ${age}`;
  const n = heldBack.waitingChanges;
  const changes =
    n >= HELD_BACK_COUNT_CAP
      ? `At least ${n} central changes are`
      : n === 1
        ? '1 central change is'
        : `${n} central changes are`;
  return [
    `${changes} committed but cannot arrive yet: a transaction on the central server has been ${open}, held by ${describeHolder(heldBack.holder)}.`,
    'Central releases changes in order, only once every older transaction has ended, so they arrive at the first sync after it ends.',
    'If it stays open, ask the database administrator to finish or end it.',
  ].join(' ');
}

/** Waiting changes are counted up to this many; past it the count says "at least". */
export const HELD_BACK_COUNT_CAP = 10_000;
