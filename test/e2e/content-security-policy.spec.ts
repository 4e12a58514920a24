import { expect, test } from './fixtures';

test.describe('the built page enforces its Content-Security-Policy', () => {
  test('blocks eval, injected inline scripts and connections elsewhere', async ({ desk }) => {
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
      let evalResult: string;
      try {
        evalResult = String((0, eval)('1 + 1'));
      } catch (error) {
        evalResult = (error as Error).name;
      }
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await fetch('http://127.0.0.1:9/exfiltrate').catch(() => undefined);
      await new Promise((done) => setTimeout(done, 100));
      return {
        evalResult,
        inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
        violations,
      };
    });

    expect(outcome.evalResult).toBe('EvalError');
    expect(outcome.inlineRan).toBe(false);
    // Each refusal is the policy's doing, not a network error.
    expect(outcome.violations).toEqual(
      expect.arrayContaining(['script-src', 'script-src-elem', 'connect-src']),
    );
  });
});
