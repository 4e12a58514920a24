import { expect, test } from './fixtures';

/**
 * Code run through page.evaluate is exempt from the page's eval rule, so eval itself cannot be
 * probed from here; the policy text is checked for it in test/unit/shell/hardening.test.ts.
 */
test.describe('the built page enforces its Content-Security-Policy', () => {
  test('blocks injected inline scripts and connections elsewhere', async ({ desk }) => {
    await desk.open();
    const page = desk.page;
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(meta).toContain("script-src 'self'");

    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        violations.push(event.effectiveDirective);
      });
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      const image = document.createElement('img');
      image.src = 'https://tracker.invalid/pixel.png';
      document.body.append(image);
      await fetch('http://127.0.0.1:9/exfiltrate').catch(() => undefined);
      await new Promise((done) => setTimeout(done, 100));
      return {
        inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
        violations,
      };
    });

    expect(outcome.inlineRan).toBe(false);
    // Each refusal is the policy's doing, not a network error.
    expect(outcome.violations).toEqual(
      expect.arrayContaining(['script-src-elem', 'img-src', 'connect-src']),
    );
  });
});
