/** The signed-in console: rail, header, banners, the area (chats, the supervisor board or settings), the status bar and the overlays. */
import { ChatScopeContext, useConversation, useTabs, useTickets, useUi } from '../../app/hooks';
import { useValueAfterPaint } from '../../lib/use-after-paint';
import { PaneBoundary } from '../../ui/PaneBoundary';
import { ChatList } from '../chat-list/ChatList';
import { findSummary } from '../chat-list/tickets-store';
import { ConversationPane } from '../conversation/ConversationPane';
import { ContextPanel } from '../customer/ContextPanel';
import { EarlierCasesDialog } from '../earlier-cases/EarlierCasesDialog';
import { ShortcutsHelp } from '../help/ShortcutsHelp';
import { CommandPalette } from '../palette/CommandPalette';
import { SettingsView } from '../settings/SettingsView';
import { SupervisorView } from '../supervisor/SupervisorView';
import { ConnectionBanner } from '../sync/ConnectionBanner';
import { InitialSyncBar } from '../sync/InitialSyncBar';
import { StatusBar } from '../sync/StatusBar';
import { OfferBar } from '../tabs/OfferBar';
import { TabStrip } from '../tabs/TabStrip';
import { NavRail } from './NavRail';
import { CallLogLayer } from '../calls/CallLogLayer';
import { FromCallLayer } from '../calls/FromCallLayer';
import { MergeLayer } from '../merge/MergeLayer';
import { WrapUpLayer } from '../wrap-up/WrapUpLayer';
import { TopBar } from './TopBar';
import { useShortcuts } from './use-shortcuts';

export function Console() {
  useShortcuts();
  const view = useUi((s) => s.view);
  const overlay = useUi((s) => s.overlay);
  return (
    <div className="app">
      <NavRail />
      <div className="app__main">
        <TopBar />
        <ConnectionBanner />
        <InitialSyncBar />
        {view === 'settings' ? (
          <PaneBoundary pane="settings">
            <SettingsView />
          </PaneBoundary>
        ) : view === 'board' ? (
          <PaneBoundary pane="supervisor board">
            <SupervisorView />
          </PaneBoundary>
        ) : (
          <Workspace />
        )}
      </div>
      <StatusBar />
      {overlay === 'palette' && (
        <PaneBoundary pane="command palette">
          <CommandPalette />
        </PaneBoundary>
      )}
      {overlay === 'help' && (
        <PaneBoundary pane="shortcut list">
          <ShortcutsHelp />
        </PaneBoundary>
      )}
      {overlay === 'earlierCases' && (
        <PaneBoundary pane="earlier cases">
          <EarlierCasesDialog />
        </PaneBoundary>
      )}
      {(overlay === 'wrapUp' || overlay === 'tags') && (
        <PaneBoundary pane="wrap-up">
          <WrapUpLayer />
        </PaneBoundary>
      )}
      {overlay === 'merge' && (
        <PaneBoundary pane="merge">
          <MergeLayer />
        </PaneBoundary>
      )}
      {overlay === 'callLog' && (
        <PaneBoundary pane="call log">
          <CallLogLayer />
        </PaneBoundary>
      )}
      {overlay === 'fromCall' && (
        <PaneBoundary pane="new case from a call">
          <FromCallLayer />
        </PaneBoundary>
      )}
    </div>
  );
}

function Workspace() {
  const open = useConversation((s) => s.ticketId !== null);
  const ticketId = useConversation((s) => s.ticketId);
  return (
    <main className={`workspace workspace--tabs${open ? '' : ' workspace--no-chat'}`} aria-labelledby="workspace-title">
      <h1 id="workspace-title" className="visually-hidden">
        Chats
      </h1>
      <PaneBoundary pane="chat list">
        <ChatList />
      </PaneBoundary>
      <div className="chats-top">
        <PaneBoundary pane="tab strip">
          <OfferBar />
          <TabStrip />
        </PaneBoundary>
      </div>
      <PaneBoundary pane="conversation" resetKeys={[ticketId]}>
        <ConversationPane />
      </PaneBoundary>
      {open && (
        <PaneBoundary pane="customer panel" resetKeys={[ticketId]}>
          <FollowingPanel />
        </PaneBoundary>
      )}
    </main>
  );
}

/**
 * The customer panel follows a tab switch one frame after the conversation: it renders the chat
 * it showed until the switch frame is painted, so the switch frame paints the tab, header, thread and composer without
 * waiting for the panel, which catches up in the next frame (QUALITY.md: a chat switch within
 * one frame). Keys that act on the customer read the active chat, never this rendering.
 */
function FollowingPanel() {
  const activeId = useConversation((s) => s.ticketId);
  const shownId = useValueAfterPaint(activeId);
  const fallbackName = useTickets((s) => findSummary(s.lists, shownId, s.pages)?.customerName) ?? '';
  const tabName = useTabs((s) => (shownId ? s.summaries[shownId]?.customerName : undefined)) ?? '';
  return (
    <ChatScopeContext.Provider value={shownId}>
      <ContextPanel fallbackName={fallbackName || tabName} />
    </ChatScopeContext.Provider>
  );
}
