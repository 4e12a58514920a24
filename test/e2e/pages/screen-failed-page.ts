import type { Page } from '@playwright/test';

/** What a screen shows in its place when it failed (its error boundary). */
export class ScreenFailedPage {
  constructor(private readonly page: Page) {}

  root() {
    return this.page.getByTestId('screen-failed');
  }

  title() {
    return this.root().getByRole('alert');
  }

  recorded() {
    return this.root().getByText(/Recorded in the log as incident/);
  }

  /** The incident id the boundary shows, once the log has taken the report. */
  async incident(): Promise<string> {
    const text = await this.recorded().textContent();
    const id = /incident ([0-9a-f]{8})/.exec(text ?? '')?.[1];
    if (id === undefined) throw new Error(`No incident id in "${text ?? ''}"`);
    return id;
  }

  diagnostic() {
    return this.root().getByLabel('Diagnostic');
  }

  async copyDiagnostic(): Promise<void> {
    await this.root().getByRole('button', { name: 'Copy diagnostic' }).click();
  }

  copied() {
    return this.root().getByRole('button', { name: 'Diagnostic copied' });
  }

  async tryAgain(): Promise<void> {
    await this.root().getByRole('button', { name: 'Try again' }).click();
  }
}
