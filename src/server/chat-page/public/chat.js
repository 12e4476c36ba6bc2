// @ts-check
/**
 * The customer chat page: pre-chat form (or the email-ticket form when the region is closed),
 * live chat over /ws/chat with an outbox that survives reconnects, screenshots, CSAT and the
 * transcript. Plain ES module, no framework; served under a strict CSP (no inline anything).
 *
 * Customer and agent text is only ever rendered with textContent.
 * The chat token lives in sessionStorage (a reload resumes), never in the URL.
 */

/** @typedef {import('../../../shared/protocol/customer').ChatConfig} ChatConfig */
/** @typedef {import('../../../shared/protocol/customer').RegionInfo} RegionInfo */
/** @typedef {import('../../../shared/protocol/customer').DemoIdentity} DemoIdentity */
/** @typedef {import('../../../shared/protocol/customer').ChatState} ChatState */
/** @typedef {import('../../../shared/protocol/customer').CustomerMessage} CustomerMessage */
/** @typedef {import('../../../shared/protocol/customer').StartChatRequest} StartChatRequest */
/** @typedef {import('../../../shared/protocol/customer').StartChatResponse} StartChatResponse */
/** @typedef {import('../../../shared/protocol/customer').EmailTicketRequest} EmailTicketRequest */
/** @typedef {import('../../../shared/protocol/customer').CustomerClientFrame} CustomerClientFrame */
/** @typedef {import('../../../shared/protocol/customer').CustomerServerFrame} CustomerServerFrame */
/** @typedef {import('../../../shared/domain').Category} Category */

/**
 * A message the customer sent that the server has not acknowledged yet.
 * @typedef {{ clientMsgId: string, body: string, attachmentIds: string[], createdAt: string }} OutboxEntry
 */

const TOKEN_KEY = 'supportChat.token';
const OUTBOX_KEY = 'supportChat.outbox';
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const NOT_AN_IMAGE = "That file isn't a PNG, JPEG or WebP image.";
const ACK_TIMEOUT_MS = 12_000;
const PING_EVERY_MS = 25_000;
const SILENCE_LIMIT_MS = 60_000;
const TYPING_REPEAT_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
const TYPING_SHOWN_MS = 8_000;
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// ---------------------------------------------------------------------------------------------
// Elements

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (...args: any[]): T }} type
 * @returns {T}
 */
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}

const ui = {
  main: byId('main', HTMLElement),
  banner: byId('banner', HTMLParagraphElement),
  views: {
    loading: byId('view-loading', HTMLElement),
    prechat: byId('view-prechat', HTMLElement),
    emailSent: byId('view-email-sent', HTMLElement),
    chat: byId('view-chat', HTMLElement),
  },
  prechatTitle: byId('prechat-title', HTMLHeadingElement),
  prechatIntro: byId('prechat-intro', HTMLParagraphElement),
  form: byId('prechat-form', HTMLFormElement),
  demoFields: byId('demo-fields', HTMLDivElement),
  demoIdentity: byId('demo-identity', HTMLSelectElement),
  identityFields: byId('identity-fields', HTMLDivElement),
  name: byId('name', HTMLInputElement),
  email: byId('email', HTMLInputElement),
  region: byId('region', HTMLSelectElement),
  regionStatus: byId('region-status', HTMLDivElement),
  regionDot: byId('region-dot', HTMLSpanElement),
  regionStatusText: byId('region-status-text', HTMLSpanElement),
  closedBox: byId('closed-box', HTMLDivElement),
  closedTitle: byId('closed-title', HTMLHeadingElement),
  closedText: byId('closed-text', HTMLParagraphElement),
  closedPhoneItem: byId('closed-phone-item', HTMLLIElement),
  closedPhone: byId('closed-phone', HTMLAnchorElement),
  category: byId('category', HTMLSelectElement),
  description: byId('description', HTMLTextAreaElement),
  descriptionHint: byId('description-hint', HTMLParagraphElement),
  orderNumber: byId('order-number', HTMLInputElement),
  orderNumbers: byId('order-numbers', HTMLDataListElement),
  followupFields: byId('followup-fields', HTMLDivElement),
  hasReference: byId('has-reference', HTMLInputElement),
  referenceField: byId('reference-field', HTMLDivElement),
  reference: byId('reference', HTMLInputElement),
  prechatError: byId('prechat-error', HTMLParagraphElement),
  prechatSubmit: byId('prechat-submit', HTMLButtonElement),
  emailReference: byId('email-reference', HTMLSpanElement),
  emailPhoneItem: byId('email-phone-item', HTMLLIElement),
  emailPhone: byId('email-phone', HTMLAnchorElement),
  chatTitle: byId('chat-title', HTMLHeadingElement),
  chatStatus: byId('chat-status', HTMLParagraphElement),
  chatReference: byId('chat-reference', HTMLSpanElement),
  connection: byId('connection', HTMLParagraphElement),
  threadScroll: byId('thread-scroll', HTMLDivElement),
  thread: byId('thread', HTMLOListElement),
  typing: byId('typing', HTMLParagraphElement),
  dropOverlay: byId('drop-overlay', HTMLDivElement),
  composer: byId('composer', HTMLFormElement),
  composerError: byId('composer-error', HTMLParagraphElement),
  uploadStatus: byId('upload-status', HTMLParagraphElement),
  fileInput: byId('file-input', HTMLInputElement),
  attach: byId('attach', HTMLButtonElement),
  message: byId('message', HTMLTextAreaElement),
  send: byId('send', HTMLButtonElement),
  endChat: byId('end-chat', HTMLButtonElement),
  endDialog: byId('end-dialog', HTMLDialogElement),
  ended: byId('ended', HTMLElement),
  endedTitle: byId('ended-title', HTMLHeadingElement),
  csatForm: byId('csat-form', HTMLFormElement),
  csatComment: byId('csat-comment', HTMLTextAreaElement),
  csatError: byId('csat-error', HTMLParagraphElement),
  csatSubmit: byId('csat-submit', HTMLButtonElement),
  csatThanks: byId('csat-thanks', HTMLParagraphElement),
  transcript: byId('transcript', HTMLButtonElement),
  newChat: byId('new-chat', HTMLButtonElement),
};

// ---------------------------------------------------------------------------------------------
// State

const state = {
  /** @type {ChatConfig | null} */ config: null,
  /** @type {DemoIdentity[]} */ identities: [],
  /** Region ids that answered 409 region_closed although the config said open. */
  /** @type {Set<string>} */ closedNow: new Set(),
  /** @type {string | null} */ token: null,
  /** @type {ChatState | null} */ chat: null,
  /** Rendered server messages by id. */
  /** @type {Map<string, HTMLLIElement>} */ rendered: new Map(),
  /** Unacknowledged messages by clientMsgId, in send order (also kept in sessionStorage). */
  /** @type {Map<string, OutboxEntry>} */ outbox: new Map(),
  /** Pending message elements by clientMsgId. */
  /** @type {Map<string, HTMLLIElement>} */ pendingEls: new Map(),
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */ ackTimers: new Map(),
  /** Object URLs of fetched attachments, by attachment id. */
  /** @type {Map<string, Promise<string>>} */ images: new Map(),
};

const live = {
  /** @type {WebSocket | null} */ socket: null,
  ready: false,
  attempt: 0,
  /** @type {ReturnType<typeof setTimeout> | null} */ reconnectTimer: null,
  /** @type {ReturnType<typeof setInterval> | null} */ pingTimer: null,
  /** @type {ReturnType<typeof setTimeout> | null} */ connectingTimer: null,
  lastFrameAt: 0,
  typingSent: false,
  lastTypingAt: 0,
  /** @type {ReturnType<typeof setTimeout> | null} */ typingIdleTimer: null,
  /** @type {ReturnType<typeof setTimeout> | null} */ typingShownTimer: null,
};

// ---------------------------------------------------------------------------------------------
// HTTP

class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Calls the customer API. JSON in and out unless `raw` is given; errors become ApiError.
 * @param {string} method
 * @param {string} path
 * @param {{ json?: unknown, raw?: Blob, headers?: Record<string, string>, auth?: boolean, as?: 'json' | 'blob' }} [opts]
 * @returns {Promise<any>}
 */
async function api(method, path, opts = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...opts.headers };
  if (opts.auth) {
    if (!state.token) throw new ApiError(401, 'unauthorized', 'This chat is not active any more.');
    headers.Authorization = `Bearer ${state.token}`;
  }
  /** @type {BodyInit | undefined} */
  let body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw) {
    body = opts.raw;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', "We couldn't reach support. Check your connection and try again.");
  }
  if (!res.ok) {
    let code = 'internal';
    let message = `Something went wrong (${res.status}). Please try again.`;
    try {
      const data = await res.json();
      if (data && data.error) {
        code = String(data.error.code ?? code);
        message = String(data.error.message ?? message);
      }
    } catch {
      // not JSON: keep the generic message
    }
    throw new ApiError(res.status, code, message);
  }
  if (opts.as === 'blob') return res.blob();
  if (res.status === 204) return null;
  return res.json();
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** @param {keyof typeof ui.views} name */
function showView(name) {
  for (const [key, el] of Object.entries(ui.views)) el.hidden = key !== name;
  ui.views.loading.setAttribute('aria-busy', String(name === 'loading'));
}

/** @param {string | null} text */
function showBanner(text) {
  ui.banner.textContent = text ?? '';
  ui.banner.hidden = !text;
}

/** @param {HTMLElement} el @param {string | null} text */
function setText(el, text) {
  el.textContent = text ?? '';
  el.hidden = !text;
}

/** A random id for a message: 22 characters of base64url (works outside secure contexts too). */
function newClientMsgId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {number} bytes */
function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: '2-digit', minute: '2-digit' });

/** @param {string} iso */
function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : timeFormat.format(d);
}

/** @param {number} sec */
function formatWait(sec) {
  if (sec < 60) return 'less than a minute';
  const min = Math.round(sec / 60);
  if (min < 60) return `about ${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `about ${h} h ${m} min` : `about ${h} h`;
}

/** @param {number} n */
function ordinalLine(n) {
  return n <= 1 ? "You're next in line" : `You're number ${n} in line`;
}

/** Header values must be Latin-1; the server keeps only letters, digits, spaces, _ and - anyway. */
/** @param {string} name */
function headerSafeFilename(name) {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').trim();
  return (ascii || 'screenshot').slice(0, 120);
}

/**
 * Upper-cases and inserts the dash: "abcd efgh" → "ABCD-EFGH". Returns null when it can't be one.
 * @param {string} input
 */
function normaliseReference(input) {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 8) return null;
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** Luhn mod 32 over the reference alphabet, as src/shared/reference.ts. @param {string} ref "XXXX-XXXX" */
function referenceChecks(ref) {
  const chars = ref.replace('-', '');
  const payload = chars.slice(0, 7);
  const n = REFERENCE_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    let addend = factor * REFERENCE_ALPHABET.indexOf(payload.charAt(i));
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return REFERENCE_ALPHABET[(n - (sum % n)) % n] === chars.charAt(7);
}

/** @param {string} text @returns {Promise<boolean>} */
async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection fallback
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** @param {HTMLButtonElement} button */
async function onCopyClick(button) {
  const sourceId = button.dataset.copy;
  const source = sourceId ? document.getElementById(sourceId) : null;
  const text = source?.textContent ?? '';
  if (!text) return;
  const ok = await copyText(text);
  const label = button.textContent;
  const aria = button.getAttribute('aria-label');
  button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
  if (aria) button.setAttribute('aria-label', ok ? 'Reference number copied' : aria);
  if (!ok && source) {
    const range = document.createRange();
    range.selectNodeContents(source);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  }
  setTimeout(() => {
    button.textContent = label;
    if (aria) button.setAttribute('aria-label', aria);
  }, 2000);
}

// ---------------------------------------------------------------------------------------------
// Pre-chat form

/** @param {string | undefined} id */
function regionById(id) {
  return state.config?.regions.find((r) => r.id === id) ?? null;
}

/** The region the form is for: the demo identity's, or the one the customer picked. */
function currentRegion() {
  if (state.config?.demo) {
    const identity = state.identities.find((i) => i.customerId === ui.demoIdentity.value);
    return identity ? regionById(identity.regionId) : null;
  }
  return regionById(ui.region.value);
}

/** @param {RegionInfo} region */
function isRegionOpen(region) {
  return region.open && !state.closedNow.has(region.id);
}

function emailMode() {
  const region = currentRegion();
  return region ? !isRegionOpen(region) : false;
}

/** Shows whether live chat is open for the chosen region and switches to the email form if not. */
function updateRegionUi() {
  const region = currentRegion();
  const closed = region ? !isRegionOpen(region) : false;
  ui.regionStatus.hidden = !region || closed;
  if (region && !closed) {
    ui.regionDot.classList.remove('closed');
    ui.regionStatusText.textContent = `Live chat is open in ${region.name} · ${region.hoursText}`;
  }
  if (ui.closedBox.hidden && closed) ui.closedTitle.textContent = 'Live chat is closed right now';
  ui.closedBox.hidden = !closed;
  if (region && closed) {
    let text = `Our team in ${region.name} chats ${region.hoursText}.`;
    if (region.nextOpenAt) {
      const next = new Date(region.nextOpenAt);
      if (!Number.isNaN(next.getTime())) text += ` Live chat opens again ${dateTimeFormat.format(next)}.`;
    }
    ui.closedText.textContent = text;
    ui.closedPhoneItem.hidden = !region.phone;
    if (region.phone) {
      ui.closedPhone.textContent = region.phone;
      ui.closedPhone.href = `tel:${region.phone.replace(/[^\d+]/g, '')}`;
    }
  }
  ui.followupFields.hidden = closed;
  ui.prechatTitle.textContent = closed ? 'Email us' : 'Chat with us';
  ui.prechatIntro.textContent = closed
    ? 'Live chat is closed in your region right now, but you can still reach us by email.'
    : 'Tell us a little about your question so we can connect you with the right person.';
  ui.prechatSubmit.textContent = closed ? 'Send by email' : 'Start chat';
  document.title = closed ? 'Email us · Customer support' : 'Chat with us · Customer support';
}

function fillOrderSuggestions() {
  const identity = state.identities.find((i) => i.customerId === ui.demoIdentity.value);
  ui.orderNumbers.replaceChildren(
    ...(identity?.orderNumbers ?? []).map((n) => {
      const o = document.createElement('option');
      o.value = n;
      return o;
    }),
  );
}

/** @param {ChatConfig} config */
async function setUpPrechat(config) {
  ui.category.replaceChildren(ui.category.options[0] ?? new Option('Choose a topic…', ''));
  for (const c of config.categories) ui.category.add(new Option(c.label, c.id));
  // The server's MAX_DESCRIPTION_LENGTH; the description becomes the first message too.
  ui.description.maxLength = Math.min(2000, config.limits.maxMessageLength);
  ui.descriptionHint.textContent = 'A sentence or two is enough.';

  ui.demoFields.hidden = !config.demo;
  ui.identityFields.hidden = config.demo;
  if (config.demo) {
    try {
      state.identities = /** @type {DemoIdentity[]} */ (await api('GET', '/api/chat/demo-identities'));
    } catch (e) {
      state.identities = [];
      showBanner(e instanceof ApiError ? e.message : 'Could not load the demo identities.');
    }
    ui.demoIdentity.replaceChildren(new Option('Choose a customer…', ''));
    for (const i of state.identities) {
      const region = regionById(i.regionId);
      ui.demoIdentity.add(new Option(`${i.name} · ${i.email} · ${region?.name ?? i.regionId}`, i.customerId));
    }
  } else {
    ui.region.replaceChildren();
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (const r of config.regions) ui.region.add(new Option(r.name, r.id, false, r.timeZone === zone));
  }
  updateRegionUi();
}

/**
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} field
 * @param {string | null} message
 */
function setFieldError(field, message) {
  const err = document.getElementById(`${field.id}-error`);
  if (message) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
  if (err) setText(err, message);
}

/**
 * Checks the form and builds the request body with exactly the fields the API accepts.
 * @returns {{ body: StartChatRequest, email: boolean } | null}
 */
function readPrechat() {
  const config = state.config;
  if (!config) return null;
  /** @type {Array<[HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, string | null]>} */
  const checks = [];
  /** @type {Partial<StartChatRequest>} */
  const body = {};

  if (config.demo) {
    const id = ui.demoIdentity.value;
    checks.push([ui.demoIdentity, id ? null : 'Pick a demo customer to chat as.']);
    if (id) body.customerId = id;
  } else {
    const name = ui.name.value.trim();
    const email = ui.email.value.trim();
    checks.push([ui.name, name ? null : 'Tell us your name.']);
    checks.push([ui.email, !email ? 'Tell us your email address.' : ui.email.validity.valid && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : 'That email address doesn\'t look right.']);
    body.name = name;
    body.email = email;
    if (ui.region.value) body.regionId = ui.region.value;
  }

  const category = ui.category.value;
  checks.push([ui.category, category ? null : 'Choose what your question is about.']);
  body.category = /** @type {Category} */ (category);

  const description = ui.description.value.trim();
  checks.push([ui.description, description ? null : "Tell us briefly what's going on."]);
  body.description = description;

  const order = ui.orderNumber.value.trim();
  checks.push([ui.orderNumber, /^[A-Za-z0-9-]*$/.test(order) ? null : 'Use letters, digits and dashes only.']);
  if (order) body.orderNumber = order;

  const email = emailMode();
  if (!email && ui.hasReference.checked) {
    const raw = ui.reference.value.trim();
    const ref = normaliseReference(raw);
    let message = null;
    if (!raw) message = 'Enter the reference number, or untick the box.';
    else if (!ref) message = 'A reference number looks like ABCD-EFGH (8 letters and digits).';
    else if (!referenceChecks(ref)) message = 'That reference number has a typo; check it and try again.';
    checks.push([ui.reference, message]);
    if (ref) {
      body.reference = ref;
      ui.reference.value = ref;
    }
  }

  let first = null;
  for (const [field, message] of checks) {
    setFieldError(field, message);
    if (message && !first) first = field;
  }
  if (first) {
    first.focus();
    return null;
  }
  return { body: /** @type {StartChatRequest} */ (body), email };
}

/** @param {SubmitEvent} event */
async function onPrechatSubmit(event) {
  event.preventDefault();
  setText(ui.prechatError, null);
  const read = readPrechat();
  if (!read) return;
  const { body, email } = read;
  const label = ui.prechatSubmit.textContent;
  ui.prechatSubmit.disabled = true;
  ui.prechatSubmit.textContent = email ? 'Sending…' : 'Starting…';
  try {
    if (email) {
      /** @type {EmailTicketRequest} */
      const emailBody = { ...body };
      delete (/** @type {Partial<StartChatRequest>} */ (emailBody)).reference;
      const res = /** @type {{ reference: string }} */ (await api('POST', '/api/chat/email', { json: emailBody }));
      showEmailSent(res.reference);
      return;
    }
    const res = /** @type {StartChatResponse} */ (await api('POST', '/api/chat/start', { json: body }));
    saveToken(res.token);
    enterChat(res.chat, []);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'region_closed') {
      const region = currentRegion();
      if (region) state.closedNow.add(region.id);
      updateRegionUi();
      ui.closedTitle.textContent = 'Live chat has just closed';
      ui.closedTitle.focus();
      return;
    }
    setText(ui.prechatError, e instanceof ApiError ? e.message : 'Something went wrong. Please try again.');
  } finally {
    ui.prechatSubmit.disabled = false;
    if (ui.prechatSubmit.textContent === 'Starting…' || ui.prechatSubmit.textContent === 'Sending…') ui.prechatSubmit.textContent = label;
  }
}

/** @param {string} reference */
function showEmailSent(reference) {
  const region = currentRegion();
  ui.emailReference.textContent = reference;
  ui.emailPhoneItem.hidden = !region?.phone;
  if (region?.phone) {
    ui.emailPhone.textContent = region.phone;
    ui.emailPhone.href = `tel:${region.phone.replace(/[^\d+]/g, '')}`;
  }
  showView('emailSent');
  document.title = 'Question sent · Customer support';
  byId('email-sent-title', HTMLHeadingElement).setAttribute('tabindex', '-1');
  byId('email-sent-title', HTMLHeadingElement).focus();
}

// ---------------------------------------------------------------------------------------------
// Session storage

/** @param {string} token */
function saveToken(token) {
  state.token = token;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // private mode without storage: the chat still works, a reload just won't resume it
  }
}

function clearSession() {
  state.token = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(OUTBOX_KEY);
  } catch {
    // ignore
  }
}

function saveOutbox() {
  try {
    if (state.outbox.size) sessionStorage.setItem(OUTBOX_KEY, JSON.stringify([...state.outbox.values()]));
    else sessionStorage.removeItem(OUTBOX_KEY);
  } catch {
    // ignore
  }
}

/** @returns {OutboxEntry[]} */
function loadOutbox() {
  try {
    const raw = sessionStorage.getItem(OUTBOX_KEY);
    const list = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    return list.filter(
      (e) => e && typeof e.clientMsgId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(e.clientMsgId) && typeof e.body === 'string' && Array.isArray(e.attachmentIds),
    );
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Chat view

/**
 * @param {ChatState} chat
 * @param {CustomerMessage[]} messages
 */
function enterChat(chat, messages) {
  state.rendered.clear();
  state.pendingEls.clear();
  ui.thread.replaceChildren();
  state.chat = null;
  showView('chat');
  ui.chatReference.textContent = chat.reference;
  applyChat(chat, true);
  mergeMessages(messages);
  for (const entry of loadOutbox()) {
    if (!state.outbox.has(entry.clientMsgId)) state.outbox.set(entry.clientMsgId, entry);
  }
  for (const entry of state.outbox.values()) if (!state.pendingEls.has(entry.clientMsgId)) renderPending(entry);
  scrollToBottom(true);
  if (!isEnded(chat)) {
    connect();
    ui.message.focus();
  }
}

/** @param {ChatState} chat */
function isEnded(chat) {
  return chat.status === 'resolved' || chat.status === 'closed';
}

/**
 * Updates the header, the status line and the ended panel.
 * @param {ChatState} chat
 * @param {boolean} [initial]
 */
function applyChat(chat, initial = false) {
  const wasEnded = state.chat ? isEnded(state.chat) : false;
  state.chat = chat;
  const label = state.config?.categories.find((c) => c.id === chat.category)?.label;
  ui.chatTitle.textContent = label ? `Support chat · ${label}` : 'Support chat';
  ui.chatReference.textContent = chat.reference;

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
      ui.chatStatus.textContent = "You're connected with our support team";
    }
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
    if (!state.outbox.size) disconnect();
  }
}

function isNearBottom() {
  const el = ui.threadScroll;
  return el.scrollHeight - el.scrollTop - el.clientHeight < 120;
}

/** @param {boolean} force */
function scrollToBottom(force) {
  if (force || isNearBottom()) ui.threadScroll.scrollTop = ui.threadScroll.scrollHeight;
}

/**
 * Builds one message element. Every piece of text goes in through textContent.
 * @param {{ authorKind: string, authorName: string, body: string, attachmentIds: string[], createdAt: string }} m
 * @returns {HTMLLIElement}
 */
function messageElement(m) {
  const li = document.createElement('li');
  if (m.authorKind === 'system') {
    li.className = 'msg-system';
    li.textContent = m.body;
    return li;
  }
  const mine = m.authorKind === 'customer';
  // Customers know agents by first name (as in the chat state, typing frames and the transcript).
  const author = m.authorName.trim().split(/\s+/)[0] || 'Support';
  li.className = `msg ${mine ? 'msg-me' : 'msg-them'}`;
  const sr = document.createElement('span');
  sr.className = 'visually-hidden';
  sr.textContent = mine ? 'You said: ' : `${author} said: `;
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  for (const id of m.attachmentIds) bubble.append(attachmentElement(id, m.body));
  const text = document.createElement('span');
  text.className = 'msg-text';
  text.textContent = m.body;
  bubble.append(text);
  const meta = document.createElement('div');
  meta.className = 'meta';
  if (!mine) {
    const who = document.createElement('span');
    who.className = 'msg-author';
    who.textContent = author;
    meta.append(who);
  }
  const time = document.createElement('time');
  time.dateTime = m.createdAt;
  time.textContent = formatTime(m.createdAt);
  meta.append(time);
  li.append(sr, bubble, meta);
  return li;
}

/**
 * A screenshot in the thread: fetched with the bearer token, shown through a blob: URL.
 * @param {string} id
 * @param {string} caption
 */
function attachmentElement(id, caption) {
  const figure = document.createElement('figure');
  figure.className = 'attachment';
  const placeholder = document.createElement('div');
  placeholder.className = 'attachment-placeholder';
  placeholder.textContent = 'Loading image…';
  figure.append(placeholder);
  loadImage(id).then(
    (url) => {
      const img = document.createElement('img');
      img.alt = caption ? `Screenshot: ${caption}` : 'Screenshot';
      img.decoding = 'async';
      // Keep the thread pinned to the newest message while the image grows it.
      const stick = isNearBottom();
      img.addEventListener('load', () => scrollToBottom(stick), { once: true });
      img.src = url;
      placeholder.replaceWith(img);
    },
    () => {
      placeholder.textContent = 'Image unavailable';
    },
  );
  return figure;
}

/** @param {string} id @returns {Promise<string>} */
function loadImage(id) {
  let p = state.images.get(id);
  if (!p) {
    p = api('GET', `/api/chat/attachments/${encodeURIComponent(id)}`, { auth: true, as: 'blob', headers: { Accept: 'image/*' } }).then((blob) => URL.createObjectURL(blob));
    p.catch(() => state.images.delete(id));
    state.images.set(id, p);
  }
  return p;
}

/**
 * Adds server messages not shown yet; a customer message matching a pending one confirms it.
 * @param {CustomerMessage[]} messages
 */
function mergeMessages(messages) {
  for (const m of messages) addServerMessage(m);
}

/** @param {CustomerMessage} m */
function addServerMessage(m) {
  if (state.rendered.has(m.id)) return;
  if (m.authorKind === 'note') return; // never sent to customers; belt and braces
  if (m.authorKind === 'customer' && m.clientMsgId) {
    const pending = state.pendingEls.get(m.clientMsgId);
    if (pending) {
      markSent(m.clientMsgId, m.id);
      return;
    }
  }
  const el = messageElement(m);
  el.dataset.id = m.id;
  state.rendered.set(m.id, el);
  // New server messages go above messages still being sent.
  const firstPending = state.pendingEls.values().next().value;
  if (firstPending && firstPending.parentElement === ui.thread) ui.thread.insertBefore(el, firstPending);
  else ui.thread.append(el);
  if (m.authorKind === 'agent') setTyping(false, null);
  scrollToBottom(m.authorKind === 'customer');
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
  state.pendingEls.set(entry.clientMsgId, el);
  ui.thread.append(el);
  scrollToBottom(true);
}

/** @param {string} clientMsgId @param {string} messageId */
function markSent(clientMsgId, messageId) {
  const el = state.pendingEls.get(clientMsgId);
  const timer = state.ackTimers.get(clientMsgId);
  if (timer) clearTimeout(timer);
  state.ackTimers.delete(clientMsgId);
  state.outbox.delete(clientMsgId);
  saveOutbox();
  if (!el) return;
  state.pendingEls.delete(clientMsgId);
  el.dataset.id = messageId;
  state.rendered.set(messageId, el);
  const status = el.querySelector('.msg-state');
  if (status) {
    status.className = 'msg-state msg-state-sent';
    status.textContent = 'Sent';
  }
  if (state.chat && isEnded(state.chat) && !state.outbox.size) disconnect();
}

/** @param {string} clientMsgId */
function markFailed(clientMsgId) {
  const el = state.pendingEls.get(clientMsgId);
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
    const entry = state.outbox.get(clientMsgId);
    if (!entry) return;
    if (live.ready) transmit(entry);
    else reconnectNow();
  });
  status.append(retry);
}

/** Sends one outbox entry if the socket is ready; starts its ack timer. @param {OutboxEntry} entry */
function transmit(entry) {
  const old = state.ackTimers.get(entry.clientMsgId);
  if (old) clearTimeout(old);
  state.ackTimers.set(
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
function sendMessage(body, attachmentIds) {
  /** @type {OutboxEntry} */
  const entry = { clientMsgId: newClientMsgId(), body, attachmentIds, createdAt: new Date().toISOString() };
  state.outbox.set(entry.clientMsgId, entry);
  saveOutbox();
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
  if (live.reconnectTimer) clearTimeout(live.reconnectTimer);
  live.reconnectTimer = null;
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
    if (ev.code === 4003 || ev.code === 4004) {
      sessionLost();
      return;
    }
    if (state.chat && isEnded(state.chat) && !state.outbox.size) return;
    scheduleReconnect();
  });
}

function disconnect() {
  const ws = live.socket;
  live.socket = null;
  live.ready = false;
  stopPing();
  if (live.reconnectTimer) clearTimeout(live.reconnectTimer);
  live.reconnectTimer = null;
  if (live.connectingTimer) clearTimeout(live.connectingTimer);
  setConnection(null);
  if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'done');
}

function scheduleReconnect() {
  if (live.reconnectTimer || !state.token) return;
  const base = Math.min(15_000, 500 * 2 ** live.attempt);
  const delay = Math.round(base * (0.5 + Math.random() * 0.5));
  live.attempt++;
  setConnection(navigator.onLine === false ? "You're offline. We'll reconnect when you're back." : 'Connection lost. Reconnecting…');
  live.reconnectTimer = setTimeout(() => {
    live.reconnectTimer = null;
    connect();
  }, delay);
}

function reconnectNow() {
  if (live.socket || !state.token) return;
  if (live.reconnectTimer) clearTimeout(live.reconnectTimer);
  live.reconnectTimer = null;
  connect();
}

/** @param {string | null} text */
function setConnection(text) {
  setText(ui.connection, text);
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
      if (live.connectingTimer) clearTimeout(live.connectingTimer);
      setConnection(null);
      startPing();
      mergeMessages(frame.messages);
      applyChat(frame.chat);
      // Resend what the server has not acknowledged, with the same clientMsgId (it dedupes).
      for (const entry of [...state.outbox.values()]) transmit(entry);
      break;
    }
    case 'message':
      addServerMessage(frame.message);
      break;
    case 'ack':
      markSent(frame.clientMsgId, frame.messageId);
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
        const timer = state.ackTimers.get(frame.clientMsgId);
        if (timer) clearTimeout(timer);
        state.ackTimers.delete(frame.clientMsgId);
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
function sessionLost() {
  disconnect();
  if (state.chat && isEnded(state.chat)) return;
  clearSession();
  showBanner('This chat is not active any more. Start a new chat and quote your reference number to continue.');
  void showPrechat();
}

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

function stopTyping() {
  if (live.typingIdleTimer) clearTimeout(live.typingIdleTimer);
  live.typingIdleTimer = null;
  if (live.typingSent) sendFrame({ type: 'typing', typing: false });
  live.typingSent = false;
}

// ---------------------------------------------------------------------------------------------
// Screenshots

let uploading = Promise.resolve();

/** Uploads files one after the other; each becomes its own message. @param {Iterable<File>} files */
function uploadFiles(files) {
  for (const file of files) uploading = uploading.then(() => uploadOne(file));
}

/** @param {File} file */
async function uploadOne(file) {
  if (!state.chat || isEnded(state.chat)) return;
  setText(ui.composerError, null);
  const max = state.config?.limits.maxUploadBytes ?? 8 * 1024 * 1024;
  if (!IMAGE_TYPES.includes(file.type)) {
    setText(ui.composerError, NOT_AN_IMAGE);
    return;
  }
  if (file.size > max) {
    setText(ui.composerError, `That image is ${formatBytes(file.size)}; the limit is ${formatBytes(max)}. Try a smaller screenshot or crop it.`);
    return;
  }
  if (file.size === 0) {
    setText(ui.composerError, NOT_AN_IMAGE);
    return;
  }
  setText(ui.uploadStatus, `Uploading ${file.name || 'screenshot'}…`);
  ui.attach.disabled = true;
  try {
    const res = /** @type {{ attachment: { id: string, filename: string } }} */ (
      await api('PUT', '/api/chat/attachments', {
        auth: true,
        raw: file,
        headers: { 'Content-Type': file.type, 'X-Filename': headerSafeFilename(file.name || 'screenshot') },
      })
    );
    const typed = ui.message.value.trim();
    let body = file.name || res.attachment.filename || 'Screenshot';
    if (typed) {
      body = typed;
      ui.message.value = '';
      stopTyping();
    }
    const maxLength = state.config?.limits.maxMessageLength ?? 10_000;
    sendMessage(body.slice(0, maxLength), [res.attachment.id]);
  } catch (e) {
    setText(ui.composerError, uploadErrorText(e, max));
    if (e instanceof ApiError && e.status === 401) sessionLost();
  } finally {
    setText(ui.uploadStatus, null);
    ui.attach.disabled = false;
  }
}

/** @param {unknown} e @param {number} max */
function uploadErrorText(e, max) {
  if (!(e instanceof ApiError)) return "We couldn't upload that screenshot. Please try again.";
  switch (e.code) {
    case 'unsupported_media_type':
      return NOT_AN_IMAGE;
    case 'payload_too_large':
      return `That image is too large; the limit is ${formatBytes(max)}. Try a smaller screenshot or crop it.`;
    case 'network':
      return "We couldn't upload that screenshot. Check your connection and try again.";
    case 'rate_limited':
      return "You're sending screenshots very quickly. Wait a moment and try again.";
    default:
      return e.message;
  }
}

/** @param {DataTransfer | null} dt */
function hasFiles(dt) {
  return !!dt && [...dt.types].includes('Files');
}

function chatAcceptsFiles() {
  return !ui.views.chat.hidden && !!state.chat && !isEnded(state.chat);
}

function setUpDragAndDrop() {
  let depth = 0;
  const chat = ui.views.chat;
  chat.addEventListener('dragenter', (e) => {
    if (!hasFiles(e.dataTransfer) || !chatAcceptsFiles()) return;
    e.preventDefault();
    depth++;
    ui.dropOverlay.hidden = false;
  });
  chat.addEventListener('dragleave', (e) => {
    if (!hasFiles(e.dataTransfer)) return;
    depth = Math.max(0, depth - 1);
    if (!depth) ui.dropOverlay.hidden = true;
  });
  chat.addEventListener('dragover', (e) => {
    if (!hasFiles(e.dataTransfer) || !chatAcceptsFiles()) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  chat.addEventListener('drop', (e) => {
    depth = 0;
    ui.dropOverlay.hidden = true;
    if (!hasFiles(e.dataTransfer) || !chatAcceptsFiles()) return;
    e.preventDefault();
    uploadFiles(e.dataTransfer?.files ?? []);
  });
  // A file dropped anywhere else must not make the browser navigate away from the chat.
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e.dataTransfer)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    if (hasFiles(e.dataTransfer)) e.preventDefault();
  });
  document.addEventListener('paste', (e) => {
    if (!chatAcceptsFiles()) return;
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    uploadFiles(files);
  });
}

// ---------------------------------------------------------------------------------------------
// Ending, CSAT, transcript

async function endChat() {
  ui.endChat.disabled = true;
  try {
    const res = /** @type {{ chat: ChatState }} */ (await api('POST', '/api/chat/end', { auth: true }));
    applyChat(res.chat);
  } catch (e) {
    setText(ui.composerError, e instanceof ApiError ? e.message : "We couldn't end the chat. Please try again.");
  } finally {
    ui.endChat.disabled = false;
  }
}

/** @param {SubmitEvent} event */
async function onCsatSubmit(event) {
  event.preventDefault();
  setText(ui.csatError, null);
  const checked = ui.csatForm.querySelector('input[name="rating"]:checked');
  const rating = checked instanceof HTMLInputElement ? Number(checked.value) : 0;
  if (!rating) {
    setText(ui.csatError, 'Choose from 1 to 5 stars.');
    ui.csatForm.querySelector('input[name="rating"]')?.closest('fieldset')?.querySelector('input')?.focus();
    return;
  }
  const comment = ui.csatComment.value.trim();
  ui.csatSubmit.disabled = true;
  try {
    const res = /** @type {{ chat: ChatState }} */ (await api('POST', '/api/chat/csat', { auth: true, json: comment ? { rating, comment } : { rating } }));
    applyChat(res.chat);
    ui.csatThanks.setAttribute('tabindex', '-1');
    ui.csatThanks.focus();
  } catch (e) {
    setText(ui.csatError, e instanceof ApiError ? e.message : "We couldn't send your rating. Please try again.");
  } finally {
    ui.csatSubmit.disabled = false;
  }
}

async function downloadTranscript() {
  ui.transcript.disabled = true;
  try {
    const blob = /** @type {Blob} */ (await api('GET', '/api/chat/transcript', { auth: true, as: 'blob', headers: { Accept: 'text/plain' } }));
    const url = URL.createObjectURL(new Blob([blob], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `chat-transcript-${state.chat?.reference ?? 'support'}.txt`;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    setText(ui.csatError, e instanceof ApiError ? e.message : "We couldn't download the transcript. Please try again.");
  } finally {
    ui.transcript.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Start-up

async function showPrechat() {
  disconnect();
  for (const p of state.images.values()) p.then((u) => URL.revokeObjectURL(u), () => undefined);
  state.images.clear();
  state.outbox.clear();
  state.chat = null;
  ui.description.value = '';
  ui.hasReference.checked = false;
  ui.referenceField.hidden = true;
  ui.reference.value = '';
  ui.csatForm.reset();
  setText(ui.prechatError, null);
  showView('prechat');
  updateRegionUi();
}

function wireEvents() {
  ui.form.addEventListener('submit', (e) => void onPrechatSubmit(e));
  ui.demoIdentity.addEventListener('change', () => {
    fillOrderSuggestions();
    setFieldError(ui.demoIdentity, null);
    setText(ui.prechatError, null);
    updateRegionUi();
  });
  ui.region.addEventListener('change', () => updateRegionUi());
  for (const field of [ui.name, ui.email, ui.category, ui.description, ui.orderNumber, ui.reference]) {
    field.addEventListener('input', () => {
      if (field.getAttribute('aria-invalid')) setFieldError(field, null);
    });
  }
  ui.hasReference.addEventListener('change', () => {
    ui.referenceField.hidden = !ui.hasReference.checked;
    if (ui.hasReference.checked) ui.reference.focus();
    else setFieldError(ui.reference, null);
  });
  ui.reference.addEventListener('blur', () => {
    const ref = normaliseReference(ui.reference.value);
    if (ref) ui.reference.value = ref;
  });

  for (const button of document.querySelectorAll('button[data-copy]')) {
    if (button instanceof HTMLButtonElement) button.addEventListener('click', () => void onCopyClick(button));
  }

  ui.composer.addEventListener('submit', (e) => onComposerSubmit(e));
  ui.message.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) onComposerSubmit(e);
  });
  ui.message.addEventListener('input', onComposerInput);
  ui.message.addEventListener('blur', stopTyping);
  ui.attach.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    uploadFiles([...(ui.fileInput.files ?? [])]);
    ui.fileInput.value = '';
  });
  setUpDragAndDrop();

  ui.endChat.addEventListener('click', () => {
    ui.endDialog.returnValue = '';
    ui.endDialog.showModal();
  });
  ui.endDialog.addEventListener('close', () => {
    if (ui.endDialog.returnValue === 'end') void endChat();
    else ui.message.focus();
  });
  ui.csatForm.addEventListener('submit', (e) => void onCsatSubmit(e));
  ui.transcript.addEventListener('click', () => void downloadTranscript());
  ui.newChat.addEventListener('click', () => {
    clearSession();
    void showPrechat().then(() => ui.category.focus());
  });

  window.addEventListener('online', () => reconnectNow());
  window.addEventListener('offline', () => {
    if (state.token && !ui.views.chat.hidden) setConnection("You're offline. We'll reconnect when you're back.");
  });
}

async function boot() {
  wireEvents();
  showView('loading');
  let stored = null;
  try {
    stored = sessionStorage.getItem(TOKEN_KEY);
  } catch {
    stored = null;
  }
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
