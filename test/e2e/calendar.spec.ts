import { expect, test } from './fixtures';
import { CasesPage } from './pages/cases-page';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';
import { accessRequest } from '../support/case-requests';

// Wednesday 10 February 2027.
test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('the calendar shows each open case on its due day, and opens it with a click', async ({
  desk,
}, testInfo) => {
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  const request = (name: string, receivedAt: string) =>
    accessRequest({ requester: { names: [name], emails: [], phones: [] }, receivedAt });
  // Received 5 January: due 5 February (overdue); 20 January: due 20 February, a Saturday, so
  // Monday 22 February; 25 January: due 25 February.
  desk.services.cases.create(
    request('Margarethe Oberhauser-Lindqvist', '2027-01-05T10:00:00+01:00'),
  );
  desk.services.cases.create(request('Jean-Baptiste Dubois', '2027-01-20T10:00:00+01:00'));
  desk.services.cases.create(request('Ana Lucía Fernández', '2027-01-25T10:00:00+01:00'));
  // Next month's: received 1 February, due 1 March.
  desk.services.cases.create(request('Kenji Watanabe', '2027-02-01T10:00:00+01:00'));

  const shell = new ShellPage(desk.page);
  await shell.open('Cases');
  await desk.page.getByRole('tab', { name: 'Calendar' }).click();
  const calendar = desk.page.getByRole('table', { name: 'Deadlines in February 2027' });
  await expect(desk.page.getByText('3 open cases fall due this month.')).toBeVisible();
  const day = (date: string) => calendar.locator(`td[data-day="${date}"]`);
  await expect(day('2027-02-05')).toContainText('Margarethe Oberhauser-Lindqvist');
  await expect(day('2027-02-10')).toContainText('today');
  await expect(day('2027-02-22')).toContainText('Jean-Baptiste Dubois');
  await expect(day('2027-02-25')).toContainText('Ana Lucía Fernández');
  await expect(
    day('2027-02-05').getByRole('button', { name: /Margarethe Oberhauser-Lindqvist, .*Overdue/ }),
  ).toBeVisible();
  await screenshotThemes(desk, testInfo, 'cases-calendar', calendar);

  await desk.page.getByRole('button', { name: 'Next month' }).click();
  const march = desk.page.getByRole('table', { name: 'Deadlines in March 2027' });
  await expect(march.locator('td[data-day="2027-03-01"]')).toContainText('Kenji Watanabe');
  await march.getByRole('button', { name: /Kenji Watanabe/ }).click();
  await expect(new CasesPage(desk.page).status()).toHaveText('Received');
});
