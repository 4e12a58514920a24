import { centralWithOfficer } from './central-database';
import { demoAccessCase, openedDemo } from './demo-desk';
import { expect, test } from './fixtures';
import { CasesPage } from './pages/cases-page';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';

test('in the demo, cases, the timeline and the audit trail name the officers, not their logins', async ({
  desk,
}, testInfo) => {
  test.setTimeout(180_000);
  const shell = await openedDemo(desk);
  const { subject } = demoAccessCase(desk);

  // Settings: the directory central keeps, read-only for an officer.
  await shell.open('Settings');
  const team = desk.page.getByRole('region', { name: 'Team' });
  const rows = team.getByRole('table', { name: 'Team members' }).getByRole('row');
  await expect(rows.filter({ hasText: 'demo_alex' })).toContainText('Alex Meyer');
  await expect(rows.filter({ hasText: 'demo_alex' })).toContainText('Officer');
  await expect(rows.filter({ hasText: 'demo_sam' })).toContainText('Sam Okafor');
  await expect(rows.filter({ hasText: 'demo_sam' })).toContainText('Approver');
  await expect(team.getByTestId('role-note')).toContainText('This needs the administrator role');
  await expect(team.getByRole('button', { name: 'Save member' })).toHaveCount(0);
  await screenshotThemes(desk, testInfo, 'team-officer-settings', team);

  // The case: opened by Alex, assigned to Sam by name.
  await shell.open('Cases');
  const cases = new CasesPage(desk.page);
  await cases.openRow(subject.name);
  await expect(desk.page.getByText(/opened by Alex Meyer/)).toBeVisible();
  await expect(cases.timeline().first()).toContainText('Alex Meyer');
  await expect(cases.timeline().filter({ hasText: 'demo_alex' })).toHaveCount(0);
  await desk.page.getByRole('combobox', { name: 'Assignee' }).click();
  await desk.page.getByRole('option', { name: 'Sam Okafor' }).click();
  await cases.button('Assign').click();
  await expect(desk.page.getByText('Assigned.')).toBeVisible();
  await screenshotThemes(desk, testInfo, 'team-case-detail');
  await desk.page.getByRole('button', { name: 'Back to cases' }).click();
  await expect(cases.rows().filter({ hasText: subject.name })).toContainText('Sam Okafor');

  await shell.open('Audit');
  const audit = desk.page.getByRole('table', { name: 'Audit entries' });
  await expect(audit.getByRole('row').filter({ hasText: 'case.created' })).toContainText(
    'Alex Meyer',
  );
});

test('an administrator adds a member, changes the name, and marks them inactive', async ({
  desk,
  centralAdminUrl,
}, testInfo) => {
  test.setTimeout(180_000);
  const { adminLoginUrl, officerUrl } = await centralWithOfficer(centralAdminUrl);
  const officerLogin = new URL(officerUrl).username;
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Administrator desk' });
  await desk.services.sync.connect({ url: `${adminLoginUrl}?sslmode=disable` });
  await desk.services.sync.run();

  await new ShellPage(desk.page).open('Settings');
  const team = desk.page.getByRole('region', { name: 'Team' });
  await expect(team).toContainText('No one is in the team directory yet');
  const form = team.getByRole('group', { name: 'Add or change a member' });
  await form.getByLabel('Central login').fill(officerLogin);
  await form.getByLabel('Name people read').fill('Jonas Weber');
  await form.getByLabel('Work email').fill('not an address');
  await form.getByRole('button', { name: 'Save member' }).click();
  await expect(
    desk.page.getByText('That email does not look like name@example.org.'),
  ).toBeVisible();

  await form.getByLabel('Work email').fill('jonas.weber@example.org');
  await form.getByRole('button', { name: 'Save member' }).click();
  const row = team.getByRole('row').filter({ hasText: officerLogin });
  await expect(row).toContainText('Jonas Weber');
  await expect(row).toContainText('Officer');
  await expect(row).toContainText('jonas.weber@example.org');
  await expect(form.getByLabel('Central login')).toHaveValue('');

  // A login the database does not have: central says so and what to do.
  await form.getByLabel('Central login').fill('no_such_login');
  await form.getByLabel('Name people read').fill('Nobody');
  await form.getByRole('button', { name: 'Save member' }).click();
  await expect(desk.page.getByText(/create the login first/)).toBeVisible();

  await team.getByRole('button', { name: 'Change Jonas Weber' }).click();
  await expect(form.getByLabel('Central login')).toHaveValue(officerLogin);
  await form.getByLabel('Name people read').fill('Jonas Weber-Nowak');
  await form.getByRole('button', { name: 'Save member' }).click();
  await expect(row).toContainText('Jonas Weber-Nowak');
  await screenshotThemes(desk, testInfo, 'team-admin-settings', team);

  await team.getByRole('button', { name: 'Mark Jonas Weber-Nowak inactive' }).click();
  await expect(row).toContainText('inactive');
  await expect(team.getByRole('button', { name: 'Mark Jonas Weber-Nowak inactive' })).toHaveCount(
    0,
  );
});
