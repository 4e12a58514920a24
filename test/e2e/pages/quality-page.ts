import type { Page } from '@playwright/test';

/** The Data quality screen. */
export class QualityPage {
  constructor(private readonly page: Page) {}

  counted() {
    return this.page.getByTestId('quality-counted');
  }

  missingFields() {
    return this.page.getByRole('table', { name: 'Missing critical fields' });
  }

  deskLag() {
    return this.page.getByRole('table', { name: 'Sync lag per desk' });
  }

  centralAsOf() {
    return this.page.getByTestId('central-as-of');
  }

  records() {
    return this.page.getByRole('dialog');
  }

  async showRecords(figureLabel: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name: figureLabel }).click();
  }
}
