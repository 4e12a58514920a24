import type { Page } from '@playwright/test';

export class AuditPage {
  constructor(private readonly page: Page) {}

  actions() {
    return this.page
      .getByRole('table', { name: 'Audit entries' })
      .locator('tbody tr td:nth-child(4)');
  }

  async verify(): Promise<void> {
    await this.page.getByRole('button', { name: 'Verify chain' }).click();
  }

  result() {
    return this.page.getByRole('status').or(this.page.getByRole('alert'));
  }
}
