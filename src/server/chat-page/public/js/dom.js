// @ts-check
/**
 * The page's elements (looked up once, by id), switching views, the page banner, field errors
 * and the copy buttons. Every piece of text goes in through textContent.
 */

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (...args: any[]): T }} type
 * @returns {T}
 */
export function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return el;
}

export const ui = {
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
  signedIn: byId('signed-in', HTMLDivElement),
  signedInText: byId('signed-in-text', HTMLSpanElement),
  signedInDemo: byId('signed-in-demo', HTMLSpanElement),
  switchIdentity: byId('switch-identity', HTMLButtonElement),
  demoFields: byId('demo-fields', HTMLDivElement),
  demoIdentity: byId('demo-identity', HTMLSelectElement),
  demoVisitor: byId('demo-visitor', HTMLButtonElement),
  identityRefused: byId('identity-refused', HTMLDivElement),
  refusedTitle: byId('refused-title', HTMLParagraphElement),
  refusedVisitor: byId('refused-visitor', HTMLButtonElement),
  refusedDemo: byId('refused-demo', HTMLButtonElement),
  visitorFields: byId('visitor-fields', HTMLDivElement),
  visitorDemo: byId('visitor-demo', HTMLButtonElement),
  name: byId('name', HTMLInputElement),
  email: byId('email', HTMLInputElement),
  emailOptional: byId('email-optional', HTMLSpanElement),
  emailHint: byId('email-hint', HTMLParagraphElement),
  regionField: byId('region-field', HTMLDivElement),
  region: byId('region', HTMLSelectElement),
  regionStatus: byId('region-status', HTMLDivElement),
  regionDot: byId('region-dot', HTMLSpanElement),
  regionStatusText: byId('region-status-text', HTMLSpanElement),
  closedBox: byId('closed-box', HTMLDivElement),
  busyBox: byId('busy-box', HTMLDivElement),
  busyText: byId('busy-text', HTMLParagraphElement),
  busyEmail: byId('busy-email', HTMLButtonElement),
  busyPhoneItem: byId('busy-phone-item', HTMLLIElement),
  busyPhone: byId('busy-phone', HTMLAnchorElement),
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
  referenceHint: byId('reference-hint', HTMLParagraphElement),
  prechatError: byId('prechat-error', HTMLParagraphElement),
  prechatSubmit: byId('prechat-submit', HTMLButtonElement),
  emailSentTitle: byId('email-sent-title', HTMLHeadingElement),
  emailReference: byId('email-reference', HTMLSpanElement),
  emailPhoneItem: byId('email-phone-item', HTMLLIElement),
  emailPhone: byId('email-phone', HTMLAnchorElement),
  chatTitle: byId('chat-title', HTMLHeadingElement),
  chatIdentity: byId('chat-identity', HTMLSpanElement),
  chatStatus: byId('chat-status', HTMLParagraphElement),
  chatReference: byId('chat-reference', HTMLSpanElement),
  connection: byId('connection', HTMLDivElement),
  connectionText: byId('connection-text', HTMLSpanElement),
  connectionRetry: byId('connection-retry', HTMLButtonElement),
  chatNotice: byId('chat-notice', HTMLParagraphElement),
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

/** @typedef {keyof typeof ui.views} ViewName */

/** @param {ViewName} name */
export function showView(name) {
  for (const [key, el] of Object.entries(ui.views)) el.hidden = key !== name;
  ui.views.loading.setAttribute('aria-busy', String(name === 'loading'));
}

/** @param {string | null} text */
export function showBanner(text) {
  ui.banner.textContent = text ?? '';
  ui.banner.hidden = !text;
}

/** Sets an element's text and hides it when there is none. @param {HTMLElement} el @param {string | null} text */
export function setText(el, text) {
  el.textContent = text ?? '';
  el.hidden = !text;
}

/**
 * Marks a form field invalid (or valid again) and shows its message in `#<id>-error`.
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} field
 * @param {string | null} message
 */
export function setFieldError(field, message) {
  const err = document.getElementById(`${field.id}-error`);
  if (message) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
  if (err) setText(err, message);
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

/** Every `button[data-copy="<id>"]` copies the text of `#<id>`. */
export function wireCopyButtons() {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    if (button instanceof HTMLButtonElement) button.addEventListener('click', () => void onCopyClick(button));
  }
}
