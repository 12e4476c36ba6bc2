// @ts-check
/**
 * Building the conversation: one element per message (customer, agent or system line) and the
 * screenshots in it, fetched with the chat token and shown from blob: URLs; plus keeping the
 * thread pinned to the newest message. Every piece of text goes in through textContent.
 */
import { api } from './api.js';
import { ui } from './dom.js';
import { formatTime } from './format.js';

/** What a message element needs: a server message, or a pending one from the outbox. */
/** @typedef {{ authorKind: string, authorName: string, body: string, attachmentIds: string[], createdAt: string }} MessageLike */

/** Object URLs of fetched attachments, by attachment id. */
/** @type {Map<string, Promise<string>>} */
const images = new Map();

export function isNearBottom() {
  const el = ui.threadScroll;
  return el.scrollHeight - el.scrollTop - el.clientHeight < 120;
}

/** @param {boolean} force */
export function scrollToBottom(force) {
  if (force || isNearBottom()) ui.threadScroll.scrollTop = ui.threadScroll.scrollHeight;
}

/**
 * Builds one message element. Every piece of text goes in through textContent.
 * @param {MessageLike} m
 * @returns {HTMLLIElement}
 */
export function messageElement(m) {
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
  let p = images.get(id);
  if (!p) {
    p = api('GET', `/api/chat/attachments/${encodeURIComponent(id)}`, { auth: true, as: 'blob', headers: { Accept: 'image/*' } }).then((blob) => URL.createObjectURL(blob));
    p.catch(() => images.delete(id));
    images.set(id, p);
  }
  return p;
}

/** Frees the blob: URLs of the screenshots shown so far (the chat is being left). */
export function releaseImages() {
  for (const p of images.values()) p.then((u) => URL.revokeObjectURL(u), () => undefined);
  images.clear();
}
