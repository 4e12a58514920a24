import { existsSync } from 'node:fs';

/**
 * Debian's Chromium (test tools cannot download their own browser here). The flags keep it from
 * reaching for the network at start-up; --no-sandbox because CI runs as root.
 */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const candidates = [
    process.env.REFLECT_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  const executablePath = candidates.find((path): path is string => !!path && existsSync(path));
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
