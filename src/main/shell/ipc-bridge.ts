import { ipcMain, type BrowserWindow } from 'electron';
import type { Result } from '../../shared/ipc/contract';
import { CHANNELS, isEventName, type Channel } from '../../shared/ipc/names';
import type { DeskLog } from '../logs/desk-log';
import { isTrustedSender } from './trusted-sender';
import { schemeOf } from './url-scheme';

/** How a checked call is answered: by the database owner in the app. */
export type Invoke = (channel: Channel, input: unknown) => Promise<Result<unknown>>;

/**
 * Registers one `ipcMain.handle` per declared channel, each behind the sender check; what
 * passes it is relayed as it came (the owner parses it), so nothing here touches the replica.
 */
export function registerIpc(invoke: Invoke, rendererUrl: string, log: DeskLog): void {
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
      return invoke(channel, input);
    });
  }
}

/** An event the owner sent, passed on only if it is one the window knows. */
export function relayEvent(window: BrowserWindow | null, event: string, payload: unknown): void {
  if (isEventName(event) && window && !window.isDestroyed())
    window.webContents.send(event, payload);
}
