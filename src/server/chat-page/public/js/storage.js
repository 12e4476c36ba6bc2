// @ts-check
/**
 * What survives a reload, in sessionStorage (this tab only, gone when it closes): the chat
 * token, the outbox of unacknowledged messages and the identity token the company's site handed
 * over. Storage may be unavailable (private mode): then the chat still works, a reload just
 * won't resume it.
 */
import { state } from './state.js';

/**
 * A message the customer sent that the server has not acknowledged yet.
 * @typedef {{ clientMsgId: string, body: string, attachmentIds: string[], createdAt: string }} OutboxEntry
 */

const TOKEN_KEY = 'supportChat.token';
const OUTBOX_KEY = 'supportChat.outbox';
const IDENTITY_KEY = 'supportChat.identity';

/** @param {string} key @returns {string | null} */
function read(key) {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** @param {string} key @param {string | null} value */
function write(key, value) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // private mode without storage: nothing survives a reload
  }
}

/** The chat token a reload resumes with, if any. */
export function storedToken() {
  return read(TOKEN_KEY);
}

/** @param {string} token */
export function saveToken(token) {
  state.token = token;
  write(TOKEN_KEY, token);
}

/** Forgets the chat: its token and its outbox. */
export function clearSession() {
  state.token = null;
  write(TOKEN_KEY, null);
  write(OUTBOX_KEY, null);
}

/** @param {OutboxEntry[]} entries */
export function saveOutbox(entries) {
  write(OUTBOX_KEY, entries.length ? JSON.stringify(entries) : null);
}

/** @returns {OutboxEntry[]} */
export function loadOutbox() {
  try {
    const raw = read(OUTBOX_KEY);
    const list = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(list)) return [];
    return list.filter(
      (e) => e && typeof e.clientMsgId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(e.clientMsgId) && typeof e.body === 'string' && Array.isArray(e.attachmentIds),
    );
  } catch {
    return [];
  }
}

/** The identity token (a JWT from the company's site, or the demo signer), if any. */
export function storedIdentity() {
  return read(IDENTITY_KEY);
}

/** @param {string | null} token null forgets it */
export function saveIdentity(token) {
  write(IDENTITY_KEY, token);
}
