/**
 * The 48 px navigation rail (UX.md §2): Chats, the supervisor board (supervisors only), Search (the palette searching the offline cache)
 * and Settings; the agent and their presence sit at the bottom.
 */
import { useKeymap, useSession, useStores, useSync, useUi } from '../../app/hooks';
import { ariaKeyShortcuts, shortcutLabel, type CommandId } from '../../app/keymap';
import type { View } from '../../app/ui-store';
import { initials } from '../../lib/text';
import { Icon, type IconName } from '../../ui/Icon';
import { shownPresence } from '../sync/sync-store';

interface Area {
  view: View;
  label: string;
  icon: IconName;
  command: CommandId;
}
const CHATS: Area = { view: 'chats', label: 'Chats', icon: 'chats', command: 'showChats' };
const BOARD: Area = { view: 'board', label: 'Supervisor board', icon: 'board', command: 'showBoard' };
const SETTINGS: Area = { view: 'settings', label: 'Settings', icon: 'settings', command: 'openSettings' };

const PRESENCE_WORD = { available: 'Available', away: 'Away', offline: 'Offline' } as const;

export function NavRail() {
  const { ui } = useStores();
  const view = useUi((s) => s.view);
  const keymap = useKeymap();
  const agent = useSession((s) => s.session?.agent ?? null);
  const presence = useSync((s) => (agent ? shownPresence(agent.presence, s) : null));
  const searchKeys = shortcutLabel('searchCache', keymap);
  const area = (a: Area) => {
    const keys = shortcutLabel(a.command, keymap);
    return (
      <button
        key={a.view}
        type="button"
        className={`nav-rail__item${view === a.view ? ' is-selected' : ''}`}
        aria-current={view === a.view ? 'page' : undefined}
        title={keys ? `${a.label} (${keys})` : a.label}
        onClick={() => ui.getState().showView(a.view)}
      >
        <Icon name={a.icon} size={20} label={a.label} />
      </button>
    );
  };
  return (
    <nav className="nav-rail" aria-label="Areas">
      {area(CHATS)}
      {agent?.role === 'supervisor' && area(BOARD)}
      <button
        type="button"
        className="nav-rail__item"
        title={searchKeys ? `Search cached chats (${searchKeys})` : 'Search cached chats'}
        aria-keyshortcuts={ariaKeyShortcuts('searchCache', keymap) || undefined}
        onClick={() => ui.getState().openOverlay('palette', 'search')}
      >
        <Icon name="search" size={20} label="Search" />
      </button>
      {area(SETTINGS)}
      <span className="nav-rail__spacer" />
      {agent && presence && (
        <span className="nav-rail__avatar" title={`${agent.name} · ${PRESENCE_WORD[presence]}`}>
          {initials(agent.name)}
          <span className={`presence-dot presence-dot--${presence}`} aria-hidden="true" />
        </span>
      )}
    </nav>
  );
}
