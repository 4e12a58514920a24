import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { ShellPage } from './pages/shell-page';
import { screenshotThemes } from './screenshots';
import { accessRequest } from '../support/case-requests';

test.use({ deskClock: new Date('2027-02-10T09:00:00Z') });

test('the cases dashboard has a legend, whole-number axes and month names', async ({
  desk,
}, testInfo) => {
  test.setTimeout(90_000);
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  const request = (name: string, receivedAt: string) =>
    accessRequest({ requester: { names: [name], emails: [], phones: [] }, receivedAt });
  desk.services.cases.create(request('Anna', '2027-01-05T10:00:00+01:00'));
  desk.services.cases.create(request('Bruno', '2027-01-20T10:00:00+01:00'));
  const verifying = desk.services.cases.create(request('Chloé', '2027-02-01T10:00:00+01:00'));
  desk.services.cases.act(verifying.caseId, verifying.version, {
    action: 'transition',
    to: 'verifying_identity',
    reason: null,
  });
  await new ShellPage(desk.page).open('Cases');
  await desk.page.getByRole('tab', { name: 'Dashboard' }).click();

  const legend = desk.page.getByRole('list', { name: 'Legend: open cases by status' });
  await expect(legend).toContainText('Received: 2');
  await expect(legend).toContainText('Verifying identity: 1');
  const months = desk.page.getByRole('main');
  await expect(months).toContainText(/Jan 2027|2027年1月|janv\. 2027/);
  // Axis ticks are whole numbers only.
  const ticks = await desk.page.locator('.recharts-cartesian-axis-tick-value').allTextContents();
  expect(ticks.length).toBeGreaterThan(0);
  for (const tick of ticks.filter((t) => /^\d/.test(t))) expect(tick).toMatch(/^\d+$/);
  await screenshotThemes(desk, testInfo, 'cases-dashboard');
});
