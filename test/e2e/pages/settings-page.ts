import type { Page } from '@playwright/test';

type CalendarLaw = 'GDPR deadlines' | 'CCPA deadlines';
type CalendarField = 'country' | 'state or region' | 'local area';

export class SettingsPage {
  constructor(private readonly page: Page) {}

  calendars() {
    return this.page.getByRole('group', { name: 'Working days and public holidays' });
  }

  field(law: CalendarLaw, field: CalendarField) {
    return this.page.getByRole('combobox', { name: `${law}: ${field}` });
  }

  async chooseCalendar(law: CalendarLaw, field: CalendarField, option: string): Promise<void> {
    await this.field(law, field).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async saveCases(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save case settings' }).click();
    await this.page.getByText('Case settings saved.').waitFor();
  }

  logSection() {
    return this.page.getByRole('region', { name: 'Log' });
  }

  logPath() {
    return this.logSection().getByLabel('Log file');
  }

  async showLogInFolder(): Promise<void> {
    await this.logSection().getByRole('button', { name: 'Show in folder' }).click();
  }

  async copyLogPath(): Promise<void> {
    await this.logSection().getByRole('button', { name: 'Copy path' }).click();
  }

  logPathCopied() {
    return this.logSection().getByRole('button', { name: 'Path copied' });
  }

  erasurePolicies() {
    return this.page.getByRole('region', { name: 'Erasure policies' });
  }

  recordsOfProcessing() {
    return this.page.getByRole('region', { name: 'Records of processing' });
  }

  activityForm() {
    return this.page.getByRole('form', { name: 'Processing activity' });
  }

  policyForm() {
    return this.page.getByTestId('erasure-policy-form');
  }

  async choose(label: string, option: string): Promise<void> {
    await this.policyForm().getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }
}
