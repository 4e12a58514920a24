import type { Locator, TestInfo } from '@playwright/test';
import type { Desk } from './fixtures';
import { ShellPage } from './pages/shell-page';

/**
 * Screenshots in both themes at 1280x720 and 1440x900, kept with the test's output: the full
 * page, or, given a part of it, the window as the officer sees it with that part scrolled to
 * its middle (a full page would shrink one section of a long screen to nothing).
 */
export async function screenshotThemes(
  desk: Desk,
  testInfo: TestInfo,
  name: string,
  part?: Locator,
) {
  const shell = new ShellPage(desk.page);
  for (const theme of ['Light', 'Dark'] as const) {
    await shell.chooseTheme(theme);
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await desk.page.setViewportSize({ width, height });
      // From the top: fixed header and navigation are drawn where the window is scrolled to.
      if (part) await part.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      else await desk.page.evaluate(() => window.scrollTo(0, 0));
      await desk.page.screenshot({
        path: testInfo.outputPath(`${name}-${theme.toLowerCase()}-${width}x${height}.png`),
        fullPage: part === undefined,
      });
    }
  }
}

/** Full-page screenshots in both themes at both sizes. */
export function shot(desk: Desk, testInfo: TestInfo, name: string): Promise<void> {
  return screenshotThemes(desk, testInfo, name);
}

/**
 * Screenshots of an open dialog in both themes at both sizes. A modal covers the header's theme
 * switch, so the theme is set the way Mantine applies it (the colour-scheme attribute) and put
 * back afterwards.
 */
export async function dialogThemes(desk: Desk, testInfo: TestInfo, name: string): Promise<void> {
  const html = desk.page.locator('html');
  const before = await html.getAttribute('data-mantine-color-scheme');
  for (const theme of ['light', 'dark'] as const) {
    await html.evaluate((element, value) => {
      element.setAttribute('data-mantine-color-scheme', value);
    }, theme);
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await desk.page.setViewportSize({ width, height });
      await desk.page.screenshot({
        path: testInfo.outputPath(`${name}-${theme}-${width}x${height}.png`),
      });
    }
  }
  await html.evaluate((element, value) => {
    element.setAttribute('data-mantine-color-scheme', value ?? 'light');
  }, before);
}
