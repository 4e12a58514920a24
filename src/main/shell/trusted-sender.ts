/**
 * IPC is answered only for the app's own top-level page: the dev server's origin in development,
 * the bundled index.html in production. A frame from anywhere else gets FORBIDDEN_SENDER.
 */
export function isTrustedSender(frameUrl: string, rendererUrl: string): boolean {
  let frame: URL;
  let expected: URL;
  try {
    frame = new URL(frameUrl);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  // A custom scheme's URL has no origin in the URL standard ("null"): compare its parts.
  if (expected.protocol === 'app:') {
    return (
      frame.protocol === 'app:' &&
      frame.host === expected.host &&
      frame.pathname === expected.pathname
    );
  }
  if (expected.protocol === 'file:') {
    return frame.protocol === 'file:' && frame.pathname === expected.pathname;
  }
  return frame.origin === expected.origin;
}
