import { app, Menu } from 'electron';
import { appMenuTemplate, type MenuActions } from './app-menu-template';

export function installAppMenu(actions: MenuActions): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(actions, {
        platform: process.platform,
        packaged: app.isPackaged,
        appName: app.getName(),
      }),
    ),
  );
}
