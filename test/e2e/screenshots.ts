import type { TestInfo } from '@playwright/test';
import type { Desk } from './fixtures';
import { ShellPage } from './pages/shell-page';

/** Full-page screenshots in both themes at 1280x720 and 1440x900, kept with the test's output. */
export async function shot(desk: Desk, testInfo: TestInfo, name: string): Promise<void> {
  const shell = new ShellPage(desk.page);
  for (const theme of ['Light', 'Dark'] as const) {
    await shell.chooseTheme(theme);
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await desk.page.setViewportSize({ width, height });
      // From the top: fixed header and navigation are drawn where the window is scrolled to.
      await desk.page.evaluate(() => window.scrollTo(0, 0));
      await desk.page.screenshot({
        path: testInfo.outputPath(`${name}-${theme.toLowerCase()}-${width}x${height}.png`),
        fullPage: true,
      });
    }
  }
}
