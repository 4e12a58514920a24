import type { Page } from '@playwright/test';

export type ScreenName =
  | 'Today'
  | 'Search'
  | 'Duplicates'
  | 'Data quality'
  | 'Cases'
  | 'Exports'
  | 'Sync'
  | 'Audit'
  | 'Settings';

export class ShellPage {
  constructor(private readonly page: Page) {}

  navigation() {
    return this.page.getByRole('navigation', { name: 'Screens' });
  }

  workspaceName() {
    return this.page.getByTestId('workspace-name');
  }

  async open(screen: ScreenName): Promise<void> {
    await this.navigation().getByRole('button', { name: screen }).click();
  }

  screenHeading() {
    return this.page.getByRole('main').getByRole('heading', { level: 2 });
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock' }).click();
  }

  async chooseTheme(theme: 'Light' | 'Dark' | 'System'): Promise<void> {
    await this.page.getByRole('banner').getByText(theme, { exact: true }).click();
  }

  colorScheme() {
    return this.page.locator('html').getAttribute('data-mantine-color-scheme');
  }
}
