import { centralStatus, installCentral } from '../central/install';
import { createCentralClient } from '../sync/central-client';
import { parseCentralUrl, toClientConfig } from '../sync/connection-settings';
import type { CentralStatus } from '../central/install';

/**
 * `reflect central install|status`: run by an administrator against the central database, with
 * an account allowed to create schemas and roles. No workspace is involved.
 */
export async function withCentral<T>(
  url: string,
  readSecret: (prompt: string) => Promise<string>,
  run: (client: ReturnType<typeof createCentralClient>) => Promise<T>,
): Promise<T> {
  const { connection, password } = parseCentralUrl(url);
  const client = createCentralClient(
    toClientConfig(connection, password ?? (await readSecret('Central database password: '))),
  );
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function describeCentralStatus(status: CentralStatus): string {
  return [
    `Schema:    version ${status.installedVersion} of ${status.latestVersion}${status.upToDate ? ' (up to date)' : ' (run: reflect central install)'}`,
    `Roles:     ${status.roles.join(', ') || 'none'}`,
    `Customers: ${status.customers ?? '-'}`,
    `Changes:   ${status.changeLogEntries ?? '-'} in the change log, horizon ${status.horizon}`,
  ].join('\n');
}

export { centralStatus, installCentral };
