import type { Page } from '@playwright/test';

export class SearchPage {
  constructor(private readonly page: Page) {}

  /** Opens the Search screen if another is shown (the app starts on Today), then types `text`. */
  async search(text: string): Promise<void> {
    const field = this.page.getByRole('main').getByRole('textbox', { name: 'Find a person' });
    if (!(await field.isVisible())) {
      await this.page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: 'Search' })
        .click();
    }
    await field.fill(text);
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
