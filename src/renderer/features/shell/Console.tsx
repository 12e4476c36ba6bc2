/** The signed-in console: rail, header, banner, the three columns and the status bar. */
import { useConversation, useTickets } from '../../app/hooks';
import { ChatList } from '../chat-list/ChatList';
import { findSummary } from '../chat-list/tickets-store';
import { ConversationPane } from '../conversation/ConversationPane';
import { ContextPanel } from '../customer/ContextPanel';
import { ConnectionBanner } from '../sync/ConnectionBanner';
import { StatusBar } from '../sync/StatusBar';
import { NavRail } from './NavRail';
import { TopBar } from './TopBar';
import { useShortcuts } from './use-shortcuts';

export function Console() {
  useShortcuts();
  const open = useConversation((s) => s.ticketId !== null);
  const fallbackName = useTickets((s) => findSummary(s.lists, s.selectedId)?.customerName ?? '');
  return (
    <div className="app">
      <NavRail />
      <div className="app__main">
        <TopBar />
        <ConnectionBanner />
        <main className={`workspace${open ? '' : ' workspace--no-chat'}`}>
          <ChatList />
          <ConversationPane />
          {open && <ContextPanel fallbackName={fallbackName} />}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
