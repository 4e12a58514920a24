import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedCentral } from '../../src/main/demo/seed-central';
import { generateCustomers } from '../../src/main/demo/synthetic-data';
import { casesDesk } from './cases-desk';
import { centralWithOfficer } from './central-database';
import { expect, test } from './fixtures';
import { CasesPage } from './pages/cases-page';
import { ExportsPage } from './pages/exports-page';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { dialogThemes, screenshotThemes, shot } from './screenshots';

test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('an access case is exported with a row withheld once central confirmed the approval of that package, then re-verified', async ({
  desk,
  otherDesk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(240_000);
  const { officerUrl, approverUrl, admin } = await centralWithOfficer(centralAdminUrl);
  await seedCentral(admin, generateCustomers({ customers: 30, seed: 11 }));
  const subject = (
    await admin.query<{ customer_id: number; name: string }>(
      `SELECT customer_id::int AS customer_id, name FROM reflect.customers c
       WHERE merged_into IS NULL AND EXISTS (SELECT 1 FROM reflect.interactions i WHERE i.customer_id = c.customer_id)
       ORDER BY customer_id LIMIT 1`,
    )
  ).rows[0];
  if (!subject) throw new Error('The seed has no customer with an interaction.');
  const interaction = (
    await admin.query<{ interaction_id: string; summary: string }>(
      `SELECT interaction_id::text, summary FROM reflect.interactions WHERE customer_id = $1
       ORDER BY interaction_id LIMIT 1`,
      [subject.customer_id],
    )
  ).rows[0];
  if (!interaction) throw new Error('No interaction to withhold.');

  // The case's workflow is covered by cases.spec; here it is reached through the services.
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Officer desk' });
  await desk.services.sync.connect({ url: `${officerUrl}?sslmode=disable` });
  await desk.services.sync.run();
  const cases = desk.services.cases;
  let c = cases.create({
    jurisdiction: 'gdpr',
    requestType: 'access',
    channel: 'email',
    requester: { names: [subject.name], emails: [], phones: [] },
    agent: null,
    receivedAt: '2027-01-31T10:00:00Z',
    timeZone: 'Europe/Berlin',
    subjectIds: [subject.customer_id],
    assignee: null,
    priority: 'normal',
    tags: [],
    relatedCaseIds: [],
  });
  for (const act of [
    { action: 'transition', to: 'verifying_identity', reason: null },
    { action: 'verify', method: 'identity_document', evidence: 'passport on a video call' },
    { action: 'transition', to: 'in_progress', reason: null },
    { action: 'transition', to: 'awaiting_approval', reason: 'ready' },
  ] as const) {
    c = cases.act(c.caseId, c.version, act);
  }
  await desk.services.sync.run();

  await new ShellPage(desk.page).open('Cases');
  const casesPage = new CasesPage(desk.page);
  await casesPage.openRow(subject.name);
  const exports = new ExportsPage(desk.page);
  await expect(desk.page.getByTestId('export-blocker')).toContainText(
    'second officer must approve',
  );

  // The officer prepares the package, withholding a contact that names someone else, and
  // proposes it: the approval will hold for exactly this package.
  await exports.openDialog();
  await expect(exports.dialog()).toContainText(`customer record(s): ${subject.customer_id}`);
  await exports.withholdRow('Interactions', interaction.interaction_id, 'names a third party');
  await expect(
    exports.dialog().getByRole('button', { name: 'Choose where and write' }),
  ).toBeDisabled();
  await exports.dialog().getByRole('button', { name: 'Propose this package for approval' }).click();
  await expect(exports.dialog().getByTestId('package-proposed')).toContainText(
    `the whole row ${interaction.interaction_id}: names a third party`,
  );
  await exports.dialog().getByTestId('package-proposed').scrollIntoViewIfNeeded();
  await dialogThemes(desk, testInfo, 'export-proposed');
  await exports.dialog().getByRole('button', { name: 'Cancel' }).click();

  // The approver opens the package on their own desk and approves what it holds and withholds.
  const approverCases = await casesDesk(otherDesk, 'Approver desk', approverUrl);
  await approverCases.openRow(subject.name);
  const approve = otherDesk.page.getByTestId('approve-package');
  await expect(approve.getByRole('button', { name: 'Approve this package' })).toBeDisabled();
  await approve.getByRole('button', { name: 'Open the package proposed' }).click();
  await expect(approve.getByTestId('package-withheld')).toContainText('names a third party');
  await expect(approve.getByRole('table', { name: 'What the package holds' })).toContainText(
    'Interactions',
  );
  await screenshotThemes(otherDesk, testInfo, 'export-approve-package', approve);
  await approve.getByRole('button', { name: 'Approve this package' }).click();
  await expect(approverCases.approval()).toContainText('approved by');
  await otherDesk.services.sync.run();
  await desk.services.sync.run();

  // Approved centrally: only the package approved is written; another one is refused.
  await exports.openDialog();
  await expect(exports.dialog()).toContainText(`customer record(s): ${subject.customer_id}`);
  // Never set up: the dialog says what the requester would notice, and still lets it go.
  await expect(desk.page.getByTestId('export-warnings')).toContainText('still “Our company”');
  await expect(desk.page.getByTestId('export-warnings')).toContainText(
    /access statement in .+ was never filled in/,
  );
  await expect(exports.dialog()).toContainText('Report, PDF and README in');
  // A modal covers the theme switch: close it, switch, open it again for each theme.
  for (const [shown, next] of [
    ['light', 'Dark'],
    ['dark', 'Light'],
  ] as const) {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await desk.page.setViewportSize({ width, height });
      await desk.page.screenshot({
        path: testInfo.outputPath(`export-dialog-warnings-${shown}-${width}x${height}.png`),
      });
    }
    await desk.page.keyboard.press('Escape');
    await expect(exports.dialog()).toHaveCount(0);
    await new ShellPage(desk.page).chooseTheme(next);
    await exports.openDialog();
    await expect(desk.page.getByTestId('export-warnings')).toBeVisible();
  }
  await exports.write();
  await expect(exports.dialog().getByRole('alert', { name: 'Not exported' })).toContainText(
    'This package is not the one approved',
  );
  await exports.withholdRow('Interactions', interaction.interaction_id, 'names a third party');
  await exports.write();
  await expect(exports.writtenPath()).toContainText(desk.savesDir);
  const path = (await exports.writtenPath().textContent()) ?? '';
  const report = readFileSync(join(path, 'access-report.html'), 'utf8');
  expect(report).toContain('names a third party');
  expect(report).not.toContain(interaction.summary);
  await exports.dialog().getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => desk.revealed).toEqual([path]);
  await exports.dialog().getByRole('button', { name: 'Done' }).click();
  await expect(exports.rows()).toHaveCount(1);
  await expect(
    desk.page.getByTestId('timeline-item').filter({ hasText: 'Exported' }),
  ).toContainText('Exported (html, pdf, json), 1 item(s) withheld');

  // On the Exports screen: verified intact; after a file is changed, named as changed.
  await new ShellPage(desk.page).open('Exports');
  await expect(exports.rows()).toHaveCount(1);
  await expect(exports.rows().first().getByTestId('export-path')).toHaveText(path);
  await exports.verify();
  await expect(exports.check()).toHaveText('Intact');
  await shot(desk, testInfo, 'exports');
  writeFileSync(join(path, 'data.json'), '{}');
  await exports.verify();
  await expect(exports.check()).toHaveText('Changed');
  await expect(exports.problems()).toContainText('data.json: changed since it was written');
  await admin.end();
});
