// @ts-check
/**
 * The live chat: entering a chat, the header and status line, the thread of server messages and
 * pending ones, the outbox (shown at once as "Sending…", resent with the same clientMsgId after
 * a reconnect, kept in sessionStorage), the /ws/chat socket with reconnects and pings, typing
 * both ways, and the composer. The connection banner says what is wrong and offers "Try again";
 * a socket closed for too many open windows (4008) waits long before it tries by itself.
 */
import { api } from './api.js';
import { showBanner, setText, ui, showView } from './dom.js';
import { state } from './state.js';
import { clearSession, loadOutbox, saveOutbox } from './storage.js';
import { formatWait, formatZonedTime, ordinalLine } from './format.js';
import { messageElement, releaseImages, scrollToBottom } from './thread.js';

/** @typedef {import('../../../../shared/protocol/customer').ChatState} ChatState */
/** @typedef {import('../../../../shared/protocol/customer').CustomerMessage} CustomerMessage */
/** @typedef {import('../../../../shared/protocol/customer').CustomerClientFrame} CustomerClientFrame */
/** @typedef {import('../../../../shared/protocol/customer').CustomerServerFrame} CustomerServerFrame */
/** @typedef {import('./storage.js').OutboxEntry} OutboxEntry */
/** @typedef {typeof import('../../../../shared/protocol/errors').CLOSE_CODES} CloseCodes */

/**
 * The WebSocket close codes the page acts on, from src/shared/protocol/errors.ts CLOSE_CODES
 * (no build step, so the numbers are repeated; the type keeps them equal to the shared ones).
 * `tooManyConnections` (4008): this customer has too many chat windows or connections open.
 * @type {{ unauthorized: CloseCodes['unauthorized'], sessionRevoked: CloseCodes['sessionRevoked'], tooManyConnections: CloseCodes extends { tooManyConnections: infer N } ? N : 4008 }}
 */
const CLOSE = { unauthorized: 4003, sessionRevoked: 4004, tooManyConnections: 4008 };

const ACK_TIMEOUT_MS = 12_000;
const PING_EVERY_MS = 25_000;
const SILENCE_LIMIT_MS = 60_000;
const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const TYPING_SHOWN_MS = 8_000;
/** After a 4008 the page waits this long (doubling, up to 2 min) before it tries by itself. */
const TOO_MANY_RETRY_MS = 30_000;
const TOO_MANY_RETRY_MAX_MS = 120_000;
/** A wait at least this long shows its countdown in the banner. */
const COUNTDOWN_FROM_MS = 5_000;

const thread = {
  /** Rendered server messages by id. */
  /** @type {Map<string, HTMLLIElement>} */ rendered: new Map(),
  /** Unacknowledged messages by clientMsgId, in send order (also kept in sessionStorage). */
  /** @type {Map<string, OutboxEntry>} */ outbox: new Map(),
  /** Pending message elements by clientMsgId. */
  /** @type {Map<string, HTMLLIElement>} */ pendingEls: new Map(),
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */ ackTimers: new Map(),
};

const live = {
  /** @type {WebSocket | null} */ socket: null,
  ready: false,
  attempt: 0,
  /** 4008 closes in a row (reset once the socket is ready again). */
  tooMany: 0,
  /** @type {ReturnType<typeof setTimeout> | null} */ reconnectTimer: null,
  /** When the scheduled reconnect fires (ms since the epoch), for the countdown. */
  retryAt: 0,
  /** What the banner says while a reconnect is scheduled. */
  retryText: '',
  /** @type {ReturnType<typeof setInterval> | null} */ countdownTimer: null,
  /** @type {ReturnType<typeof setInterval> | null} */ pingTimer: null,
  /** @type {ReturnType<typeof setTimeout> | null} */ connectingTimer: null,
  lastFrameAt: 0,
  typingSent: false,
  lastTypingAt: 0,
  /** @type {ReturnType<typeof setTimeout> | null} */ typingIdleTimer: null,
  /** @type {ReturnType<typeof setTimeout> | null} */ typingShownTimer: null,
};

const hooks = {
  /** What to show once the chat token stopped working (main wires in the pre-chat form). */
  sessionLost: () => {},
};

/** @param {() => void} fn */
export function onSessionLost(fn) {
  hooks.sessionLost = fn;
}

/**
 * Whether the chat has ended. A resolved chat has not: for its "one more thing" window the
 * customer may still write (which reopens it with the same agent); the desk closes it after that,
 * and only then is the customer asked for a rating.
 * @param {ChatState} chat
 */
export function isEnded(chat) {
  return chat.status === 'closed';
}

/** True while the chat view shows a chat that can still take messages and screenshots. */
export function chatIsLive() {
  return !ui.views.chat.hidden && !!state.chat && !isEnded(state.chat);
}

/** A random id for a message: 22 characters of base64url (works outside secure contexts too). */
function newClientMsgId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function persistOutbox() {
  saveOutbox([...thread.outbox.values()]);
}

// ---------------------------------------------------------------------------------------------
// Chat view

/**
 * Shows a chat with the messages so far and what is still in the outbox, and connects.
 * @param {ChatState} chat
 * @param {CustomerMessage[]} messages
 */
export function enterChat(chat, messages) {
  thread.rendered.clear();
  thread.pendingEls.clear();
  ui.thread.replaceChildren();
  state.chat = null;
  showView('chat');
  ui.chatReference.textContent = chat.reference;
  applyChat(chat, true);
  mergeMessages(messages);
  for (const entry of loadOutbox()) {
    if (!thread.outbox.has(entry.clientMsgId)) thread.outbox.set(entry.clientMsgId, entry);
  }
  for (const entry of thread.outbox.values()) if (!thread.pendingEls.has(entry.clientMsgId)) renderPending(entry);
  scrollToBottom(true);
  if (!isEnded(chat)) {
    connect();
    ui.message.focus();
  }
}

/** Leaves the chat on screen: closes the socket and forgets its images, outbox and state. */
export function leaveChat() {
  disconnect();
  releaseImages();
  thread.outbox.clear();
  state.chat = null;
}

/**
 * Updates the header, the status line and the ended panel.
 * @param {ChatState} chat
 * @param {boolean} [initial]
 */
export function applyChat(chat, initial = false) {
  const wasEnded = state.chat ? isEnded(state.chat) : false;
  state.chat = chat;
  const label = state.config?.categories.find((c) => c.id === chat.category)?.label;
  ui.chatTitle.textContent = label ? `Support chat · ${label}` : 'Support chat';
  ui.chatReference.textContent = chat.reference;
  showWho(chat);

  ui.chatStatus.replaceChildren();
  if (chat.status === 'queued') {
    const parts = [];
    if (chat.queue) parts.push(ordinalLine(chat.queue.position), formatWait(chat.queue.expectedWaitSec));
    else parts.push('Waiting for the next available agent');
    ui.chatStatus.textContent = parts.join(' · ');
  } else if (chat.status === 'open' || chat.status === 'pending') {
    if (chat.agentName) {
      ui.chatStatus.append("You're chatting with ");
      const strong = document.createElement('strong');
      strong.textContent = chat.agentName;
      ui.chatStatus.append(strong);
    } else {
      // Offered to an agent who has not taken it yet: no name until they do.
      ui.chatStatus.textContent = chat.status === 'open' ? 'An agent will be with you in a moment' : "You're connected with our support team";
    }
  } else if (chat.status === 'resolved') {
    const until = chat.closesAt ? formatZonedTime(chat.closesAt) : '';
    ui.chatStatus.textContent = until
      ? `Marked as resolved. One more thing? Write here until ${until}.`
      : 'Marked as resolved. One more thing? Just write here.';
  } else {
    ui.chatStatus.textContent = 'This chat has ended';
  }

  const ended = isEnded(chat);
  ui.composer.hidden = ended;
  ui.ended.hidden = !ended;
  if (ended) {
    setTyping(false, null);
    const rated = chat.csat != null;
    ui.csatForm.hidden = rated;
    setText(ui.csatThanks, rated ? `You rated this chat ${chat.csat} out of 5. Thank you for your feedback!` : null);
    if (!wasEnded && !initial) {
      ui.endedTitle.focus();
      scrollToBottom(true);
    }
    // Nothing more to say on this chat: let the socket go once the outbox is empty.
    if (!thread.outbox.size) disconnect();
  }
}

/**
 * Who the agent is talking to, subtly in the header; and once, above the thread, what a new
 * case linked to an earlier reference means (or that a visitor's account is not visible).
 * @param {ChatState} chat
 */
function showWho(chat) {
  ui.chatIdentity.hidden = false;
  ui.chatIdentity.textContent = chat.verified ? 'Signed in' : 'Visitor';
  ui.chatIdentity.classList.toggle('who-chip-verified', chat.verified);
  ui.chatIdentity.title = chat.verified
    ? 'You are signed in: the agent can see your account.'
    : "You're chatting as a visitor: the agent can't see your account.";
  let notice = null;
  if (chat.linkedReference) {
    notice = chat.verified
      ? `We started a new case linked to ${chat.linkedReference}. Earlier messages of that case aren't shown here.`
      : `We started a new case linked to ${chat.linkedReference}. For your privacy, earlier messages of that case appear only when you're signed in.`;
  } else if (!chat.verified) {
    notice = "You're chatting as a visitor, so the agent can't see your account until you sign in on our help pages.";
  }
  setText(ui.chatNotice, notice);
}

// ---------------------------------------------------------------------------------------------
// Thread and outbox

/**
 * Adds server messages not shown yet; a customer message matching a pending one confirms it.
 * @param {CustomerMessage[]} messages
 */
function mergeMessages(messages) {
  for (const m of messages) addServerMessage(m);
}

/** @param {CustomerMessage} m */
function addServerMessage(m) {
  const known = thread.rendered.get(m.id);
  if (known) {
    // The server may rewrite a message it already sent: a card number the customer split over
    // several messages is masked in all of them once the last part arrives.
    showStoredBody(known, m.body);
    return;
  }
  if (m.authorKind === 'note') return; // never sent to customers; belt and braces
  if (m.authorKind === 'customer' && m.clientMsgId) {
    const pending = thread.pendingEls.get(m.clientMsgId);
    if (pending) {
      markSent(m.clientMsgId, m.id);
      showStoredBody(pending, m.body);
      return;
    }
  }
  const el = messageElement(m);
  el.dataset.id = m.id;
  thread.rendered.set(m.id, el);
  // New server messages go above messages still being sent.
  const firstPending = thread.pendingEls.values().next().value;
  if (firstPending && firstPending.parentElement === ui.thread) ui.thread.insertBefore(el, firstPending);
  else ui.thread.append(el);
  if (m.authorKind === 'agent') setTyping(false, null);
  scrollToBottom(m.authorKind === 'customer');
}

/** Shows the body as the server stored it. @param {HTMLElement} el @param {string} body */
function showStoredBody(el, body) {
  const text = el.querySelector('.msg-text');
  if (text && text.textContent !== body) text.textContent = body;
}

/** @param {OutboxEntry} entry */
function renderPending(entry) {
  const el = messageElement({ authorKind: 'customer', authorName: 'You', body: entry.body, attachmentIds: entry.attachmentIds, createdAt: entry.createdAt });
  el.dataset.clientMsgId = entry.clientMsgId;
  const meta = el.querySelector('.meta');
  const status = document.createElement('span');
  status.className = 'msg-state msg-state-sending';
  status.textContent = 'Sending…';
  meta?.append(status);
  thread.pendingEls.set(entry.clientMsgId, el);
  ui.thread.append(el);
  scrollToBottom(true);
}

/** @param {string} clientMsgId @param {string} messageId */
function markSent(clientMsgId, messageId) {
  const el = thread.pendingEls.get(clientMsgId);
  const timer = thread.ackTimers.get(clientMsgId);
  if (timer) clearTimeout(timer);
  thread.ackTimers.delete(clientMsgId);
  thread.outbox.delete(clientMsgId);
  persistOutbox();
  if (!el) return;
  thread.pendingEls.delete(clientMsgId);
  el.dataset.id = messageId;
  thread.rendered.set(messageId, el);
  const status = el.querySelector('.msg-state');
  if (status) {
    status.className = 'msg-state msg-state-sent';
    status.textContent = 'Sent';
  }
  if (state.chat && isEnded(state.chat) && !thread.outbox.size) disconnect();
}

/** @param {string} clientMsgId */
function markFailed(clientMsgId) {
  const el = thread.pendingEls.get(clientMsgId);
  const status = el?.querySelector('.msg-state');
  if (!status) return;
  status.className = 'msg-state msg-state-failed';
  status.textContent = 'Not sent · ';
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'retry';
  retry.textContent = 'Retry';
  retry.addEventListener('click', () => {
    status.className = 'msg-state msg-state-sending';
    status.textContent = 'Sending…';
    const entry = thread.outbox.get(clientMsgId);
    if (!entry) return;
    if (live.ready) transmit(entry);
    else reconnectNow();
  });
  status.append(retry);
}

/** Sends one outbox entry if the socket is ready; starts its ack timer. @param {OutboxEntry} entry */
function transmit(entry) {
  const old = thread.ackTimers.get(entry.clientMsgId);
  if (old) clearTimeout(old);
  thread.ackTimers.set(
    entry.clientMsgId,
    setTimeout(() => markFailed(entry.clientMsgId), ACK_TIMEOUT_MS),
  );
  if (!live.ready) return;
  /** @type {CustomerClientFrame} */
  const frame = entry.attachmentIds.length
    ? { type: 'message', clientMsgId: entry.clientMsgId, body: entry.body, attachmentIds: entry.attachmentIds }
    : { type: 'message', clientMsgId: entry.clientMsgId, body: entry.body };
  sendFrame(frame);
}

/**
 * Puts a message in the outbox, shows it at once as "Sending…" and sends it when connected.
 * @param {string} body
 * @param {string[]} attachmentIds
 */
export function sendMessage(body, attachmentIds) {
  /** @type {OutboxEntry} */
  const entry = { clientMsgId: newClientMsgId(), body, attachmentIds, createdAt: new Date().toISOString() };
  thread.outbox.set(entry.clientMsgId, entry);
  persistOutbox();
  renderPending(entry);
  transmit(entry);
}

/** @param {SubmitEvent | KeyboardEvent} event */
function onComposerSubmit(event) {
  event.preventDefault();
  if (!state.chat || isEnded(state.chat)) return;
  const body = ui.message.value.trim();
  if (!body) return;
  const max = state.config?.limits.maxMessageLength ?? 10_000;
  if (body.length > max) {
    setText(ui.composerError, `That message is too long: keep it under ${max.toLocaleString()} characters.`);
    return;
  }
  setText(ui.composerError, null);
  ui.message.value = '';
  stopTyping();
  sendMessage(body, []);
  ui.message.focus();
}

// ---------------------------------------------------------------------------------------------
// Live connection

/** @param {CustomerClientFrame} frame */
function sendFrame(frame) {
  const ws = live.socket;
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

function socketUrl() {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/chat`;
}

function connect() {
  if (!state.token || live.socket) return;
  cancelReconnect();
  const ws = new WebSocket(socketUrl());
  live.socket = ws;
  live.ready = false;
  if (live.connectingTimer) clearTimeout(live.connectingTimer);
  live.connectingTimer = setTimeout(() => {
    if (live.socket === ws && !live.ready) setConnection('Connecting…');
  }, 1500);
  ws.addEventListener('open', () => {
    if (state.token) ws.send(JSON.stringify({ type: 'auth', token: state.token }));
  });
  ws.addEventListener('message', (ev) => {
    if (live.socket !== ws) return;
    live.lastFrameAt = Date.now();
    /** @type {CustomerServerFrame} */
    let frame;
    try {
      frame = JSON.parse(String(ev.data));
    } catch {
      return;
    }
    onFrame(frame);
  });
  ws.addEventListener('close', (ev) => {
    if (live.socket !== ws) return;
    live.socket = null;
    live.ready = false;
    stopPing();
    if (ev.code === CLOSE.unauthorized || ev.code === CLOSE.sessionRevoked) {
      sessionLost();
      return;
    }
    if (state.chat && isEnded(state.chat) && !thread.outbox.size) return;
    if (ev.code === CLOSE.tooManyConnections) {
      // Another window would only be refused again: wait long, or for "Try again".
      const delay = Math.min(TOO_MANY_RETRY_MAX_MS, TOO_MANY_RETRY_MS * 2 ** live.tooMany);
      live.tooMany++;
      scheduleReconnect(delay, ev.reason || 'This chat is open in too many windows. Close the ones you no longer need.');
      void refreshOverHttp();
      return;
    }
    scheduleReconnect();
  });
}

function disconnect() {
  const ws = live.socket;
  live.socket = null;
  live.ready = false;
  stopPing();
  cancelReconnect();
  if (live.connectingTimer) clearTimeout(live.connectingTimer);
  setConnection(null);
  if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'done');
}

/**
 * Tries again after `delay` (by default a growing, jittered backoff up to 15 s), saying why in
 * the banner with a "Try again" button and, for long waits, a countdown.
 * @param {number} [delay]
 * @param {string} [why]
 */
function scheduleReconnect(delay, why) {
  if (live.reconnectTimer || !state.token) return;
  if (delay === undefined) {
    const base = Math.min(15_000, 500 * 2 ** live.attempt);
    delay = Math.round(base * (0.5 + Math.random() * 0.5));
    live.attempt++;
  }
  live.retryText = why ?? (navigator.onLine === false ? "You're offline. We'll reconnect when you're back." : 'Connection lost. Reconnecting…');
  live.retryAt = Date.now() + delay;
  live.reconnectTimer = setTimeout(() => {
    live.reconnectTimer = null;
    stopCountdown();
    connect();
  }, delay);
  if (delay >= COUNTDOWN_FROM_MS) live.countdownTimer = setInterval(showRetry, 1000);
  showRetry();
}

function cancelReconnect() {
  if (live.reconnectTimer) clearTimeout(live.reconnectTimer);
  live.reconnectTimer = null;
  stopCountdown();
}

function stopCountdown() {
  if (live.countdownTimer) clearInterval(live.countdownTimer);
  live.countdownTimer = null;
}

/** The banner while a reconnect is scheduled: why, when, and "Try again". */
function showRetry() {
  const left = Math.ceil((live.retryAt - Date.now()) / 1000);
  const when = live.countdownTimer && left > 0 ? ` Next try in ${left} s.` : '';
  setConnection(`${live.retryText}${when}`, true);
}

/** Without a socket (refused for too many windows) the thread still shows the chat so far, once. */
async function refreshOverHttp() {
  try {
    const res = /** @type {{ chat: ChatState, messages: CustomerMessage[] }} */ (await api('GET', '/api/chat/state', { auth: true }));
    if (!state.chat || live.ready || res.chat.ticketId !== state.chat.ticketId) return;
    mergeMessages(res.messages);
    applyChat(res.chat);
  } catch {
    // the connection banner already says what is wrong
  }
}

/** Connects now instead of waiting ("Try again", back online, a message's Retry). */
function reconnectNow() {
  if (live.socket || !state.token) return;
  cancelReconnect();
  connect();
}

/** @param {string | null} text @param {boolean} [retry] offer "Try again" */
function setConnection(text, retry = false) {
  ui.connection.hidden = !text;
  ui.connectionText.textContent = text ?? '';
  ui.connectionRetry.hidden = !text || !retry;
}

function startPing() {
  stopPing();
  live.pingTimer = setInterval(() => {
    const ws = live.socket;
    if (!ws) return;
    if (Date.now() - live.lastFrameAt > SILENCE_LIMIT_MS) {
      // The connection went quiet: treat it as dropped.
      live.socket = null;
      live.ready = false;
      stopPing();
      ws.close();
      scheduleReconnect();
      return;
    }
    sendFrame({ type: 'ping' });
  }, PING_EVERY_MS);
}

function stopPing() {
  if (live.pingTimer) clearInterval(live.pingTimer);
  live.pingTimer = null;
}

/** @param {CustomerServerFrame} frame */
function onFrame(frame) {
  switch (frame.type) {
    case 'ready': {
      live.ready = true;
      live.attempt = 0;
      live.tooMany = 0;
      if (live.connectingTimer) clearTimeout(live.connectingTimer);
      setConnection(null);
      startPing();
      mergeMessages(frame.messages);
      applyChat(frame.chat);
      // Resend what the server has not acknowledged, with the same clientMsgId (it dedupes).
      for (const entry of [...thread.outbox.values()]) transmit(entry);
      break;
    }
    case 'message':
      addServerMessage(frame.message);
      break;
    case 'ack':
      markSent(frame.clientMsgId, frame.messageId);
      // What was stored, card numbers masked, replaces what was typed.
      if (frame.message) {
        const el = thread.rendered.get(frame.messageId);
        if (el) showStoredBody(el, frame.message.body);
      }
      break;
    case 'typing':
      setTyping(frame.typing, frame.agentName);
      break;
    case 'chat':
      applyChat(frame.chat);
      break;
    case 'error':
      if (frame.code === 'unauthorized') {
        sessionLost();
        return;
      }
      setText(ui.composerError, frame.message || 'Something went wrong. Please try again.');
      if (frame.clientMsgId) {
        const timer = thread.ackTimers.get(frame.clientMsgId);
        if (timer) clearTimeout(timer);
        thread.ackTimers.delete(frame.clientMsgId);
        markFailed(frame.clientMsgId);
      }
      break;
    case 'pong':
      break;
    default:
      break;
  }
}

/** The token is no longer valid (the chat was closed or replaced by a follow-up). */
export function sessionLost() {
  disconnect();
  if (state.chat && isEnded(state.chat)) return;
  clearSession();
  showBanner('This chat is not active any more. Start a new chat and quote your reference number to continue.');
  hooks.sessionLost();
}

// ---------------------------------------------------------------------------------------------
// Typing

/** @param {boolean} typing @param {string | null} agentName */
function setTyping(typing, agentName) {
  if (live.typingShownTimer) clearTimeout(live.typingShownTimer);
  live.typingShownTimer = null;
  if (!typing) {
    ui.typing.textContent = '';
    return;
  }
  const who = agentName ?? state.chat?.agentName ?? 'The agent';
  ui.typing.textContent = `${who} is typing…`;
  live.typingShownTimer = setTimeout(() => {
    ui.typing.textContent = '';
  }, TYPING_SHOWN_MS);
}

function onComposerInput() {
  if (!live.ready) return;
  if (!ui.message.value.trim()) {
    stopTyping();
    return;
  }
  const now = Date.now();
  if (!live.typingSent || now - live.lastTypingAt > TYPING_REPEAT_MS) {
    sendFrame({ type: 'typing', typing: true });
    live.typingSent = true;
    live.lastTypingAt = now;
  }
  if (live.typingIdleTimer) clearTimeout(live.typingIdleTimer);
  live.typingIdleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
}

export function stopTyping() {
  if (live.typingIdleTimer) clearTimeout(live.typingIdleTimer);
  live.typingIdleTimer = null;
  if (live.typingSent) sendFrame({ type: 'typing', typing: false });
  live.typingSent = false;
}

// ---------------------------------------------------------------------------------------------
// Wiring

export function wireLiveChat() {
  ui.composer.addEventListener('submit', (e) => onComposerSubmit(e));
  ui.message.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) onComposerSubmit(e);
  });
  ui.message.addEventListener('input', onComposerInput);
  ui.message.addEventListener('blur', stopTyping);
  ui.connectionRetry.addEventListener('click', () => reconnectNow());
  window.addEventListener('online', () => reconnectNow());
  window.addEventListener('offline', () => {
    if (!state.token || ui.views.chat.hidden) return;
    const text = "You're offline. We'll reconnect when you're back.";
    if (!live.reconnectTimer) return setConnection(text);
    live.retryText = text;
    showRetry();
  });
}
