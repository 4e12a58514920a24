import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../src/main/shell/app-menu-template';

function items(menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return menu.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

describe('the application menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`reaches every screen and the lock by keyboard on ${platform}`, () => {
      const navigated: string[] = [];
      let locked = 0;
      const menu = appMenuTemplate(
        {
          navigate: (screen) => navigated.push(screen),
          lock: () => (locked += 1),
          showLog: () => undefined,
        },
        { platform, packaged: true, appName: 'Reflect Privacy Desk' },
      );
      const all = items(menu);
      const accelerators = all.flatMap((i) => (i.accelerator ? [i.accelerator] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
      for (const item of all) {
        if (item.accelerator && item.click)
          item.click(undefined as never, undefined, undefined as never);
      }
      expect(navigated.sort()).toEqual(
        ['audit', 'cases', 'duplicates', 'exports', 'home', 'search', 'settings', 'sync'].sort(),
      );
      expect(locked).toBe(1);
      expect(all.find((i) => i.accelerator === 'CmdOrCtrl+L')?.label).toBe('Lock workspace');
      // A packaged build has no developer tools and no reload.
      expect(all.some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
      expect(menu[0]?.label).toBe(platform === 'darwin' ? 'Reflect Privacy Desk' : 'File');
      expect(all.some((i) => i.role === 'quit')).toBe(true);
    });
  }

  it('offers the developer tools only in a build that is not packaged', () => {
    const menu = appMenuTemplate(
      { navigate: () => undefined, lock: () => undefined, showLog: () => undefined },
      { platform: 'linux', packaged: false, appName: 'Reflect Privacy Desk' },
    );
    expect(items(menu).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
