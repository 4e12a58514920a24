/** What `enforceSingleInstance` needs of Electron's `app`. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * Two instances on one workspace would race on the replica and the outbox. The second one quits
 * and brings the first one's window forward instead.
 */
export function enforceSingleInstance(app: SingleInstanceApp, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', focusExisting);
  return true;
}
