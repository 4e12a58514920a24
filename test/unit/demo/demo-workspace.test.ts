import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../../src/main/demo/demo-host';
import { testServices } from '../../support/workspace';

describe('demo workspace', () => {
  it('syncs from an embedded central database seeded with synthetic customers', async () => {
    const { workspace, sync, handlers } = testServices();
    const created = await handlers['workspace:create']({
      name: 'Demo',
      keyMode: 'keychain',
      demo: true,
    });
    expect(created).toMatchObject({ state: 'unlocked', workspace: { demo: true } });
    expect(sync.overview()).toMatchObject({
      state: 'idle',
      connection: { host: '127.0.0.1', user: 'demo_alex', sslMode: 'disable' },
    });

    const synced = await sync.run();
    expect(synced).toMatchObject({ state: 'idle', lastError: null, pendingOperations: 0 });
    const { raw } = workspace.requireOpen().replica;
    expect(raw.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(DEMO_CUSTOMERS);
    expect(raw.prepare('SELECT count(*) FROM events').pluck().get()).toBeGreaterThan(
      DEMO_CUSTOMERS,
    );

    // The demo's register: proposed from the reference map, read by its officer, not changed.
    expect(raw.prepare('SELECT count(*) FROM processing_records').pluck().get()).toBe(6);
    const records = await handlers['records:list']({});
    expect(records).toMatchObject({ login: 'demo_alex', canChange: false });
    expect(records.activities.map((a) => a.activity_id)).toContain('orders');
    const orders = records.activities.find((a) => a.activity_id === 'orders');
    if (!orders) throw new Error('no orders activity');
    const { version, updated_at: _at, updated_by: _by, ...edit } = orders;
    await expect(
      handlers['records:save']({ activities: [{ ...edit, base_version: version }] }),
    ).rejects.toMatchObject({ code: 'ROLE_REFUSED' });

    // Locked and unlocked again, the demo central comes back with the same data on a new port.
    await workspace.lock();
    await workspace.unlock({});
    expect((await sync.run()).state).toBe('idle');
    expect(raw === workspace.requireOpen().replica.raw).toBe(false);
    expect(
      workspace.requireOpen().replica.raw.prepare('SELECT count(*) FROM customers').pluck().get(),
    ).toBe(DEMO_CUSTOMERS);
  }, 120_000);
});
