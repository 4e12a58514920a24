import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { SettingsPage } from './pages/settings-page';
import { ShellPage } from './pages/shell-page';
import { shot } from './screenshots';

test('the organisation chooses whose public holidays move its deadlines', async ({
  desk,
}, testInfo) => {
  // Twelve full-page screenshots on a busy machine.
  test.setTimeout(90_000);
  await desk.open();
  await new FirstRunPage(desk.page).createOpened({ name: 'Desk' });
  await new ShellPage(desk.page).open('Settings');
  const settings = new SettingsPage(desk.page);

  await settings.chooseCalendar('GDPR deadlines', 'country', 'None (weekends only)');
  await expect(settings.calendars()).toContainText('Public holidays are not counted');
  await expect(settings.field('GDPR deadlines', 'state or region')).toBeDisabled();
  await shot(desk, testInfo, 'settings-weekends-only');

  await settings.chooseCalendar('GDPR deadlines', 'country', 'Germany');
  await settings.chooseCalendar('GDPR deadlines', 'state or region', 'Bayern');
  await settings.chooseCalendar(
    'GDPR deadlines',
    'local area',
    'Predominantly catholic communities',
  );
  await expect(settings.field('CCPA deadlines', 'state or region')).toHaveValue('California');
  await expect(settings.calendars()).not.toContainText('Public holidays are not counted');
  await settings.saveCases();

  expect(desk.services.cases.settings().calendars).toEqual({
    gdpr: { country: 'DE', state: 'BY', region: 'KATH' },
    ccpa: { country: 'US', state: 'CA', region: null },
  });
  // Choosing another country starts its state and area afresh.
  await settings.chooseCalendar('GDPR deadlines', 'country', 'France');
  await expect(settings.field('GDPR deadlines', 'state or region')).toHaveValue('Whole country');
  await expect(settings.field('GDPR deadlines', 'local area')).toBeDisabled();
  await settings.chooseCalendar('GDPR deadlines', 'country', 'Germany');
  await settings.chooseCalendar('GDPR deadlines', 'state or region', 'Bayern');
  await shot(desk, testInfo, 'settings-calendar');
  await settings
    .calendars()
    .screenshot({ path: testInfo.outputPath('settings-calendar-part.png') });
});
