import type { Page } from '@playwright/test';

export class ProfilePage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('main').getByRole('heading', { level: 2 });
  }

  async tab(name: RegExp): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  orders() {
    return this.page.getByTestId('order-row');
  }

  events() {
    return this.page.getByTestId('event-item');
  }

  consents() {
    return this.page.getByTestId('consent-row');
  }

  value(field: 'name' | 'email' | 'phone') {
    return this.page.getByTestId(`value-${field}`);
  }

  field(field: 'name' | 'email' | 'phone') {
    return this.page.getByTestId(`field-${field}`);
  }

  async rectify(field: 'name' | 'email' | 'phone', label: string, value: string): Promise<void> {
    await this.page.getByRole('button', { name: `Rectify ${field}` }).click();
    await this.page.getByRole('textbox', { name: label }).fill(value);
    await this.page.getByRole('button', { name: 'Save rectification' }).click();
  }

  problem(label: string) {
    return this.page.getByRole('textbox', { name: label });
  }
}
