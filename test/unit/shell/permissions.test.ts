import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../src/main/shell/app-origin';
import { isPermissionGranted } from '../../../src/main/shell/permissions';
import { schemeOf } from '../../../src/main/shell/url-scheme';

const page = { requestingUrl: APP_ENTRY_URL, isMainFrame: true };

describe('permissions of the window', () => {
  it('grants the app’s own page writing to the clipboard, for its Copy buttons', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', page, APP_ENTRY_URL)).toBe(true);
  });

  it.each([
    ['reading the clipboard', 'clipboard-read', page],
    ['notifications', 'notifications', page],
    ['the camera', 'media', page],
    ['a sub-frame', 'clipboard-sanitized-write', { ...page, isMainFrame: false }],
    [
      'another page',
      'clipboard-sanitized-write',
      { requestingUrl: 'https://example.org/', isMainFrame: true },
    ],
    [
      'a local file',
      'clipboard-sanitized-write',
      { requestingUrl: 'file:///tmp/x.html', isMainFrame: true },
    ],
    ['no page at all', 'clipboard-sanitized-write', { isMainFrame: true }],
  ])('refuses %s', (_what, permission, request) => {
    expect(isPermissionGranted(permission, request, APP_ENTRY_URL)).toBe(false);
  });
});

describe('a refused URL in the log', () => {
  it('is reduced to its scheme', () => {
    expect(schemeOf('https://anna:pw@example.org/path?q=1')).toBe('https');
    expect(schemeOf('not a url')).toBe('');
  });
});
