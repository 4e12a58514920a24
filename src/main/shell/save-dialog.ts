import { app, BrowserWindow, dialog, shell } from 'electron';

/** The system save dialog, attached to the app's window; it asks before replacing a file. */
export async function chooseSavePath(suggestion: {
  defaultName: string;
  extension?: string;
}): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.SaveDialogOptions = {
    defaultPath: `${app.getPath('documents')}/${suggestion.defaultName}`,
    ...(suggestion.extension
      ? {
          filters: [
            { name: suggestion.extension.toUpperCase(), extensions: [suggestion.extension] },
          ],
        }
      : {}),
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const result = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** The system open dialog for one file of the given type (a workspace backup). */
export async function chooseOpenPath(suggestion: { extension: string }): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions = {
    defaultPath: app.getPath('documents'),
    filters: [
      { name: 'Reflect backup', extensions: [suggestion.extension] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile'],
  };
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Shows a package in the system file manager (Explorer, Finder, Files). */
export function revealPath(path: string): void {
  shell.showItemInFolder(path);
}
