/** The 48 px navigation rail. Chats is the only area so far; the agent sits at the bottom. */
import { useSession } from '../../app/hooks';
import { initials } from '../../lib/text';
import { Icon } from '../../ui/Icon';

export function NavRail() {
  const agent = useSession((s) => s.session?.agent ?? null);
  return (
    <nav className="nav-rail" aria-label="Areas">
      <button type="button" className="nav-rail__item is-selected" aria-current="page" title="Chats">
        <Icon name="chats" size={20} label="Chats" />
      </button>
      <span className="nav-rail__spacer" />
      {agent && (
        <span className="nav-rail__avatar" title={`${agent.name} · ${agent.presence}`}>
          {initials(agent.name)}
          <span className={`presence-dot presence-dot--${agent.presence}`} aria-hidden="true" />
        </span>
      )}
    </nav>
  );
}
