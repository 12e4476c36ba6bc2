/** The app's stores: one instance each, built around the one DeskApi. */
import type { DeskApi } from '../../shared/api/contract';
import { createAssistStore } from '../features/assist/assist-store';
import { createCannedRepliesStore } from '../features/canned/canned-store';
import { createTicketsStore } from '../features/chat-list/tickets-store';
import { createDraftsStore } from '../features/composer/drafts-store';
import { createColleaguesStore } from '../features/conversation/colleagues-store';
import { createMacrosStore } from '../features/macros/macros-store';
import { createConversationStore } from '../features/conversation/conversation-store';
import { createTypingNotifier } from '../features/conversation/typing-notifier';
import { createPaletteStore } from '../features/palette/palette-store';
import { createSessionStore } from '../features/session/session-store';
import { createSettingsStore } from '../features/settings/settings-store';
import { createSyncStore } from '../features/sync/sync-store';
import { createTabsStore } from '../features/tabs/tabs-store';
import { createSupervisorStore } from '../features/supervisor/supervisor-store';
import { createUiStore } from './ui-store';

export function createStores(api: DeskApi) {
  const session = createSessionStore({ api });
  const conversation = createConversationStore({ api, agentId: () => session.getState().session?.agent?.id ?? null });
  const stores = {
    api,
    session,
    tickets: createTicketsStore({ api }),
    conversation,
    drafts: createDraftsStore({ api }),
    cannedReplies: createCannedRepliesStore({ api, openTicketId: () => conversation.getState().ticketId }),
    sync: createSyncStore({ api }),
    ui: createUiStore(),
    settings: createSettingsStore({ api }),
    palette: createPaletteStore({ api }),
    tabs: createTabsStore({ api, resolveChat: (ticketId, wrapUp) => void conversation.getState().resolve(ticketId, wrapUp) }),
    colleagues: createColleaguesStore(),
    typing: createTypingNotifier({ api }),
    supervisor: createSupervisorStore({ api }),
    assist: createAssistStore({ api }),
  };
  return { ...stores, macros: createMacrosStore(stores) };
}

export type Stores = ReturnType<typeof createStores>;
