import type { Page } from '@playwright/test';

/** The export dialog on a case, and the Exports screen. */
export class ExportsPage {
  constructor(private readonly page: Page) {}

  dialog() {
    return this.page.getByRole('dialog', { name: 'Export for the requester' });
  }

  async openDialog(): Promise<void> {
    await this.page.getByRole('button', { name: 'Prepare export' }).click();
  }

  /** Withholds one row of a table, with the reason, in the open dialog. */
  async withholdRow(tableLabel: string, rowId: string, reason: string): Promise<void> {
    const dialog = this.dialog();
    await dialog.getByRole('button', { name: new RegExp(`^${tableLabel} \\(`) }).click();
    await dialog.getByRole('button', { name: 'Choose rows to withhold' }).click();
    await dialog.getByRole('checkbox', { name: `Withhold row ${rowId}` }).check();
    await dialog.getByLabel(`Why withhold from ${tableLabel}?`).fill(reason);
  }

  async write(): Promise<void> {
    await this.dialog().getByRole('button', { name: 'Choose where and write' }).click();
  }

  writtenPath() {
    return this.dialog().getByTestId('written-path');
  }

  rows() {
    return this.page.getByTestId('export-row');
  }

  async verify(row = 0): Promise<void> {
    await this.rows().nth(row).getByRole('button', { name: 'Verify' }).click();
  }

  check(row = 0) {
    return this.rows().nth(row).getByTestId('export-check');
  }

  problems() {
    return this.page.getByTestId('export-problems');
  }
}
