/** The app's stores: one instance each, built around the one DeskApi. */
import type { DeskApi } from '../../shared/api/contract';
import { createTicketsStore } from '../features/chat-list/tickets-store';
import { createDraftsStore } from '../features/composer/drafts-store';
import { createConversationStore } from '../features/conversation/conversation-store';
import { createPaletteStore } from '../features/palette/palette-store';
import { createSessionStore } from '../features/session/session-store';
import { createSettingsStore } from '../features/settings/settings-store';
import { createSyncStore } from '../features/sync/sync-store';
import { createUiStore } from './ui-store';

export function createStores(api: DeskApi) {
  const session = createSessionStore({ api });
  return {
    api,
    session,
    tickets: createTicketsStore({ api }),
    conversation: createConversationStore({ api, agentId: () => session.getState().session?.agent?.id ?? null }),
    drafts: createDraftsStore({ api }),
    sync: createSyncStore({ api }),
    ui: createUiStore(),
    settings: createSettingsStore({ api }),
    palette: createPaletteStore({ api }),
  };
}

export type Stores = ReturnType<typeof createStores>;
