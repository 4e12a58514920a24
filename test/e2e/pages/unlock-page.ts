import type { Page } from '@playwright/test';

export class UnlockPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: /^Unlock / });
  }

  problem() {
    return this.page.getByRole('alert');
  }

  passphraseField() {
    return this.page.getByLabel('Passphrase', { exact: true });
  }

  async unlock(passphrase?: string): Promise<void> {
    if (passphrase !== undefined) await this.passphraseField().fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
  }

  async startFreshReplica(): Promise<void> {
    await this.page.getByRole('button', { name: /Move the damaged replica aside/ }).click();
  }
}
