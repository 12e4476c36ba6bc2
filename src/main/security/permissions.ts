/**
 * Every web permission the renderer may ask for, answered from one table. Everything is denied
 * except writing (sanitised) text to the clipboard (copy a reference number) and notifications,
 * and those only for our own page's main frame. Electron asks twice, a synchronous "check" and
 * an asynchronous "request"; both go through `isPermissionGranted`.
 */
import type { Session } from 'electron';
import { isAppUrl } from './trusted-url';

/** The permission names Electron's session handlers receive (from Electron's own types). */
export type ElectronPermission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];

/**
 * The table. `satisfies` keeps every key a real Electron permission name; a name Electron adds
 * later is absent, hence denied.
 */
export const PERMISSION_TABLE = {
  'clipboard-sanitized-write': 'grant',
  notifications: 'grant',
  'clipboard-read': 'deny', // customer data must not be read from the agent's clipboard
  'deprecated-sync-clipboard-read': 'deny',
  media: 'deny', // camera / microphone
  'display-capture': 'deny',
  geolocation: 'deny',
  'geolocation-approximate': 'deny',
  fullscreen: 'deny',
  'automatic-fullscreen': 'deny',
  pointerLock: 'deny',
  keyboardLock: 'deny',
  openExternal: 'deny', // external links go through the trusted-URL check in hardening.ts
  fileSystem: 'deny',
  hid: 'deny',
  serial: 'deny',
  usb: 'deny',
  midi: 'deny',
  midiSysex: 'deny',
  'idle-detection': 'deny',
  'local-fonts': 'deny',
  'storage-access': 'deny',
  'top-level-storage-access': 'deny',
  'window-management': 'deny',
  unknown: 'deny',
} as const satisfies Partial<Record<ElectronPermission, 'grant' | 'deny'>>;

export interface PermissionAsk {
  permission: string;
  /** The URL of the frame asking (Electron's `requestingUrl`, or the web contents' URL). */
  requestingUrl: string | undefined;
  /** Whether it is the top-level frame; unknown counts as no. */
  isMainFrame: boolean | undefined;
}

/** Granted only when the table says so, for our own page, from its main frame. */
export function isPermissionGranted(ask: PermissionAsk): boolean {
  if (!Object.hasOwn(PERMISSION_TABLE, ask.permission)) return false;
  if (PERMISSION_TABLE[ask.permission as keyof typeof PERMISSION_TABLE] !== 'grant') return false;
  return ask.isMainFrame === true && isAppUrl(ask.requestingUrl);
}
