// The application menu: open data folder, about, quit (plus the standard edit/view roles).
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDataFolder(): void;
  showAbout(): void;
  quit(): void;
}

export function menuTemplate(actions: MenuActions, isMac: boolean): MenuItemConstructorOptions[] {
  return [
    {
      label: isMac ? 'Library of Dynamics' : 'File',
      submenu: [
        { label: 'Open Data Folder', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openDataFolder() },
        { type: 'separator' },
        { label: 'About Library of Dynamics', click: () => actions.showAbout() },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
