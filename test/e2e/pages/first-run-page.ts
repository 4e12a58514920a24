import type { Page } from '@playwright/test';

export class FirstRunPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Create your workspace' });
  }

  async create(options: { name: string; passphrase?: string; repeat?: string }): Promise<void> {
    await this.page.getByLabel('Workspace name').fill(options.name);
    if (options.passphrase !== undefined) {
      await this.page.getByRole('radio', { name: 'Passphrase' }).check();
      await this.page.getByLabel('New passphrase').fill(options.passphrase);
      await this.page.getByLabel('Repeat passphrase').fill(options.repeat ?? options.passphrase);
    } else {
      await this.page.getByRole('radio', { name: /OS keychain/ }).check();
    }
    await this.page.getByRole('button', { name: 'Create workspace' }).click();
  }
}
