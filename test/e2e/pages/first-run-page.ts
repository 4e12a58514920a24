import { expect, type Page } from '@playwright/test';
import type { DemoStartStep } from '../../../src/shared/demo-start';
import type { ReflectApi } from '../../../src/shared/ipc/contract';

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

  /**
   * Keeps, in the page itself, every step the desk sent and every text the step list showed. In
   * these tests the demo central runs in the test's own process, which cannot look while PGlite
   * works, so steps reach the page in bursts and React may draw several at once: what was sent
   * is checked whole, what was drawn at least in part.
   */
  async recordDemoProgress(): Promise<() => Promise<{ sent: DemoStartStep[]; shown: string[] }>> {
    await this.page.evaluate(() => {
      const record = { sent: [] as DemoStartStep[], shown: [] as string[] };
      (window as unknown as { demoProgress: typeof record }).demoProgress = record;
      (window as unknown as { reflect: ReflectApi }).reflect.on('demo:start-step', (step) =>
        record.sent.push(step),
      );
      new MutationObserver(() => {
        const text = document.querySelector(
          '[aria-label="Starting the demo workspace"]',
        )?.textContent;
        if (text && record.shown.at(-1) !== text) record.shown.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    return () =>
      this.page.evaluate(
        () =>
          (window as unknown as { demoProgress: { sent: DemoStartStep[]; shown: string[] } })
            .demoProgress,
      );
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
