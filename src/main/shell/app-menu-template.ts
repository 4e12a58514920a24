import type { MenuItemConstructorOptions } from 'electron';
import type { AppNavigation } from '../../shared/ipc/contract';

export interface MenuActions {
  navigate: (screen: AppNavigation['screen']) => void;
  lock: () => void;
  showLog: () => void;
}

/** The screens in the order of the navigation, each with CmdOrCtrl and its number. */
const SCREENS: [AppNavigation['screen'], string][] = [
  ['home', 'Today'],
  ['search', 'Search'],
  ['duplicates', 'Duplicates'],
  ['cases', 'Cases'],
  ['exports', 'Exports'],
  ['sync', 'Sync'],
  ['audit', 'Audit'],
];

/**
 * The application menu: the usual entries of each platform (the app menu on macOS, File / Edit /
 * View / Window / Help elsewhere), every screen a shortcut away, Lock on CmdOrCtrl+L. Developer
 * tools only in a build that is not packaged. Ctrl+K (find a person) belongs to the page.
 */
export function appMenuTemplate(
  actions: MenuActions,
  options: { platform: NodeJS.Platform; packaged: boolean; appName: string },
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const settings: MenuItemConstructorOptions = {
    label: mac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.navigate('settings'),
  };
  const lock: MenuItemConstructorOptions = {
    label: 'Lock workspace',
    accelerator: 'CmdOrCtrl+L',
    click: actions.lock,
  };
  return [
    ...(mac
      ? [
          {
            label: options.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              settings,
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: mac
        ? [lock, { role: 'close' }]
        : [lock, settings, { type: 'separator' }, { role: 'quit' }],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...SCREENS.map(([screen, label], index): MenuItemConstructorOptions => ({
          label,
          accelerator: `CmdOrCtrl+${index + 1}`,
          click: () => actions.navigate(screen),
        })),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.packaged
          ? []
          : ([
              { type: 'separator' },
              { role: 'reload' },
              { role: 'toggleDevTools' },
            ] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      label: 'Window',
      submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' } as const] : [])],
    },
    {
      label: 'Help',
      submenu: [{ label: 'Show the log file', click: actions.showLog }],
    },
  ];
}
