import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCentralQuality } from '../../../src/main/quality/central-quality';
import { seedCentral } from '../../support/central-fixture';
import { createRoleLogin } from '../../support/central-role-login';
import { createTestDatabase } from '../../support/postgres-database';
import { testServices } from '../../support/workspace';

describe('central: sync lag per desk and the change log size', () => {
  it('tells an approver how far behind each desk is, and refuses a login without the role', async () => {
    const database = await createTestDatabase({ central: true });
    const owner = await database.connect();
    const early = await createRoleLogin(database, owner, 'officer');
    const late = await createRoleLogin(database, owner, 'officer');
    const approver = await createRoleLogin(database, owner, 'approver');
    await owner.query(
      `INSERT INTO reflect.team_members (login, display_name, updated_by) VALUES ($1, 'Alex Meyer', 'test')`,
      [late.name],
    );
    const earlyDesk = randomUUID();
    const lateDesk = randomUUID();
    const checkIn = (client: typeof early.client, desk: string) =>
      client.query('SELECT reflect.desk_checkin($1, NULL)', [desk]);
    await seedCentral(owner, 10);
    await checkIn(early.client, earlyDesk);
    // Ten more customers with their children change the log after the early desk's horizon.
    await seedCentral(owner, 10, 10);
    await checkIn(late.client, lateDesk);

    const figures = await readCentralQuality(approver.client);
    expect(figures.live).toBe(true);
    const byDesk = new Map(figures.desks.map((d) => [d.deskId, d]));
    const earlyLag = byDesk.get(earlyDesk);
    const lateLag = byDesk.get(lateDesk);
    expect(earlyLag).toMatchObject({ login: early.name, officer: null, thisDesk: false });
    expect(lateLag).toMatchObject({ login: late.name, officer: 'Alex Meyer', changesBehind: 0 });
    // Each seed writes customers, orders, events and consents: one log entry per row.
    const logged = Number(
      (await owner.query<{ n: string }>('SELECT count(*) AS n FROM reflect.change_log')).rows[0]?.n,
    );
    expect(earlyLag?.changesBehind).toBe(logged / 2);
    expect(earlyLag?.transactionsBehind).toBeGreaterThan(lateLag?.transactionsBehind ?? 0);
    expect(earlyLag?.lastSeenAt).toMatch(/Z$/);
    expect(figures.changeLog.rows).toBe(logged);
    expect(figures.changeLog.bytes).toBeGreaterThan(0);
    expect(Date.parse(figures.changeLog.oldestAt ?? '')).toBeLessThanOrEqual(Date.now());
    // Counts, times and logins only: no customer value is in the answer.
    expect(JSON.stringify(figures)).not.toMatch(/Person|example\.org|\+44/);

    await expect(readCentralQuality(early.client)).rejects.toMatchObject({ code: '42501' });
  });

  it('shows the desk the figures, keeps them for offline, and says so when the role is missing', async () => {
    const database = await createTestDatabase({ central: true });
    const owner = await database.connect();
    const approver = await createRoleLogin(database, owner, 'approver');
    const services = testServices();
    await services.workspace.create({ name: 'Desk', keyMode: 'keychain' });
    await services.sync.connect({ url: `${approver.url}?sslmode=disable` });
    await services.sync.run();
    const live = await services.handlers['quality:central']({});
    expect(live.problem).toBeNull();
    expect(live.central?.live).toBe(true);
    expect(live.central?.desks.filter((d) => d.thisDesk).map((d) => d.login)).toEqual([
      approver.name,
    ]);
    // Central is gone: the last known figures, marked as such, and why.
    await database.drop();
    const offline = await services.handlers['quality:central']({});
    expect(offline.central).toMatchObject({ live: false, asOf: live.central?.asOf });
    expect(offline.problem).toMatch(/^Central did not answer/);
    const summary = await services.handlers['quality:summary']({});
    expect(summary.central?.asOf).toBe(live.central?.asOf);

    const other = await createTestDatabase({ central: true });
    const otherOwner = await other.connect();
    const officer = await createRoleLogin(other, otherOwner, 'officer');
    const desk = testServices();
    await desk.workspace.create({ name: 'Officer desk', keyMode: 'keychain' });
    await desk.sync.connect({ url: `${officer.url}?sslmode=disable` });
    const refused = await desk.handlers['quality:central']({});
    expect(refused).toEqual({
      central: null,
      problem: expect.stringMatching(/approvers and administrators only/) as unknown,
    });
  });
});
