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
  if (expected.protocol === 'file:') {
    return frame.protocol === 'file:' && frame.pathname === expected.pathname;
  }
  return frame.origin === expected.origin;
}
