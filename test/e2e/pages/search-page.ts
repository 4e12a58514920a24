import type { Page } from '@playwright/test';

export class SearchPage {
  constructor(private readonly page: Page) {}

  async search(text: string): Promise<void> {
    await this.page.getByRole('main').getByRole('textbox', { name: 'Find a person' }).fill(text);
  }

  hits() {
    return this.page.getByTestId('search-hit');
  }

  corrections() {
    return this.page.getByTestId('search-corrections');
  }

  async open(name: string, customerId: number): Promise<void> {
    await this.page.getByRole('button', { name: `Open ${name} (customer ${customerId})` }).click();
  }
}

export class SpotlightPage {
  constructor(private readonly page: Page) {}

  async find(text: string): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await this.page.getByRole('textbox', { name: 'Find a person' }).last().fill(text);
  }

  hits() {
    return this.page.getByTestId('spotlight-hit');
  }
}
