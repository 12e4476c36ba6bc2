// The decisions behind os-integration.ts (which needs Electron): unread counting, which changes
// notify, badge/title text, and the menus per platform.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { badgeLabel, createAttentionTracker, redDotBitmap, titleWithUnread, type AttentionTicket } from './attention';
import { buildAppMenuTemplate, buildTrayMenuTemplate, trayTooltip } from './menu-template';

const t = (id: string, unread: number, author: AttentionTicket['lastMessageAuthor'] = 'customer'): AttentionTicket => ({
  id,
  reference: `AD-${id}`,
  customerName: `Customer ${id}`,
  unread,
  lastMessageAuthor: author,
});

describe('attention tracker', () => {
  it('sums unread and notifies nothing on the first snapshot', () => {
    const tr = createAttentionTracker();
    expect(tr.update([t('1', 2), t('2', 3)])).toEqual({ unreadTotal: 5, newCustomerMessages: [] });
  });

  it('notifies a ticket whose unread count rose with a customer message', () => {
    const tr = createAttentionTracker();
    tr.update([t('1', 0), t('2', 1)]);
    const u = tr.update([t('1', 1), t('2', 1), t('3', 2)]);
    expect(u.unreadTotal).toBe(4);
    expect(u.newCustomerMessages.map((x) => x.id)).toEqual(['1', '3']);
  });

  it('does not notify reads, agent or system messages', () => {
    const tr = createAttentionTracker();
    tr.update([t('1', 3), t('2', 0)]);
    expect(tr.update([t('1', 0), t('2', 1, 'agent')]).newCustomerMessages).toEqual([]);
    expect(tr.update([t('1', 0), t('2', 2, 'system')]).newCustomerMessages).toEqual([]);
  });

  it('starts a new baseline after reset (another agent signed in)', () => {
    const tr = createAttentionTracker();
    tr.update([t('1', 0)]);
    tr.reset();
    expect(tr.update([t('9', 5)]).newCustomerMessages).toEqual([]);
  });
});

describe('badge and title', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
  ])('%i → %j', (n, label) => expect(badgeLabel(n)).toBe(label));

  it('puts the count in front of the title', () => {
    expect(titleWithUnread('Agent Desk', 0)).toBe('Agent Desk');
    expect(titleWithUnread('Agent Desk', 4)).toBe('(4) Agent Desk');
  });

  it('draws a 16x16 BGRA dot: opaque centre, transparent corners', () => {
    const b = redDotBitmap(16);
    expect(b.length).toBe(16 * 16 * 4);
    const alpha = (x: number, y: number) => b[(y * 16 + x) * 4 + 3];
    expect(alpha(8, 8)).toBe(255);
    expect(alpha(0, 0)).toBe(0);
  });
});

describe('application menu', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);

  it('has the macOS app menu only on macOS, and standard edit roles everywhere', () => {
    const mac = buildAppMenuTemplate({ platform: 'darwin', isDev: false, appName: 'Agent Desk', openHelp: () => {} });
    const win = buildAppMenuTemplate({ platform: 'win32', isDev: false, appName: 'Agent Desk', openHelp: () => {} });
    expect(mac[0]!.label).toBe('Agent Desk');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'front', 'cut', 'copy', 'paste', 'selectAll']));
    expect(win.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
    expect(roles(win)).toEqual(expect.arrayContaining(['quit', 'cut', 'copy', 'paste', 'selectAll']));
    expect(roles(win)).not.toContain('about');
  });

  it('offers reload and developer tools only in development', () => {
    const prod = roles(buildAppMenuTemplate({ platform: 'linux', isDev: false, appName: 'Agent Desk', openHelp: () => {} }));
    const dev = roles(buildAppMenuTemplate({ platform: 'linux', isDev: true, appName: 'Agent Desk', openHelp: () => {} }));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('toggleDevTools');
    expect(dev).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('Help opens the help centre through the given opener', () => {
    const openHelp = vi.fn();
    const help = buildAppMenuTemplate({ platform: 'win32', isDev: false, appName: 'Agent Desk', openHelp }).at(-1)!;
    const item = (help.submenu as MenuItemConstructorOptions[])[0]!;
    (item.click as () => void)();
    expect(openHelp).toHaveBeenCalledOnce();
  });
});

describe('tray', () => {
  it('checks the current presence and sets another', () => {
    const setPresence = vi.fn();
    const items = buildTrayMenuTemplate({ presence: 'away', setPresence, showWindow: vi.fn(), quit: vi.fn() });
    const radios = items.filter((i) => i.type === 'radio');
    expect(radios.map((i) => [i.label, i.checked, i.enabled])).toEqual([
      ['Available', false, true],
      ['Away', true, true],
      ['Offline', false, true],
    ]);
    (radios[0]!.click as () => void)();
    expect(setPresence).toHaveBeenCalledWith('available');
  });

  it('disables presence when signed out', () => {
    const items = buildTrayMenuTemplate({ presence: null, setPresence: vi.fn(), showWindow: vi.fn(), quit: vi.fn() });
    expect(items.filter((i) => i.type === 'radio').every((i) => i.enabled === false && !i.checked)).toBe(true);
  });

  it('shows the unread count in the tooltip', () => {
    expect(trayTooltip(0, null)).toBe('Agent Desk · no unread messages');
    expect(trayTooltip(1, 'available')).toBe('Agent Desk · Available · 1 unread message');
    expect(trayTooltip(12, 'away')).toBe('Agent Desk · Away · 12 unread messages');
  });
});
