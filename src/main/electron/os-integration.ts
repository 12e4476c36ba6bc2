/**
 * The desktop's place in the operating system: the application menu, OS notifications for an
 * offered chat and for customer messages while the window is not in front, the unread badge
 * (dock/launcher count on macOS and Linux, overlay dot and title count on Windows) and a tray
 * icon with presence (Available / Away / Offline) and the unread count in its tooltip.
 *
 * It reads everything through the same typed dispatcher the renderer uses (main calling itself,
 * so no sender check), and the decisions live in attention.ts and menu-template.ts (tested).
 *
 * Privacy: notifications carry the customer's name and the ticket reference, never message
 * text. They show on lock screens and Windows keeps them in its notification database.
 */
import { app, Menu, nativeImage, Notification, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { type EventChannel, type InvokeChannel } from '../../shared/api/channels';
import type { EventPayload, InvokeInput, InvokeOutput } from '../../shared/api/contract';
import type { Presence } from '../../shared/domain';
import type { Dispatch } from '../api/dispatch';
import { HELP_CENTRE_URL } from '../security/trusted-url';
import { badgeLabel, createAttentionTracker, redDotBitmap, titleWithUnread } from './attention';
import { openExternalSafely } from './hardening';
import { sendEvent } from './ipc';
import { buildAppMenuTemplate, buildTrayMenuTemplate, trayTooltip } from './menu-template';

/** The event that asks the renderer to open a chat (a notification was clicked). */
export const OPEN_CHAT_EVENT = 'chat:open' as const;

const APP_TITLE = 'Agent Desk';
const UNREAD_DEBOUNCE_MS = 250;
/** More than this many chats at once get one summary notification. */
const MAX_SEPARATE_NOTIFICATIONS = 3;

export interface OsIntegrationLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OsIntegrationDeps {
  getWindow(): BrowserWindow | null;
  focusWindow(): void;
  dispatch: Dispatch;
  isDev: boolean;
  /** A PNG for the tray (the app icon; resized here). */
  iconPath: string;
  openExternal(url: string): Promise<void>;
  log: OsIntegrationLog;
  platform?: NodeJS.Platform;
}

export interface OsIntegration {
  /** Feed every desktop event here (main.ts forwards them beside the renderer's copy). */
  onEvent(channel: EventChannel, payload: unknown): void;
  dispose(): void;
}

export function installOsIntegration(d: OsIntegrationDeps): OsIntegration {
  const platform = d.platform ?? process.platform;
  const { log } = d;
  const tracker = createAttentionTracker();
  const live = new Set<Notification>(); // referenced until closed, or Windows loses the click
  let agentId: string | null = null;
  let presence: Presence | null = null;
  let unread = 0;
  let unreadTimer: NodeJS.Timeout | null = null;
  let disposed = false;

  async function call<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C> | null> {
    const r = await d.dispatch(channel, input);
    // The dispatcher has parsed the output against the contract already.
    return r.ok ? (r.value as InvokeOutput<C>) : null;
  }

  const windowInFront = (): boolean => {
    const win = d.getWindow();
    return !!win && !win.isDestroyed() && win.isVisible() && !win.isMinimized() && win.isFocused();
  };

  // ---- menu ---------------------------------------------------------------------------------
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenuTemplate({ platform, isDev: d.isDev, appName: APP_TITLE, openHelp: () => openExternalSafely(HELP_CENTRE_URL, d.openExternal, log) }),
    ),
  );

  // ---- tray ---------------------------------------------------------------------------------
  let tray: Tray | null = null;
  try {
    const icon = nativeImage.createFromPath(d.iconPath);
    if (icon.isEmpty()) log.warn({ iconPath: d.iconPath }, 'os: tray icon not found; the tray is empty');
    tray = new Tray(icon.isEmpty() ? icon : icon.resize({ width: 16, height: 16, quality: 'best' }));
    tray.on('click', () => d.focusWindow());
  } catch (err) {
    // Some Linux desktops have no tray; everything else still works.
    log.warn({ err }, 'os: no tray on this desktop');
  }

  const refreshTray = () => {
    if (!tray || tray.isDestroyed()) return;
    tray.setToolTip(trayTooltip(unread, presence));
    tray.setContextMenu(
      Menu.buildFromTemplate(
        buildTrayMenuTemplate({
          presence,
          setPresence: (p) => void setPresence(p),
          showWindow: () => d.focusWindow(),
          quit: () => app.quit(),
        }),
      ),
    );
  };

  async function setPresence(p: Presence): Promise<void> {
    const agent = await call('presence:set', { presence: p });
    if (!agent) {
      log.warn({ presence: p }, 'os: could not change presence');
      return;
    }
    presence = agent.presence;
    refreshTray();
  }

  // ---- badge --------------------------------------------------------------------------------
  let dot: NativeImage | null = null;
  const setBadge = (count: number) => {
    unread = count;
    if (platform === 'darwin' || platform === 'linux') {
      app.setBadgeCount(count); // Linux: only launchers that support it (Unity, KDE, GNOME docks)
    }
    const win = d.getWindow();
    if (win && !win.isDestroyed()) {
      if (platform === 'win32') {
        dot ??= nativeImage.createFromBitmap(redDotBitmap(16), { width: 16, height: 16 });
        win.setOverlayIcon(count > 0 ? dot : null, count > 0 ? `${badgeLabel(count)} unread` : '');
      }
      win.setTitle(titleWithUnread(APP_TITLE, platform === 'win32' ? count : 0));
    }
    refreshTray();
  };

  // ---- notifications ------------------------------------------------------------------------
  const openChat = (ticketId: string) => {
    d.focusWindow();
    sendEvent(d.getWindow()?.webContents, OPEN_CHAT_EVENT, { ticketId }, log);
  };

  const notify = (title: string, body: string, ticketId: string | null, silent: boolean) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title, body, silent });
    live.add(n);
    n.on('click', () => {
      live.delete(n);
      if (ticketId) openChat(ticketId);
      else d.focusWindow();
    });
    n.on('close', () => live.delete(n));
    n.show();
  };

  /** null: no OS notification; else whether it plays the system sound (Settings: Sound). */
  const notificationsWanted = async (): Promise<{ silent: boolean } | null> => {
    if (windowInFront()) return null; // the agent sees the queue change in the window
    const settings = await call('settings:get', null);
    return (settings?.notifications ?? true) ? { silent: settings?.sound === false } : null;
  };

  const drawAttention = () => {
    const win = d.getWindow();
    if (!win || win.isDestroyed() || win.isFocused()) return;
    if (platform === 'darwin') app.dock?.bounce('informational');
    else win.flashFrame(true);
  };

  async function refreshUnread(): Promise<void> {
    unreadTimer = null;
    if (disposed) return;
    if (!agentId) {
      tracker.reset();
      setBadge(0);
      return;
    }
    const tickets = await call('tickets:list', { view: 'mine', limit: 500 });
    if (!tickets || disposed) return;
    const update = tracker.update(tickets);
    setBadge(update.unreadTotal);
    if (update.newCustomerMessages.length === 0) return;
    const wanted = await notificationsWanted();
    if (!wanted) return;
    drawAttention();
    if (update.newCustomerMessages.length > MAX_SEPARATE_NOTIFICATIONS) {
      notify('New customer messages', `${update.newCustomerMessages.length} chats have new messages.`, null, wanted.silent);
      return;
    }
    for (const t of update.newCustomerMessages) notify(`New message from ${t.customerName}`, t.reference, t.id, wanted.silent);
  }

  const scheduleUnread = () => {
    if (unreadTimer || disposed) return;
    unreadTimer = setTimeout(() => {
      refreshUnread().catch((err: unknown) => log.error({ err }, 'os: unread refresh failed'));
    }, UNREAD_DEBOUNCE_MS);
  };

  const applySession = (s: EventPayload<'session:changed'>) => {
    const next = s.signedIn && s.agent ? s.agent.id : null;
    if (next !== agentId) tracker.reset();
    agentId = next;
    presence = s.signedIn && s.agent ? s.agent.presence : null;
    refreshTray();
    scheduleUnread();
  };

  // The state at start (a stored session resumes before the window opens).
  void call('session:get', null).then((s) => {
    if (s && !disposed) applySession(s);
    else refreshTray();
  });

  return {
    onEvent(channel, payload) {
      if (disposed) return;
      switch (channel) {
        case 'chat:offered': {
          const p = payload as EventPayload<'chat:offered'>;
          scheduleUnread();
          void notificationsWanted().then((wanted) => {
            if (!wanted) return;
            drawAttention();
            notify('New chat offered', `${p.reference} is waiting for you to accept it.`, p.ticketId, wanted.silent);
          });
          return;
        }
        case 'tickets:changed':
        case 'messages:changed':
          scheduleUnread();
          return;
        case 'session:changed':
          applySession(payload as EventPayload<'session:changed'>);
          return;
        case 'presence:changed': {
          const p = payload as EventPayload<'presence:changed'>;
          if (p.agentId === agentId) {
            presence = p.presence;
            refreshTray();
          }
          return;
        }
        case 'typing':
        case 'sync:status':
        case 'chat:open':
        case 'colleagues:activity':
        case 'actions:settled':
        case 'supervisor:board':
          return;
        default:
          assertNever(channel);
      }
    },
    dispose() {
      disposed = true;
      if (unreadTimer) clearTimeout(unreadTimer);
      for (const n of live) n.close();
      live.clear();
      tray?.destroy();
      tray = null;
    },
  };
}

function assertNever(x: never): void {
  void x; // a new event channel: decide here whether it needs the OS's attention
}
