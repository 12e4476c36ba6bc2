/** The 40 px header: workspace, capacity, connection, presence and the agent. */
import type { Presence } from '../../../shared/domain';
import { useSession, useSync, useTickets } from '../../app/hooks';
import { Button } from '../../ui/Button';

const CONNECTION_LABEL = { online: 'Online', connecting: 'Connecting…', offline: 'Offline' } as const;

export function TopBar() {
  const agent = useSession((s) => s.session?.agent ?? null);
  const setPresence = useSession((s) => s.setPresence);
  const logout = useSession((s) => s.logout);
  const connection = useSync((s): keyof typeof CONNECTION_LABEL => (s.host === 'up' ? (s.status?.connection ?? 'connecting') : s.host === 'connecting' ? 'connecting' : 'offline'));
  const active = useTickets((s) => s.lists.mine?.filter((t) => t.status === 'open' || t.status === 'pending').length ?? 0);

  return (
    <header className="top-bar">
      <span className="top-bar__workspace">Agent Desk</span>
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
      {agent && (
        <label className="presence" title="Presence">
          <span className={`presence-dot presence-dot--${agent.presence}`} aria-hidden="true" />
          <span className="visually-hidden">Presence</span>
          <select className="presence__select" value={agent.presence} onChange={(e) => void setPresence(e.target.value as Presence)}>
            <option value="available">Available</option>
            <option value="away">Away</option>
            <option value="offline">Offline</option>
          </select>
        </label>
      )}
      {agent && <span className="top-bar__agent">{agent.name}</span>}
      <Button dense variant="ghost" icon="signOut" onClick={() => void logout(true)} title="Sign out (keeps unsent changes)">
        Sign out
      </Button>
    </header>
  );
}
