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
    const section = this.section();
    await section.getByLabel('Host').fill(parsed.hostname);
    await section.getByLabel('Port').fill(parsed.port);
    await section.getByLabel('Database').fill(parsed.pathname.slice(1));
    await section.getByLabel('User').fill(decodeURIComponent(parsed.username));
    await section.getByLabel('Password', { exact: true }).fill(decodeURIComponent(parsed.password));
    if (sslMode === 'disable') {
      await section.getByLabel('TLS').first().click();
      await this.page.getByRole('option', { name: /Not encrypted/ }).click();
    }
    await this.page.getByRole('button', { name: 'Test connection and save' }).click();
  }

  private section() {
    return this.page.getByRole('region', { name: 'Central database' });
  }

  /** The connection's own answer: other sections of Settings have alerts of their own. */
  outcome() {
    const section = this.section();
    return section.getByRole('status').or(section.getByRole('alert'));
  }
}
