/** One-line hooks onto the app's stores (CONVENTIONS.md: selectors return primitives or existing references). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AssistStoreState } from '../features/assist/assist-store';
import type { CannedRepliesState } from '../features/canned/canned-store';
import type { TicketsStoreState } from '../features/chat-list/tickets-store';
import type { DraftsStoreState } from '../features/composer/drafts-store';
import type { ColleaguesStoreState } from '../features/conversation/colleagues-store';
import type { MacrosState } from '../features/macros/macros-store';
import { scopedConversation, type ConversationStoreState } from '../features/conversation/conversation-store';
import type { PaletteStoreState } from '../features/palette/palette-store';
import type { SessionStoreState } from '../features/session/session-store';
import type { SettingsStoreState } from '../features/settings/settings-store';
import type { SyncStoreState } from '../features/sync/sync-store';
import type { TabsStoreState } from '../features/tabs/tabs-store';
import type { SupervisorStoreState } from '../features/supervisor/supervisor-store';
import type { Keymap } from './keymap';
import type { Stores } from './stores';
import type { UiStoreState } from './ui-store';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}

export const useSession = <T>(selector: (s: SessionStoreState) => T): T => useStore(useStores().session, selector);
export const useTickets = <T>(selector: (s: TicketsStoreState) => T): T => useStore(useStores().tickets, selector);
/**
 * The chat a subtree shows when it is not simply the active one: inside it, `useConversation`
 * sees that chat as "the conversation" (its detail, messages, ticketId). The customer panel uses
 * it to follow a tab switch one frame after the conversation (see Console).
 */
export const ChatScopeContext = createContext<string | null>(null);
export const useConversation = <T>(selector: (s: ConversationStoreState) => T): T => {
  const scope = useContext(ChatScopeContext);
  return useStore(useStores().conversation, scope === null ? selector : (s) => selector(scopedConversation(s, scope)));
};
export const useDrafts = <T>(selector: (s: DraftsStoreState) => T): T => useStore(useStores().drafts, selector);
export const useSync = <T>(selector: (s: SyncStoreState) => T): T => useStore(useStores().sync, selector);
export const useUi = <T>(selector: (s: UiStoreState) => T): T => useStore(useStores().ui, selector);
export const useCannedReplies = <T>(selector: (s: CannedRepliesState) => T): T => useStore(useStores().cannedReplies, selector);
export const useSettings = <T>(selector: (s: SettingsStoreState) => T): T => useStore(useStores().settings, selector);
export const useMacros = <T>(selector: (s: MacrosState) => T): T => useStore(useStores().macros, selector);
export const usePalette = <T>(selector: (s: PaletteStoreState) => T): T => useStore(useStores().palette, selector);
export const useTabs = <T>(selector: (s: TabsStoreState) => T): T => useStore(useStores().tabs, selector);
export const useSupervisor = <T>(selector: (s: SupervisorStoreState) => T): T => useStore(useStores().supervisor, selector);
export const useColleagues = <T>(selector: (s: ColleaguesStoreState) => T): T => useStore(useStores().colleagues, selector);
export const useAssist = <T>(selector: (s: AssistStoreState) => T): T => useStore(useStores().assist, selector);
/** The keymap after the agent's changes: what every hint shows. */
export const useKeymap = (): Keymap => useSettings((s) => s.keymap);
