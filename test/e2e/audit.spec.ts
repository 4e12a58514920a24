import { sql } from 'kysely';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { UnlockPage } from './pages/unlock-page';
import { shot } from './screenshots';

test('the audit screen lists workspace events and verifies the chain', async ({
  desk,
}, testInfo) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.lock();
  await new UnlockPage(desk.page).unlock();
  await shell.open('Audit');

  const audit = new AuditPage(desk.page);
  await expect(audit.actions()).toHaveText([
    'workspace.unlocked',
    'workspace.locked',
    'workspace.created',
  ]);
  await audit.verify();
  await expect(audit.result()).toContainText('Chain intact: 3 entries');
  await expect(audit.actions().first()).toHaveText('audit.verified');
  // The lock's details read as lines of their own, not as JSON.
  const locked = desk.page.getByRole('row').filter({ hasText: 'workspace.locked' });
  await expect(locked).not.toContainText('{');
  await shot(desk, testInfo, 'audit');
});

test('a tampered audit chain is reported at the entry that was changed', async ({ desk }) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await shell.lock();
  await new UnlockPage(desk.page).unlock();
  await expect(shell.workspaceName()).toHaveText('Desk');

  // Someone with the key edits the file directly, bypassing the append-only triggers.
  const { db } = desk.services.workspace.requireOpen().replica;
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await db.updateTable('audit_log').set({ actor: 'someone.else' }).where('seq', '=', 2).execute();

  await shell.open('Audit');
  const audit = new AuditPage(desk.page);
  await audit.verify();
  await expect(audit.result()).toContainText('Chain broken at entry #2');
});

test('older audit entries load page by page', async ({ desk }) => {
  await desk.open();
  await new FirstRunPage(desk.page).create({ name: 'Desk' });
  const shell = new ShellPage(desk.page);
  await expect(shell.workspaceName()).toHaveText('Desk');

  // Entry 1 is workspace.created; 2..150 are these, so a 100-entry page leaves 50 for the next one.
  const { audit } = desk.services.workspace.requireOpen();
  for (let n = 1; n <= 149; n++) {
    await audit.append({
      actor: 'officer.e2e',
      action: 'customer.viewed',
      subject: `customer:${n}`,
      details: { n },
    });
  }

  await shell.open('Audit');
  const page = new AuditPage(desk.page);
  await expect(page.rows()).toHaveCount(100);
  await expect(page.rows().first()).toContainText('customer:149');
  const details = page
    .rows()
    .first()
    .getByRole('table', { name: /^Details of entry/ });
  await expect(details.getByRole('rowheader')).toHaveText('N');
  await expect(details.getByRole('cell')).toHaveText('149');

  await page.loadOlder();
  await expect(page.rows()).toHaveCount(150);
  await expect(page.actions().last()).toHaveText('workspace.created');
  await expect(page.loadOlderButton()).toBeHidden();
});
