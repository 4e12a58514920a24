import type { WebPreferences } from 'electron';

/**
 * The only webPreferences any window of the app gets. The renderer is an untrusted web page with
 * one narrow door (`window.reflect`): no Node, a sandboxed isolated preload, no webviews.
 */
export function secureWebPreferences(preloadPath: string, allowDevTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: allowDevTools,
  };
}
