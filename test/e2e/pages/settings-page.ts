import type { Page } from '@playwright/test';

export class SettingsPage {
  constructor(private readonly page: Page) {}

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
}
