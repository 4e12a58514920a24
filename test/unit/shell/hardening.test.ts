import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../src/main/shell/csp';
import { guardNavigation, type GuardableContents } from '../../../src/main/shell/navigation-guard';
import { enforceSingleInstance } from '../../../src/main/shell/single-instance';
import { isTrustedSender } from '../../../src/main/shell/trusted-sender';
import { secureWebPreferences } from '../../../src/main/shell/web-preferences';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('window web preferences', () => {
  it('isolate and sandbox the renderer with no Node access', () => {
    expect(secureWebPreferences('/app/preload.cjs', false)).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
  });
});

describe('content security policy', () => {
  it('allows only the app’s own scripts: no inline, no eval, no remote', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    for (const value of csp.values()) {
      expect(value).not.toMatch(/unsafe-eval|https?:|\*/);
    }
    expect(
      [...csp.entries()].filter(([, v]) => v.includes('unsafe-inline')).map(([k]) => k),
    ).toEqual(['style-src']);
  });

  it('gives the <meta> form the same rules minus what meta cannot carry', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });
});

class FakeContents extends EventEmitter implements GuardableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
}

describe('navigation guard', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', (eventName) => {
    const contents = new FakeContents();
    const reports: string[] = [];
    guardNavigation(contents, (what, url) => reports.push(`${what} ${url}`));
    let prevented = false;
    contents.emit(eventName, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(reports).toHaveLength(1);
  });

  it('denies every new window', () => {
    const contents = new FakeContents();
    guardNavigation(contents, () => undefined);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('IPC sender check', () => {
  it('trusts only the bundled page or the dev server origin', () => {
    const bundled = 'file:///opt/Reflect/resources/app.asar/out/renderer/index.html';
    expect(isTrustedSender(`${bundled}#/audit`, bundled)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil.html', bundled)).toBe(false);
    expect(isTrustedSender('https://evil.example/', bundled)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/src/x', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender('not a url', bundled)).toBe(false);
  });
});

describe('single instance', () => {
  function fakeApp(gotLock: boolean) {
    const app = Object.assign(new EventEmitter(), {
      quitCalled: false,
      requestSingleInstanceLock: () => gotLock,
      quit() {
        app.quitCalled = true;
      },
    });
    return app;
  }

  it('quits a second instance', () => {
    const app = fakeApp(false);
    expect(enforceSingleInstance(app, () => undefined)).toBe(false);
    expect(app.quitCalled).toBe(true);
  });

  it('lets the first instance run and focuses it when another starts', () => {
    const app = fakeApp(true);
    let focused = 0;
    expect(enforceSingleInstance(app, () => (focused += 1))).toBe(true);
    expect(app.quitCalled).toBe(false);
    app.emit('second-instance');
    expect(focused).toBe(1);
  });
});
