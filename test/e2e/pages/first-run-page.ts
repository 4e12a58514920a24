import { expect, type Page } from '@playwright/test';

export class FirstRunPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Create your workspace' });
  }

  keychainOption() {
    return this.page.getByRole('radio', { name: /OS keychain/ });
  }

  passphraseOption() {
    return this.page.getByRole('radio', { name: 'Passphrase' });
  }

  passphraseField() {
    return this.page.getByLabel('New passphrase');
  }

  /** The step list a demo workspace's first start shows while it runs. */
  demoProgress() {
    return this.page.getByRole('status', { name: 'Starting the demo workspace' });
  }

  problem() {
    return this.page.getByRole('alert');
  }

  /** Without a passphrase the keychain is chosen; with one, passphrase protection. */
  async create(options: { name: string; passphrase?: string; repeat?: string }): Promise<void> {
    await this.page.getByLabel('Workspace name').fill(options.name);
    if (options.passphrase !== undefined) {
      await this.passphraseOption().check();
      await this.fillPassphrase(options.passphrase, options.repeat);
    } else {
      await this.keychainOption().check();
    }
    await this.submit();
  }

  /**
   * Creates the workspace and waits until the shell shows it: clicking "Create workspace" returns
   * before the main process has opened the replica, so a test that calls services next must wait.
   */
  async createOpened(options: { name: string; passphrase?: string }): Promise<void> {
    await this.create(options);
    await expect(this.page.getByTestId('workspace-name')).toHaveText(options.name);
  }

  async fillPassphrase(passphrase: string, repeat = passphrase): Promise<void> {
    await this.passphraseField().fill(passphrase);
    await this.page.getByLabel('Repeat passphrase').fill(repeat);
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create workspace' }).click();
  }

  async tryDemo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Try the demo workspace' }).click();
  }
}
