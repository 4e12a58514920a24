import { powerMonitor } from 'electron';
import type { DatabaseOwner } from '../owner/database-owner';

/** Often enough that a lock comes within a quarter of a minute of its time. */
const IDLE_POLL_MS = 15_000;

/**
 * Tells the database owner how long the workstation has been without input, and locks the
 * workspace when the OS screen locks or the machine goes to sleep: an unattended desk never
 * stays open. The owner decides against the desk's own setting (see workspace/auto-lock).
 */
export function watchPower(owner: DatabaseOwner): void {
  const timer = setInterval(() => owner.reportIdle(powerMonitor.getSystemIdleTime()), IDLE_POLL_MS);
  timer.unref();
  powerMonitor.on('lock-screen', () => owner.lock('screen-locked'));
  powerMonitor.on('suspend', () => owner.lock('suspend'));
}
