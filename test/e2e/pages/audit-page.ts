import type { Page } from '@playwright/test';

export class AuditPage {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Audit entries' });
  }

  /** The entries, not the lines of each entry's details (a table of their own). */
  rows() {
    return this.table().locator(':scope > tbody > tr');
  }

  /** The Action column, newest first. */
  actions() {
    return this.rows().locator(':scope > td:nth-child(4)');
  }

  async verify(): Promise<void> {
    await this.page.getByRole('button', { name: 'Verify chain' }).click();
  }

  async loadOlder(): Promise<void> {
    await this.loadOlderButton().click();
  }

  loadOlderButton() {
    return this.page.getByRole('button', { name: 'Load older' });
  }

  result() {
    return this.page.getByRole('status').or(this.page.getByRole('alert'));
  }
}
