import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

/** Where renders of what a requester receives are kept, beside the e2e screenshots. */
export function rendersDir(name: string): string {
  const dir = resolve(__dirname, '../../test-results/requester-documents', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The text of a PDF as poppler reads it (layout kept, so table rows stay on one line). */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
  });
}

/** Pages of a PDF as PNG files (pdftoppm), to look at; returns their paths. */
export function pdfPages(path: string, dir: string, prefix: string, last = 4): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-l', String(last), path, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && n.endsWith('.png'))
    .map((n) => join(dir, n));
}

/** A full-page screenshot of an HTML file as a browser shows it. */
export async function htmlScreenshot(htmlPath: string, pngPath: string): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${htmlPath}`);
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}

/** A letter as the requester reads it, rendered as plain text on a page. */
export async function letterScreenshot(
  subject: string,
  body: string,
  pngPath: string,
): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 820, height: 600 } });
    const escape = (text: string) =>
      text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
    await page.setContent(
      `<body style="font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:42rem"><h3>${escape(subject)}</h3><pre style="font:inherit;white-space:pre-wrap">${escape(body)}</pre></body>`,
    );
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}
