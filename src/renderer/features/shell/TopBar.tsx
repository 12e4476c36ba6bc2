/** The 40 px header: workspace, the palette opener, capacity, connection, presence and the agent. */
import { useEffect, useRef } from 'react';
import type { Presence } from '../../../shared/domain';
import { bindingsOf } from '../../app/keymap';
import { useKeymap, useSession, useStores, useSync, useTickets, useUi } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Keys } from '../../ui/Keys';
import { connectionOf, isDisconnected } from '../sync/sync-store';

const CONNECTION_LABEL = { online: 'Online', connecting: 'Connecting…', offline: 'Offline' } as const;

export function TopBar() {
  const { ui } = useStores();
  const keymap = useKeymap();
  const agent = useSession((s) => s.session?.agent ?? null);
  const setPresence = useSession((s) => s.setPresence);
  const logout = useSession((s) => s.logout);
  // Presence changes and signing out can be refused: say so where they were asked for.
  const sessionError = useSession((s) => s.error);
  const connection = useSync(connectionOf);
  const disconnected = useSync(isDisconnected);
  // Mine is the agent's open and pending chats: its length, not only its first page.
  const active = useTickets((s) => s.totals.mine ?? 0);
  const presenceFocus = useUi((s) => s.presenceFocus);
  const presenceRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (presenceFocus > 0) presenceRef.current?.focus();
  }, [presenceFocus]);

  return (
    <header className="top-bar">
      <span className="top-bar__workspace">Agent Desk</span>
      <button type="button" className="top-bar__search" onClick={() => ui.getState().openOverlay('palette')}>
        <Icon name="search" size={14} />
        <span className="top-bar__search-text">Search or run a command</span>
        <Keys bindings={bindingsOf(keymap, 'openPalette')} />
      </button>
      <span className="top-bar__spacer" />
      {agent && (
        <span className="top-bar__item" title="Open chats / capacity">
          <span className="tabular">
            {active}/{agent.capacity}
          </span>
        </span>
      )}
      <span className="top-bar__item top-bar__connection">
        <span className={`dot dot--${connection === 'online' ? 'ok' : connection === 'connecting' ? 'warn' : 'off'}`} aria-hidden="true" />
        {CONNECTION_LABEL[connection]}
      </span>
      {agent &&
        (disconnected ? (
          // The desk can't hear the agent: customers see them offline, whatever they chose last.
          <span className="presence presence--disconnected" title={`Offline until the connection is back (you chose ${agent.presence})`}>
            <span className="presence-dot presence-dot--offline" aria-hidden="true" />
            <span className="visually-hidden">Presence: </span>
            Offline
          </span>
        ) : (
          <label className="presence" title="Presence">
            <span className={`presence-dot presence-dot--${agent.presence}`} aria-hidden="true" />
            <span className="visually-hidden">Presence</span>
            <select ref={presenceRef} className="presence__select" value={agent.presence} onChange={(e) => void setPresence(e.target.value as Presence)}>
              <option value="available">Available</option>
              <option value="away">Away</option>
              <option value="offline">Offline</option>
            </select>
          </label>
        ))}
      {sessionError && (
        <span className="top-bar__error" role="alert" title={sessionError.message}>
          {sessionError.message}
        </span>
      )}
      {agent && <span className="top-bar__agent">{agent.name}</span>}
      <Button dense variant="ghost" icon="signOut" onClick={() => void logout(true)} title="Sign out (keeps unsent changes)">
        Sign out
      </Button>
    </header>
  );
}
