/**
 * The application menu and the tray menu as plain templates (Electron types only), so their
 * shape per platform is tested without Electron. os-integration.ts builds them into menus.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { PRESENCES, type Presence } from '../../shared/domain';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  isDev: boolean;
  appName: string;
  /** Opens the help centre (through the trusted-URL check). */
  openHelp(): void;
}

/** The platform's standard menus: roles do the work, so shortcuts and labels are native. */
export function buildAppMenuTemplate(o: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: o.appName,
      submenu: [{ role: 'about' }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
    });
  }
  // Ctrl/⌘+W closes a chat tab (the console's keymap), so the window's Close shows the key but leaves it to the page.
  const closeWindow: MenuItemConstructorOptions = { role: 'close', registerAccelerator: false };
  template.push({ label: 'File', submenu: [mac ? closeWindow : { role: 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      // Reloading drops the renderer's state; only developers need it.
      ...(o.isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, sep] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: 'Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }] : [{ role: 'minimize' }, closeWindow],
  });
  template.push({ role: 'help', submenu: [{ label: `${o.appName} Help`, click: () => o.openHelp() }] });
  return template;
}

export const PRESENCE_LABELS: Record<Presence, string> = { available: 'Available', away: 'Away', offline: 'Offline' };

export interface TrayMenuOptions {
  /** null when signed out: the presence items are disabled. */
  presence: Presence | null;
  setPresence(presence: Presence): void;
  showWindow(): void;
  quit(): void;
}

export function buildTrayMenuTemplate(o: TrayMenuOptions): MenuItemConstructorOptions[] {
  return [
    ...PRESENCES.map(
      (p): MenuItemConstructorOptions => ({
        label: PRESENCE_LABELS[p],
        type: 'radio',
        checked: o.presence === p,
        enabled: o.presence !== null,
        click: () => o.setPresence(p),
      }),
    ),
    { type: 'separator' },
    { label: 'Show Agent Desk', click: () => o.showWindow() },
    { label: 'Quit Agent Desk', click: () => o.quit() },
  ];
}

/** The tray tooltip: who is waiting, at a glance. */
export function trayTooltip(unread: number, presence: Presence | null): string {
  const parts = ['Agent Desk'];
  if (presence) parts.push(PRESENCE_LABELS[presence]);
  parts.push(unread === 0 ? 'no unread messages' : unread === 1 ? '1 unread message' : `${unread} unread messages`);
  return parts.join(' · ');
}
