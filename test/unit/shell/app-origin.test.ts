import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  appResponseHeaders,
  resolveAppFile,
} from '../../../src/main/shell/app-origin';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/shell/csp';
import { isTrustedSender } from '../../../src/main/shell/trusted-sender';

const root = '/opt/reflect/out/renderer';

describe('the renderer is served from app://reflect, not file://', () => {
  it('serves files under the built renderer folder only', () => {
    expect(resolveAppFile(APP_ENTRY_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://reflect/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://reflect/assets/index-abc.js', root)).toBe(
      join(root, 'assets/index-abc.js'),
    );
    // Dot segments are folded by URL parsing itself: they stay inside the folder.
    for (const dotted of [
      'app://reflect/../../../etc/passwd',
      'app://reflect/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      expect(resolveAppFile(dotted, root), dotted).toBe(join(root, 'etc/passwd'));
    }
    for (const outside of [
      'app://reflect/..%2f..%2fetc%2fpasswd',
      'app://reflect/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://reflect/a%00.js',
      'app://elsewhere/index.html',
      'file:///etc/passwd',
      'app://reflect/%E0%A4%A',
    ]) {
      expect(resolveAppFile(outside, root), outside).toBeNull();
    }
  });

  it('sends the strict policy as a header with every response', () => {
    const headers = appResponseHeaders(join(root, 'index.html'));
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['Content-Security-Policy']).toMatch(/script-src 'self'/);
    expect(headers['Content-Security-Policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('answers IPC only for the app page itself', () => {
    expect(isTrustedSender(APP_ENTRY_URL, APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://reflect/other.html', APP_ENTRY_URL)).toBe(false);
    expect(isTrustedSender('app://evil/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', APP_ENTRY_URL)).toBe(false);
  });
});
