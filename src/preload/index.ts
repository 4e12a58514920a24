import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ReflectApi } from '../shared/ipc/contract';
import { isChannel, isEventName } from '../shared/ipc/names';

/**
 * The renderer's only door to the app: `window.reflect.invoke` for declared channels and
 * `window.reflect.on` for declared events. No ipcRenderer, no Node, nothing else.
 */
const api: ReflectApi = {
  invoke(channel, input) {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(channel)}` },
      });
    }
    return ipcRenderer.invoke(channel, input) as ReturnType<ReflectApi['invoke']>;
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    const forward = (_event: IpcRendererEvent, payload: unknown): void =>
      listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('reflect', Object.freeze(api));
