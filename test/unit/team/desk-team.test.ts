import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import type { AuditEntry } from '../../../src/shared/types';
import type { TeamOverview } from '../../../src/shared/team';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { startTcpProxy } from '../../support/tcp-proxy';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

async function desk(url: string, name: string) {
  const services = testServices(join(tempDir(), name));
  await services.workspace.create({ name, keyMode: 'keychain' });
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  await services.sync.run();
  const call = async (channel: string, input: unknown) =>
    dispatch(services.handlers, channel, input);
  const team = async () => ((await call('team:list', {})) as { value: TeamOverview }).value;
  return { ...services, call, team };
}

const loginOf = (url: string) => decodeURIComponent(new URL(url).username);

describe('the team directory on the desk', () => {
  it('is kept by an administrator, copied by every desk on sync, and refused to others', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 5);
    const adminUrl = await createLoginRole(database, 'reflect_admin');
    const officerUrl = await createLoginRole(database, 'reflect_officer');
    const admin = await desk(adminUrl, 'admin');
    const officer = await desk(officerUrl, 'officer');

    // Synced, but nobody is in the directory yet: screens show logins.
    const empty = await officer.team();
    expect(empty.members).toEqual([]);
    expect(empty.pulledAt).not.toBeNull();

    const saved = await admin.call('team:set', {
      login: loginOf(officerUrl),
      displayName: '  Zoë Wąsowska-Brandt  ',
      email: 'zoe.wasowska@example.org',
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        members: [
          {
            login: loginOf(officerUrl),
            displayName: 'Zoë Wąsowska-Brandt',
            email: 'zoe.wasowska@example.org',
            active: true,
            role: 'officer',
            updatedBy: loginOf(adminUrl),
          },
        ],
      },
    });

    // The officer's desk has the name after its next sync, and keeps it offline.
    expect((await officer.team()).members).toEqual([]);
    await officer.sync.run();
    expect((await officer.team()).members.map((m) => [m.login, m.displayName, m.role])).toEqual([
      [loginOf(officerUrl), 'Zoë Wąsowska-Brandt', 'officer'],
    ]);

    // Only an administrator changes it; central's refusal reaches the officer in words.
    expect(
      await officer.call('team:set', {
        login: loginOf(officerUrl),
        displayName: 'Me',
        email: null,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REFUSED', message: expect.stringMatching(/Only an administrator/) },
    });
    expect((await officer.team()).members[0]?.displayName).toBe('Zoë Wąsowska-Brandt');

    // The admin's desk audited the change with the login, never the name or the address.
    const audit = (await admin.call('audit:list', { limit: 20 })) as { value: AuditEntry[] };
    const entry = audit.value.find((e) => e.action === 'team.member-set');
    expect(entry).toMatchObject({
      actor: loginOf(adminUrl),
      subject: `team:${loginOf(officerUrl)}`,
      details: { login: loginOf(officerUrl), changed: true, hasEmail: true },
    });
    expect(JSON.stringify(entry)).not.toMatch(/Wąsowska|example\.org/);

    // Marked inactive: kept, so older entries still read with the name.
    await admin.call('team:remove', { login: loginOf(officerUrl) });
    await officer.sync.run();
    expect((await officer.team()).members[0]).toMatchObject({
      displayName: 'Zoë Wąsowska-Brandt',
      active: false,
    });
  });

  it('refuses what central could not store or would refuse, before or by central', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 3);
    const adminUrl = await createLoginRole(database, 'reflect_admin');
    const admin = await desk(adminUrl, 'admin-input');
    const login = loginOf(adminUrl);
    // A NUL cannot be stored by PostgreSQL at all: the boundary says so in its own words.
    expect(
      await admin.call('team:set', { login, displayName: 'a\u0000b', email: null }),
    ).toMatchObject({ ok: false, error: { code: 'UNSTORABLE_TEXT' } });
    const refused = [
      { login, displayName: 'Line\nbreak', email: null },
      { login, displayName: 'x'.repeat(121), email: null },
      { login, displayName: '   ', email: null },
      { login, displayName: 'Name', email: 'not an email' },
      { login: 'x'.repeat(64), displayName: 'Name', email: null },
      { login, displayName: 'Name', email: null, role: 'admin' },
      { login, displayName: 'x'.repeat(100_000), email: null },
    ];
    for (const input of refused) {
      expect(await admin.call('team:set', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    // A login that does not exist on the database: central names it and says what to do.
    expect(
      await admin.call('team:set', { login: 'nobody_here', displayName: 'Nobody', email: '' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/create the login first/) },
    });
    expect(await admin.call('team:remove', { login: 'nobody_here' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not in the team directory/) },
    });
    expect((await admin.team()).members).toEqual([]);

    // Twice the same: one change, the second says nothing changed.
    const member = { login, displayName: 'Ada Admin', email: '' };
    await admin.call('team:set', member);
    await admin.call('team:set', member);
    const audit = (await admin.call('audit:list', { limit: 50 })) as { value: AuditEntry[] };
    expect(
      audit.value.filter((e) => e.action === 'team.member-set').map((e) => e.details.changed),
    ).toEqual([false, true]);
    expect((await admin.team()).members).toMatchObject([
      { login, displayName: 'Ada Admin', email: null, role: 'admin' },
    ]);
  });

  it('needs central to answer: offline, nothing is changed or queued', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 3);
    const adminUrl = await createLoginRole(database, 'reflect_admin');
    const url = new URL(adminUrl);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    const admin = await desk(proxy.through(adminUrl), 'admin-offline');
    await proxy.close();
    expect(
      await admin.call('team:set', { login: loginOf(adminUrl), displayName: 'Ada', email: null }),
    ).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: expect.stringMatching(/nothing was done or queued/) },
    });
    const pending = await central.query('SELECT 1 FROM reflect.team_members');
    expect(pending.rowCount).toBe(0);
  });
});
