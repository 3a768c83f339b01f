// The application menu, in the user's language. Roles give each item its
// behaviour and shortcut; the labels come from the catalogue because Electron
// labels roles in English only.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { format, type Locale, type MessageId } from '../shared/i18n/index.ts';

export function menuTemplate(locale: Locale, options: { mac: boolean; developing: boolean }): MenuItemConstructorOptions[] {
  const t = (id: MessageId) => format(locale, id);
  const separator = { type: 'separator' } as const;
  return [
    ...(options.mac
      ? [
          {
            label: format(locale, 'app.name'),
            submenu: [
              { role: 'about', label: t('shell.menu.about') },
              separator,
              { role: 'hide', label: t('shell.menu.hide') },
              { role: 'hideOthers', label: t('shell.menu.hide-others') },
              { role: 'unhide', label: t('shell.menu.show-all') },
              separator,
              { role: 'quit', label: t('shell.menu.quit') },
            ] satisfies MenuItemConstructorOptions[],
          },
        ]
      : []),
    { label: t('shell.menu.file'), submenu: [options.mac ? { role: 'close', label: t('shell.menu.close-window') } : { role: 'quit', label: t('shell.menu.quit') }] },
    {
      label: t('shell.menu.edit'),
      submenu: [
        { role: 'undo', label: t('shell.menu.undo') },
        { role: 'redo', label: t('shell.menu.redo') },
        separator,
        { role: 'cut', label: t('shell.menu.cut') },
        { role: 'copy', label: t('shell.menu.copy') },
        { role: 'paste', label: t('shell.menu.paste') },
        { role: 'selectAll', label: t('shell.menu.select-all') },
      ],
    },
    {
      label: t('shell.menu.view'),
      submenu: [
        { role: 'togglefullscreen', label: t('shell.menu.full-screen') },
        // Reload and DevTools while developing only; a packaged app has neither.
        ...(options.developing ? [separator, { role: 'reload', label: t('shell.menu.reload') } as const, { role: 'toggleDevTools', label: t('shell.menu.devtools') } as const] : []),
      ],
    },
    {
      label: t('shell.menu.window'),
      submenu: [
        { role: 'minimize', label: t('shell.menu.minimize') },
        ...(options.mac ? [{ role: 'zoom', label: t('shell.menu.zoom') } as const, separator, { role: 'front', label: t('shell.menu.front') } as const] : []),
      ],
    },
  ];
}

export function buildMenu(locale: Locale): Menu {
  return Menu.buildFromTemplate(menuTemplate(locale, { mac: process.platform === 'darwin', developing: !app.isPackaged }));
}
