import { verifyAdminCode } from '../central/admin-mfa';
import { centralStatus, installCentral } from '../central/install';
import { pruneChangeLog, type PruneResult } from '../central/change-log';
import { closeCentralClient, createCentralClient } from '../sync/central-client';
import { parseCentralUrl, toClientConfig } from '../sync/connection-settings';
import type { CentralStatus } from '../central/install';

/**
 * `reflect central install|status|prune`: run by an administrator against the central
 * database, with an account allowed to create schemas and roles. No workspace is involved.
 */
export async function withCentral<T>(
  url: string,
  readSecret: (prompt: string) => Promise<string>,
  run: (client: ReturnType<typeof createCentralClient>) => Promise<T>,
  /** A two-step code: verified on the session first, so its next admin change goes through. */
  totp?: string,
): Promise<T> {
  const { connection, password } = parseCentralUrl(url);
  const client = createCentralClient(
    toClientConfig(connection, password ?? (await readSecret('Central database password: ')), {
      // A migration or a prune of a large log may rightly run for minutes: no statement limit.
      connectMs: 10_000,
      statementMs: null,
    }),
  );
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (totp !== undefined) await verifyAdminCode(client, totp);
    return await run(client);
  } finally {
    await closeCentralClient(client);
  }
}

export function describeCentralStatus(status: CentralStatus): string {
  const log = status.changeLog;
  return [
    `Schema:    version ${status.installedVersion} of ${status.latestVersion}${status.upToDate ? ' (up to date)' : ' (run: reflect central install)'}`,
    `Roles:     ${status.roles.join(', ') || 'none'}`,
    `Customers: ${status.customers ?? '-'}`,
    `Changes:   ${status.changeLogEntries ?? '-'} in the change log, horizon ${status.horizon}`,
    ...(log
      ? [
          `Pruned:    below transaction ${log.floor}; kept for ${log.liveDesks} desk(s) seen within ${log.retentionDays} days${log.oldestLiveHorizon ? ` (oldest from ${log.oldestLiveHorizon})` : ''}${log.expiredDesks ? `, ${log.expiredDesks} gone longer (they copy central afresh when they return)` : ''}`,
        ]
      : []),
  ].join('\n');
}

export function describePrune(result: PruneResult): string {
  if (result.status === 'refused') {
    return [
      `Not pruned. These desks sent audit entries within the last ${result.retentionDays} days but never reported what they pulled: they run an older version of Reflect and would miss changes without knowing it.`,
      ...result.unregistered.map((d) => `  desk ${d.deskId} (login ${d.login})`),
      'Update them and let them sync once, or prune anyway with --ignore-unregistered.',
    ].join('\n');
  }
  const kept = `Kept for ${result.liveDesks} desk(s) that synced within ${result.retentionDays} days${result.expiredDesks ? `; ${result.expiredDesks} desk(s) gone longer will copy central afresh when they return` : ''}.`;
  return result.removed === 0
    ? `Nothing to remove: every entry is still needed (pruned below transaction ${result.floor}). ${kept}`
    : `Removed ${result.removed} change log entries below transaction ${result.floor} (before: ${result.previousFloor}). ${kept}`;
}

export { centralStatus, installCentral, pruneChangeLog };
