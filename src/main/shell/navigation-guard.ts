/** What `guardNavigation` needs of a WebContents; kept structural so it can be tested without Electron. */
export interface GuardableContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview',
    listener: (event: { preventDefault(): void }) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * The app is one page: it never navigates, never opens windows and never hosts webviews.
 * Anything that tries (a link, a redirect, injected content) is refused and reported.
 */
export function guardNavigation(
  contents: GuardableContents,
  report: (what: string, url: string) => void,
): void {
  const refuse =
    (what: string) =>
    (event: { preventDefault(): void }, ...rest: unknown[]): void => {
      event.preventDefault();
      report(what, typeof rest[0] === 'string' ? rest[0] : '');
    };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', refuse('webview'));
  contents.setWindowOpenHandler(({ url }) => {
    report('new window', url);
    return { action: 'deny' };
  });
}
