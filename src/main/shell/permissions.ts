import { isTrustedSender } from './trusted-sender';

/**
 * The one permission the app's page needs: writing text to the clipboard, for its "Copy" buttons
 * (a diagnostic, a checksum, a letter). Chromium asks for it as `clipboard-sanitized-write`, and
 * only on a user gesture; reading the clipboard and everything else stay refused.
 */
const GRANTED = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(
  permission: string,
  request: { requestingUrl?: string | undefined; isMainFrame: boolean },
  rendererUrl: string,
): boolean {
  return (
    GRANTED.has(permission) &&
    request.isMainFrame &&
    request.requestingUrl !== undefined &&
    isTrustedSender(request.requestingUrl, rendererUrl)
  );
}
