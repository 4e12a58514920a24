import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { accessRequest } from '../../support/case-requests';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

async function desk(name: string, url: string | null) {
  const services = testServices(join(tempDir(), name));
  await services.workspace.create({ name, keyMode: 'keychain' });
  if (url) {
    await services.sync.connect({ url: `${url}?sslmode=disable` });
    await services.sync.run();
  }
  const call = (channel: string, input: unknown) => dispatch(services.handlers, channel, input);
  return { ...services, call };
}

const request = () => accessRequest({ receivedAt: new Date(Date.now() - 3_600_000).toISOString() });

describe('changes that wait in the outbox, by role', () => {
  it('are refused for a viewer before anything is queued, and allowed for an officer', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 5);
    const viewer = await desk('viewer', await createLoginRole(database, 'reflect_viewer'));
    expect(await viewer.call('cases:create', request())).toMatchObject({
      ok: false,
      error: {
        code: 'ROLE_REFUSED',
        message: expect.stringMatching(/needs the officer role .* has the viewer role/),
      },
    });
    expect(
      await viewer.call('subject:rectify', {
        customerId: 1,
        field: 'email',
        value: 'new@example.org',
        baseVersion: 1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'ROLE_REFUSED' } });
    expect(viewer.sync.overview().pendingOperations).toBe(0);

    const officer = await desk('officer', await createLoginRole(database, 'reflect_officer'));
    expect(await officer.call('cases:create', request())).toMatchObject({ ok: true });
    expect(officer.sync.overview().pendingOperations).toBe(1);
  });

  it('are allowed before the desk has ever synced: central decides when they arrive', async () => {
    const offline = await desk('never-synced', null);
    expect(await offline.call('cases:create', request())).toMatchObject({ ok: true });
  });
});
