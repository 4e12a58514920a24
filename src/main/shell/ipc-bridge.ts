import { ipcMain, type BrowserWindow } from 'electron';
import type { EventPayloads } from '../../shared/ipc/contract';
import { CHANNELS, type EventName } from '../../shared/ipc/names';
import { dispatch, type Handlers } from '../ipc/dispatch';
import type { DeskLog } from '../logs/desk-log';
import { isTrustedSender } from './trusted-sender';
import { schemeOf } from './url-scheme';

/** Registers one `ipcMain.handle` per declared channel, each behind the sender check. */
export function registerIpc(handlers: Handlers, rendererUrl: string, log: DeskLog): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url, rendererUrl)) {
        console.warn(`Refused IPC ${channel} from ${frame?.url ?? 'a destroyed frame'}`);
        log.write({ event: 'ipc-refused', channel, scheme: schemeOf(frame?.url ?? '') });
        return {
          ok: false,
          error: { code: 'FORBIDDEN_SENDER', message: 'This page may not call the app.' },
        };
      }
      return dispatch(handlers, channel, input, (name, error) => {
        console.error(`IPC ${name} failed`, error);
        return log.internalError(name, error);
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
