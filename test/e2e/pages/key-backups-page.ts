import type { Page } from '@playwright/test';

/** The "Key and backups" section of Settings and its dialogs; the restore dialog also opens from the gate screens. */
export class KeyBackupsPage {
  constructor(private readonly page: Page) {}

  section() {
    return this.page.getByRole('region', { name: 'Key and backups' });
  }

  row(label: 'Key protection' | 'Last backup') {
    return this.section().getByRole('row', { name: new RegExp(`^${label}`) });
  }

  dialog() {
    return this.page.getByRole('dialog');
  }

  async openBackup(passphrase: string, repeat = passphrase): Promise<void> {
    await this.section().getByRole('button', { name: 'Back up now' }).click();
    await this.dialog()
      .getByLabel(/^Backup passphrase/)
      .fill(passphrase);
    await this.dialog().getByLabel('Repeat backup passphrase').fill(repeat);
  }

  async submit(name: RegExp): Promise<void> {
    await this.dialog().getByRole('button', { name }).click();
  }

  async openChangeKey(): Promise<void> {
    await this.section().getByRole('button', { name: 'Change key protection' }).click();
  }

  async choosePassphrase(passphrase: string, repeat = passphrase): Promise<void> {
    await this.dialog().getByRole('radio', { name: 'Passphrase' }).check();
    await this.dialog()
      .getByLabel(/^New passphrase/)
      .fill(passphrase);
    await this.dialog().getByLabel('Repeat new passphrase').fill(repeat);
  }

  async fillRestore(backupPassphrase: string): Promise<void> {
    await this.dialog()
      .getByLabel(/^Backup passphrase/)
      .fill(backupPassphrase);
  }

  /** What the last action did, shown in the section. */
  notice(title: string) {
    return this.section().getByRole('alert').filter({ hasText: title });
  }
}
