/** The 48 px navigation rail: Chats and Settings; the agent and their presence sit at the bottom. */
import { useKeymap, useSession, useStores, useSync, useUi } from '../../app/hooks';
import { shortcutLabel, type CommandId } from '../../app/keymap';
import type { View } from '../../app/ui-store';
import { initials } from '../../lib/text';
import { Icon, type IconName } from '../../ui/Icon';
import { shownPresence } from '../sync/sync-store';

const AREAS: readonly { view: View; label: string; icon: IconName; command: CommandId }[] = [
  { view: 'chats', label: 'Chats', icon: 'chats', command: 'showChats' },
  { view: 'settings', label: 'Settings', icon: 'settings', command: 'openSettings' },
];

const PRESENCE_WORD = { available: 'Available', away: 'Away', offline: 'Offline' } as const;

export function NavRail() {
  const { ui } = useStores();
  const view = useUi((s) => s.view);
  const keymap = useKeymap();
  const agent = useSession((s) => s.session?.agent ?? null);
  const presence = useSync((s) => (agent ? shownPresence(agent.presence, s) : null));
  return (
    <nav className="nav-rail" aria-label="Areas">
      {AREAS.map((a) => {
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
      })}
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
