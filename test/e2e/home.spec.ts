import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes, shot } from './screenshots';
import { accessRequest } from '../support/case-requests';

// Wednesday 10 February 2027: deadlines are counted against this day.
test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('the day starts with what is due, and every case there opens with one click', async ({
  desk,
}, testInfo) => {
  test.setTimeout(90_000);
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  const home = desk.page.getByRole('main');
  await expect(home.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await expect(home.getByText('There are no open cases.')).toBeVisible();
  await expect(home.getByRole('region', { name: 'Overdue' })).toContainText(
    'None of your cases is overdue.',
  );

  const me = 'officer.e2e';
  const request = (name: string, receivedAt: string, assignee: string | null) =>
    accessRequest({
      requester: { names: [name], emails: [], phones: [] },
      receivedAt,
      assignee,
    });
  desk.services.cases.create(
    request('Margarethe Oberhauser-Lindqvist', '2027-01-01T10:00:00+01:00', me),
  );
  desk.services.cases.create(request('Jean-Baptiste Dubois', '2027-01-10T10:00:00+01:00', me));
  desk.services.cases.create(request('Ana Lucía Fernández', '2027-01-15T10:00:00+01:00', me));
  desk.services.cases.create(request('Nobody’s Case', '2027-01-20T10:00:00+01:00', null));
  // Shown afresh when the officer comes back to it.
  const shell = new ShellPage(desk.page);
  await shell.open('Cases');
  await expect(desk.page.getByTestId('case-row')).toHaveCount(4);
  await shot(desk, testInfo, 'cases-list');
  await shell.open('Today');

  await expect(home.getByRole('region', { name: 'Overdue' })).toContainText(
    'Margarethe Oberhauser-Lindqvist',
  );
  await expect(home.getByRole('region', { name: 'Overdue' })).toContainText('Overdue 9 days');
  await expect(home.getByRole('region', { name: 'Due today' })).toContainText(
    'Jean-Baptiste Dubois',
  );
  await expect(home.getByRole('region', { name: 'Due this week' })).toContainText('5 days left');
  await expect(home.getByRole('region', { name: 'Not assigned to anyone' })).toContainText(
    'Nobody’s Case',
  );
  await expect(home.getByText('4 open cases on this desk, 1 overdue.')).toBeVisible();
  await screenshotThemes(desk, testInfo, 'home');

  await home.getByRole('button', { name: /Open .* from Jean-Baptiste Dubois/ }).click();
  await expect(desk.page.getByRole('button', { name: 'Back to cases' })).toBeVisible();
  await expect(home).toContainText('Jean-Baptiste Dubois');
  await expect(home).toContainText('Due Feb 10, 2027');

  // The app menu and a notification's click arrive as an event: the screen, or a case, opens.
  await desk.page.evaluate(() => {
    window.__reflectEmit('app:navigate', { screen: 'audit', caseId: null });
  });
  await expect(desk.page.getByRole('heading', { name: 'Audit trail', exact: true })).toBeVisible();
  const overdue = desk.services.cases
    .home()
    .mine.overdue.map((c) => c.caseId)
    .at(0);
  await desk.page.evaluate((caseId) => {
    window.__reflectEmit('app:navigate', { screen: 'cases', caseId: caseId ?? null });
  }, overdue);
  await expect(home).toContainText('Margarethe Oberhauser-Lindqvist');
  await expect(desk.page.getByRole('button', { name: 'Back to cases' })).toBeVisible();

  // Ctrl+K finds cases by requester and screens by name; arrows and Enter open them.
  await desk.page.keyboard.press('ControlOrMeta+k');
  const spotlight = desk.page.getByRole('textbox', { name: 'Find a person' }).last();
  await spotlight.fill('Fernández');
  await expect(desk.page.getByTestId('spotlight-case')).toContainText('Ana Lucía Fernández');
  await desk.page.screenshot({ path: testInfo.outputPath('spotlight-case.png') });
  await desk.page.getByTestId('spotlight-case').click();
  await expect(home).toContainText('Due Feb 15, 2027');
  await expect(spotlight).toBeHidden();
  await desk.page.keyboard.press('ControlOrMeta+k');
  await expect(spotlight).toBeVisible();
  await spotlight.fill('sett');
  await expect(desk.page.getByTestId('spotlight-screen')).toHaveText('Go to Settings');
  // People found for the same letters arrive a moment later and redraw the list, which may drop
  // the selection: press again until it holds (with one entry, ArrowDown stays on it).
  await expect(async () => {
    await desk.page.keyboard.press('ArrowDown');
    await expect(desk.page.getByTestId('spotlight-screen')).toHaveAttribute(
      'data-selected',
      'true',
      {
        timeout: 500,
      },
    );
  }).toPass();
  await desk.page.keyboard.press('Enter');
  await expect(desk.page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
});
