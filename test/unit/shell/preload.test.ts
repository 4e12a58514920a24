import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ReflectApi } from '../../../src/shared/ipc/contract';

/**
 * Runs the built, sandbox-format preload against a recording stand-in for Electron's
 * contextBridge and ipcRenderer: what it exposes is exactly what the renderer can reach.
 */
function loadPreload() {
  const exposed = new Map<string, unknown>();
  const invoked: [string, unknown][] = [];
  const subscribed: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        invoked.push([channel, input]);
        return Promise.resolve({ ok: true, value: 'from main' });
      },
      on: (event: string) => subscribed.push(event),
      removeListener: (event: string) => subscribed.splice(subscribed.indexOf(event), 1),
    },
  };
  const module = { exports: {} };
  const required: string[] = [];
  runInNewContext(readFileSync('out/preload/index.cjs', 'utf8'), {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`A sandboxed preload cannot require ${name}`);
    },
  });
  return { exposed, invoked, subscribed, required };
}

describe('preload', () => {
  it('exposes window.reflect with invoke and on, and nothing else', () => {
    const { exposed, required } = loadPreload();
    expect([...exposed.keys()]).toEqual(['reflect']);
    const api = exposed.get('reflect') as ReflectApi;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(required).toEqual(['electron']);
  });

  it('forwards declared channels and refuses others without reaching main', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.get('reflect') as ReflectApi;
    expect(await api.invoke('workspace:status', {})).toEqual({ ok: true, value: 'from main' });
    const refused = await (api.invoke as (c: string, i: unknown) => Promise<unknown>)(
      'shell:exec',
      {},
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(invoked).toEqual([['workspace:status', {}]]);
  });

  it('subscribes to declared events only and unsubscribes', () => {
    const { exposed, subscribed } = loadPreload();
    const api = exposed.get('reflect') as ReflectApi;
    const off = api.on('workspace:state-changed', () => undefined);
    expect(subscribed).toEqual(['workspace:state-changed']);
    off();
    expect(subscribed).toEqual([]);
    expect(() =>
      (api.on as (e: string, l: () => void) => void)('ipc:raw', () => undefined),
    ).toThrow(/Unknown event/);
  });
});
