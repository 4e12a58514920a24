import type { Page } from '@playwright/test';

export class SyncPage {
  constructor(private readonly page: Page) {}

  status() {
    return this.page.getByRole('table', { name: 'Sync status' });
  }

  async syncNow(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sync now' }).click();
  }

  conflict(id: number) {
    return this.page
      .getByRole('region', { name: `Conflict ${id}` })
      .or(this.page.getByLabel(`Conflict ${id}`));
  }

  async useCentralValue(): Promise<void> {
    await this.page.getByRole('button', { name: 'Use central’s value' }).click();
  }
}

export class CentralConnectionPage {
  constructor(private readonly page: Page) {}

  async connect(
    url: string,
    sslMode: 'disable' | 'require' | 'verify-full' = 'disable',
  ): Promise<void> {
    const parsed = new URL(url);
    await this.page.getByLabel('Host').fill(parsed.hostname);
    await this.page.getByLabel('Port').fill(parsed.port);
    await this.page.getByLabel('Database').fill(parsed.pathname.slice(1));
    await this.page.getByLabel('User').fill(decodeURIComponent(parsed.username));
    await this.page
      .getByLabel('Password', { exact: true })
      .fill(decodeURIComponent(parsed.password));
    if (sslMode === 'disable') {
      await this.page.getByLabel('TLS').first().click();
      await this.page.getByRole('option', { name: /Not encrypted/ }).click();
    }
    await this.page.getByRole('button', { name: 'Test connection and save' }).click();
  }

  outcome() {
    return this.page.getByRole('status').or(this.page.getByRole('alert'));
  }
}
