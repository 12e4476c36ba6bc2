// @ts-check
/**
 * The customer chat page: pre-chat form (or the email-ticket form when the region is closed),
 * live chat over /ws/chat with an outbox that survives reconnects, screenshots, CSAT and the
 * transcript. Plain ES modules, no framework, no build step; served under a strict CSP (no
 * inline anything). This entry module wires the others together and boots the page.
 *
 * Customer and agent text is only ever rendered with textContent.
 * The chat token lives in sessionStorage (a reload resumes), never in the URL; the identity
 * token arrives in the URL fragment (`#identity=`) and is moved to sessionStorage at once.
 *
 * Modules: dom (elements, views, banner), api (fetch, errors), format (times, sizes,
 * references), storage (sessionStorage), state (shared), identity (signed in / demo / visitor),
 * prechat (form, regions, email ticket), live-chat (socket, outbox, header), thread (message
 * elements, images), uploads (screenshots), ending (end, CSAT, transcript).
 */
import { ApiError, api } from './api.js';
import { showBanner, showView, ui, wireCopyButtons } from './dom.js';
import { wireEnding } from './ending.js';
import { captureIdentityFromUrl, wireIdentity } from './identity.js';
import { enterChat, onSessionLost, wireLiveChat } from './live-chat.js';
import { setUpPrechat, showPrechat, wirePrechat } from './prechat.js';
import { state } from './state.js';
import { clearSession, storedToken } from './storage.js';
import { wireUploads } from './uploads.js';

/** @typedef {import('../../../../shared/protocol/customer').ChatConfig} ChatConfig */
/** @typedef {import('../../../../shared/protocol/customer').ChatState} ChatState */
/** @typedef {import('../../../../shared/protocol/customer').CustomerMessage} CustomerMessage */

// First of all: the identity token out of the address bar.
captureIdentityFromUrl();

function wireEvents() {
  wireIdentity();
  wirePrechat();
  wireCopyButtons();
  wireLiveChat();
  wireUploads();
  wireEnding();
  ui.newChat.addEventListener('click', () => {
    clearSession();
    void showPrechat().then(() => ui.category.focus());
  });
  onSessionLost(() => void showPrechat());
}

async function boot() {
  wireEvents();
  showView('loading');
  const stored = storedToken();
  try {
    state.config = /** @type {ChatConfig} */ (await api('GET', '/api/chat/config'));
  } catch (e) {
    showView('loading');
    ui.views.loading.setAttribute('aria-busy', 'false');
    showBanner(e instanceof ApiError && e.status === 0 ? e.message : "Chat isn't available right now. Please try again in a few minutes.");
    const p = ui.views.loading.querySelector('p');
    if (p) p.textContent = '';
    return;
  }
  ui.message.maxLength = state.config.limits.maxMessageLength;
  await setUpPrechat(state.config);

  if (stored) {
    state.token = stored;
    try {
      const res = /** @type {{ chat: ChatState, messages: CustomerMessage[] }} */ (await api('GET', '/api/chat/state', { auth: true }));
      enterChat(res.chat, res.messages);
      return;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401 || e.status === 403 || e.status === 404) clearSession();
      else showBanner(e.message);
    }
  }
  await showPrechat();
}

void boot();
