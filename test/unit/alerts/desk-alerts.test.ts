import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import type { AccessAlert, AlertRulesOverview } from '../../../src/shared/alerts';
import { replayedAuditLog, RESTRICTED_CUSTOMER } from '../../fixtures/access-audit-log';
import { replayAuditLog } from '../../support/audit-replay';
import { centralWithClient, seedCentral } from '../../support/central-fixture';
import { createLoginRole } from '../../support/postgres-database';
import { tempDir } from '../../support/temp-dir';
import { testServices } from '../../support/workspace';

async function desk(url: string, name: string) {
  const services = testServices(join(tempDir(), name));
  await services.workspace.create({ name, keyMode: 'keychain' });
  await services.sync.connect({ url: `${url}?sslmode=disable` });
  await services.sync.run();
  const call = async (channel: string, input: unknown) =>
    dispatch(services.handlers, channel, input);
  return { ...services, call };
}

describe('access alerts on the desk', () => {
  it('pulls open alerts for approvers only, acknowledges with a note, and leaves rules to admins', async () => {
    const { database, central } = await centralWithClient();
    await seedCentral(central, 30);
    await central.query('UPDATE reflect.customers SET restricted = true WHERE customer_id = $1', [
      RESTRICTED_CUSTOMER,
    ]);
    await replayAuditLog(central, replayedAuditLog());

    // The officer's sync evaluates the log (any desk does, after its push) but sees no alert.
    const officer = await desk(await createLoginRole(database, 'reflect_officer'), 'officer');
    expect(await officer.call('alerts:list', {})).toEqual({ ok: true, value: [] });
    const open = await central.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM reflect.alerts',
    );
    expect(open.rows[0]?.n).toBe('4');
    const officerRules = await officer.call('alerts:rules', {});
    expect(officerRules).toMatchObject({
      ok: false,
      error: {
        code: 'ROLE_REFUSED',
        message: expect.stringMatching(/approvers and administrators only/),
      },
    });

    const approver = await desk(await createLoginRole(database, 'reflect_approver'), 'approver');
    const listed = await approver.call('alerts:list', {});
    const alerts = (listed as { value: AccessAlert[] }).value;
    expect(alerts.map((a) => a.rule).sort()).toEqual([
      'bulk_changes',
      'export_after_hours',
      'profile_views',
      'restricted_access',
    ]);
    const views = alerts.find((a) => a.rule === 'profile_views');
    expect(views?.evidence).toMatchObject({ count: 120, customers: 20 });

    // A note is required, bounded, and storable; the boundary refuses before central is asked.
    for (const note of ['', '   ', 'x'.repeat(1001)]) {
      expect(
        await approver.call('alerts:acknowledge', { alertId: views?.alertId, note }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(
      await approver.call('alerts:acknowledge', { alertId: views?.alertId, note: 'a\u0000b' }),
    ).toMatchObject({ ok: false, error: { code: 'UNSTORABLE_TEXT' } });
    const left = await approver.call('alerts:acknowledge', {
      alertId: views?.alertId,
      note: 'Checked with the team lead: a mailing list clean-up.',
    });
    expect((left as { value: AccessAlert[] }).value).toHaveLength(3);
    expect((await approver.call('alerts:list', {})) as { value: AccessAlert[] }).toMatchObject({
      value: expect.not.arrayContaining([expect.objectContaining({ alertId: views?.alertId })]),
    });
    // Twice: central says it was already done.
    expect(
      await approver.call('alerts:acknowledge', { alertId: views?.alertId, note: 'again' }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already acknowledged/) },
    });
    // The desk's own audit trail has it, without the note's words.
    const trail = await approver.call('audit:list', { limit: 20 });
    const entry = (trail as { value: { action: string; details: unknown }[] }).value.find(
      (e) => e.action === 'alert.acknowledged',
    );
    expect(JSON.stringify(entry?.details)).not.toContain('mailing');
    // An officer's acknowledgement is refused by central, in words.
    expect(
      await officer.call('alerts:acknowledge', { alertId: alerts[0]?.alertId, note: 'mine' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REFUSED', message: expect.stringMatching(/approver/) },
    });

    // The approver reads the rules but may not change them.
    const rules = (await approver.call('alerts:rules', {})) as { value: AlertRulesOverview };
    expect(rules.value.canChange).toBe(false);
    const rule = rules.value.rules.find((r) => r.kind === 'export_after_hours');
    expect(rule).toMatchObject({ workStart: '08:00', workEnd: '18:00', workDays: [1, 2, 3, 4, 5] });
    const { changedBy: _by, changedAt: _at, ...editable } = rule ?? ({} as never);
    const changed = { ...editable, timeZone: 'Europe/Berlin', workEnd: '17:30' };
    expect(await approver.call('alerts:set-rule', changed)).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/Only an administrator's login can change the alert rules/),
      },
    });

    const admin = await desk(await createLoginRole(database, 'reflect_admin'), 'admin');
    expect(
      await admin.call('alerts:set-rule', { ...changed, timeZone: 'Nowhere/Else' }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a time zone/) },
    });
    const saved = (await admin.call('alerts:set-rule', changed)) as { value: AlertRulesOverview };
    expect(saved.value.rules.find((r) => r.kind === 'export_after_hours')).toMatchObject({
      timeZone: 'Europe/Berlin',
      workEnd: '17:30',
      changedBy: expect.stringMatching(/^officer_/),
    });
    expect(saved.value.canChange).toBe(true);
  });
});
