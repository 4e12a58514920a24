import { ipcMain, type BrowserWindow } from 'electron';
import type { EventPayloads } from '../../shared/ipc/contract';
import { CHANNELS, type EventName } from '../../shared/ipc/names';
import { dispatch, type Handlers } from '../ipc/dispatch';
import { isTrustedSender } from './trusted-sender';

/** Registers one `ipcMain.handle` per declared channel, each behind the sender check. */
export function registerIpc(handlers: Handlers, rendererUrl: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url, rendererUrl)) {
        console.warn(`Refused IPC ${channel} from ${frame?.url ?? 'a destroyed frame'}`);
        return {
          ok: false,
          error: { code: 'FORBIDDEN_SENDER', message: 'This page may not call the app.' },
        };
      }
      return dispatch(handlers, channel, input, (name, error) => {
        console.error(`IPC ${name} failed`, error);
      });
    });
  }
}

export function sendEvent<E extends EventName>(
  window: BrowserWindow | null,
  event: E,
  payload: EventPayloads[E],
): void {
  if (window && !window.isDestroyed()) window.webContents.send(event, payload);
}
