import { describe, expect, it } from 'vitest';
import { replayedAuditLog, RESTRICTED_CUSTOMER } from '../../fixtures/access-audit-log';
import { replayAuditLog } from '../../support/audit-replay';
import { seedCentral } from '../../support/central-fixture';
import { createLoginRole, createTestDatabase } from '../../support/postgres-database';
import { reflectCli } from '../../support/reflect-cli';

const urlOf = (url: string) => `${url}?sslmode=disable`;

describe('reflect central alerts', () => {
  it(
    'evaluates a replayed audit log once, lists, acknowledges and changes rules by role',
    { timeout: 90_000 },
    async () => {
      const database = await createTestDatabase({ central: true });
      const owner = await database.connect();
      await seedCentral(owner, 30);
      await owner.query('UPDATE reflect.customers SET restricted = true WHERE customer_id = $1', [
        RESTRICTED_CUSTOMER,
      ]);
      await replayAuditLog(owner, replayedAuditLog());
      const admin = urlOf(await createLoginRole(database, 'reflect_admin'));
      const officer = urlOf(await createLoginRole(database, 'reflect_officer'));

      const evaluated = reflectCli(['central', 'alerts', 'evaluate', '--url', admin]);
      expect(evaluated.stdout).toMatch(/^Evaluated \d+ new audit entries: 4 alert\(s\) raised/);
      expect(reflectCli(['central', 'alerts', 'evaluate', '--url', admin]).stdout).toMatch(
        /: 0 alert\(s\) raised, 0 open alert\(s\) with new evidence/,
      );

      const listed = reflectCli(['central', 'alerts', 'list', '--url', admin]);
      expect(listed.code).toBe(3);
      expect(listed.stdout).toMatch(
        /Alert \d+: ana_browser: 120 profiles viewed between 2027-03-02 09:00 UTC and 2027-03-02 10:00 UTC; the rule allows 100 in an hour\./,
      );
      expect(listed.stdout).toContain('  Customer ids: #10, #11');
      expect(listed.stdout).not.toMatch(/Person|@example/);
      const id = /Alert (\d+): ana_browser/.exec(listed.stdout)?.[1] ?? '';

      const refused = reflectCli(['central', 'alerts', 'list', '--url', officer]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('approvers and administrators only');
      const noNote = reflectCli(['central', 'alerts', 'ack', '--url', admin, '--alert', id]);
      expect(noNote.stderr).toContain('needs a note');
      expect(
        reflectCli([
          'central',
          'alerts',
          'ack',
          '--url',
          admin,
          '--alert',
          id,
          '--note',
          'Checked.',
        ]),
      ).toMatchObject({ code: 0, stdout: `Alert ${id} acknowledged.\n` });

      const set = reflectCli([
        'central',
        'alerts',
        'rules',
        'set',
        '--url',
        admin,
        '--rule',
        'export_after_hours',
        '--hours',
        '07:30-19:00',
        '--days',
        '1-6',
        '--zone',
        'Europe/Berlin',
      ]);
      expect(set).toMatchObject({
        code: 0,
        stdout:
          'Saved. Export outside working hours: working hours 07:30–19:00, Mon–Sat, Europe/Berlin\n',
      });
      expect(
        reflectCli([
          'central',
          'alerts',
          'rules',
          'set',
          '--url',
          admin,
          '--rule',
          'profile_views',
          '--threshold',
          'many',
        ]),
      ).toMatchObject({ code: 1, stderr: expect.stringContaining('threshold') });
      const officerSet = reflectCli([
        'central',
        'alerts',
        'rules',
        'set',
        '--url',
        officer,
        '--rule',
        'profile_views',
        '--threshold',
        '5',
      ]);
      expect(officerSet.code).toBe(1);
      expect(officerSet.stderr).toContain('approvers and administrators only');
      expect(reflectCli(['central', 'alerts', 'rules', '--url', admin]).stdout).toContain(
        'Many profiles viewed: more than 100 in an hour',
      );
    },
  );
});
