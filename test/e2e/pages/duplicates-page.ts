import type { Page } from '@playwright/test';

export class DuplicatesPage {
  constructor(private readonly page: Page) {}

  async checkAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check all records' }).click();
  }

  candidates() {
    return this.page.getByRole('table', { name: 'Duplicate candidates' });
  }

  async review(ids: number[]): Promise<void> {
    await this.page
      .getByRole('button', { name: `Review ${ids.map((id) => `#${id}`).join(', ')}` })
      .click();
  }

  sideBySide() {
    return this.page.getByRole('table', { name: 'Records side by side' });
  }

  async keepRecord(id: number): Promise<void> {
    await this.page.getByRole('radio', { name: `Keep record #${id}` }).check();
  }

  async takeField(label: string, id: number): Promise<void> {
    await this.page.getByRole('radio', { name: `${label} from #${id}` }).check();
  }

  async merge(into: number): Promise<void> {
    await this.page.getByRole('button', { name: `Merge into #${into}` }).click();
  }

  async openMergedProfile(): Promise<void> {
    await this.page.getByRole('button', { name: 'Open the merged profile' }).click();
  }

  merges() {
    return this.page.getByRole('table', { name: 'Merges made on this desk' });
  }

  async undo(survivor: number): Promise<void> {
    await this.page.getByRole('button', { name: `Undo merge into #${survivor}` }).click();
  }
}
