// @ts-check
/**
 * Who the customer is.
 *
 * - Signed in: the company's site opens the page as `/chat/#identity=<JWT>`, a short-lived token
 *   it signed for its signed-in customer. The token is taken out of the fragment at once (and
 *   the fragment out of the address bar), kept in sessionStorage, and sent as `identityToken`
 *   when the chat or email ticket starts; the desk verifies it. Its claims are decoded here
 *   only to say "Signed in as …": the page never trusts them for anything else.
 * - Demo: the demo signer stands in for the company's site. Picking a seeded customer asks it
 *   for a token (`POST /api/chat/demo/identity`) and goes on exactly as a signed-in customer.
 * - Visitor: no token. Name and email are only what they type; the agent sees no account.
 * - Refused: the desk answered 401 to the token (forged, expired, wrong audience): the token is
 *   dropped and the customer chooses to go on as a visitor; nothing falls back silently.
 */
import { api, errorText } from './api.js';
import { setFieldError, setText, showBanner, ui } from './dom.js';
import { saveIdentity, storedIdentity } from './storage.js';

/** @typedef {import('../../../../shared/protocol/customer').ChatConfig} ChatConfig */
/** @typedef {import('../../../../shared/protocol/customer').DemoIdentity} DemoIdentity */
/** @typedef {import('../../../../shared/protocol/customer').DemoIdentityTokenResponse} DemoIdentityTokenResponse */
/** @typedef {import('../../../../shared/protocol/customer').RegionInfo} RegionInfo */

/**
 * What the token says, for display only (unverified).
 * @typedef {{ sub: string | null, name: string | null, email: string | null, region: string | null, iss: string | null }} Claims
 */
/** @typedef {'signed-in' | 'picker' | 'visitor' | 'refused'} IdentityMode */

/** src/shared/protocol/customer.ts MAX_IDENTITY_TOKEN_LENGTH. */
const MAX_IDENTITY_TOKEN_LENGTH = 4096;
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** The demo signer's `iss` (src/server/identity/demo-signer.ts): its tokens get a "Demo" chip. */
const DEMO_ISSUER = 'agent-desk-demo-signer';

const who = {
  /** @type {IdentityMode} */ mode: 'visitor',
  /** The identity token, also when sessionStorage is unavailable. */
  /** @type {string | null} */ token: null,
  /** @type {Claims | null} */ claims: null,
  /** The desk's words when it refused the token. */
  /** @type {string | null} */ refusal: null,
  /** The demo signer's answer while it is on its way. */
  /** @type {Promise<void> | null} */ signingIn: null,
  /** The customer's region as the desk named it (409 region_closed), when the token had none. */
  /** @type {string | null} */ learnedRegionId: null,
};

/** Demo customers for the picker (demo signer only). */
/** @type {DemoIdentity[]} */
let demoIdentities = [];
let demoSigner = false;

const hooks = {
  /** The form around the identity has to follow (region, email field, errors). */
  changed: () => {},
};

/** @param {() => void} fn */
export function onIdentityChange(fn) {
  hooks.changed = fn;
}

// ---------------------------------------------------------------------------------------------
// The token

/**
 * Takes `#identity=<token>` out of the URL: kept in sessionStorage, never left in the address
 * bar, the history or a bookmark. Returns true when the fragment carried one.
 */
export function captureIdentityFromUrl() {
  const fragment = location.hash.replace(/^#/, '');
  if (!fragment) return false;
  const params = new URLSearchParams(fragment);
  if (!params.has('identity')) return false;
  const token = (params.get('identity') ?? '').trim();
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  if (!token || token.length > MAX_IDENTITY_TOKEN_LENGTH || !COMPACT_JWT.test(token)) return false;
  setToken(token);
  return true;
}

/** @param {string | null} token */
function setToken(token) {
  who.token = token;
  who.claims = token ? decodeClaims(token) : null;
  who.learnedRegionId = null;
  saveIdentity(token);
}

/**
 * The token's payload, decoded for display only: the desk checks the signature, not this page.
 * @param {string} token
 * @returns {Claims | null}
 */
export function decodeClaims(token) {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    if (!payload || typeof payload !== 'object') return null;
    /** @param {unknown} v @param {number} max */
    const text = (v, max) => (typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : null);
    return {
      sub: text(payload.sub, 64),
      name: text(payload.name, 120),
      email: text(payload.email, 200),
      region: text(payload.region, 40),
      iss: text(payload.iss, 200),
    };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// What the form asks

export function identityMode() {
  return who.mode;
}

/** The token to send with the form: only when signed in. */
export function identityToken() {
  return who.mode === 'signed-in' ? who.token : null;
}

/** Resolves once a demo sign-in under way has an answer (the form waits for it). */
export function identitySettled() {
  return who.signingIn ?? Promise.resolve();
}

/** The demo customer the token names, when there is one (order suggestions, region). */
function demoCustomer() {
  const sub = who.mode === 'signed-in' ? who.claims?.sub : null;
  return sub ? (demoIdentities.find((i) => i.customerId === sub) ?? null) : null;
}

/** The signed-in customer's region when the page can tell it; null asks the customer. */
export function knownRegionId() {
  if (who.mode !== 'signed-in') return null;
  return who.learnedRegionId ?? who.claims?.region ?? demoCustomer()?.regionId ?? null;
}

/** The desk named the customer's region (in a 409 region_closed). @param {string} regionId */
export function learnRegion(regionId) {
  if (who.mode === 'signed-in' && !knownRegionId()) who.learnedRegionId = regionId;
}

/** Where the customer's eyes should go when the form can't go on without a choice of identity. */
export function focusIdentityChoice() {
  if (who.mode === 'refused') ui.refusedVisitor.focus();
  else if (who.mode === 'picker') ui.demoIdentity.focus();
}

// ---------------------------------------------------------------------------------------------
// Changes

/** @param {IdentityMode} mode */
function setMode(mode) {
  who.mode = mode;
  if (mode !== 'refused') who.refusal = null;
  render();
  hooks.changed();
}

/**
 * The desk refused the token: forget it and let the customer choose what next.
 * @param {string} message the desk's own words
 */
export function identityRefused(message) {
  setToken(null);
  who.refusal = message;
  setMode('refused');
  ui.refusedTitle.focus();
}

function continueAsVisitor() {
  setToken(null);
  setMode('visitor');
  ui.name.focus();
}

function backToPicker() {
  setToken(null);
  ui.demoIdentity.value = '';
  setMode('picker');
  ui.demoIdentity.focus();
}

/** One click in the demo picker: the demo signer hands out a token for that customer. */
function onDemoPick() {
  const customerId = ui.demoIdentity.value;
  setFieldError(ui.demoIdentity, null);
  if (!customerId) return;
  ui.demoIdentity.disabled = true;
  ui.demoVisitor.disabled = true;
  const run = (async () => {
    try {
      const res = /** @type {DemoIdentityTokenResponse} */ (await api('POST', '/api/chat/demo/identity', { json: { customerId } }));
      setToken(res.identityToken);
      setMode('signed-in');
      // The picker is gone: on to the first thing the form still needs (unless they moved on).
      const active = document.activeElement;
      if (!active || active === document.body || active === ui.demoIdentity) (ui.category.value ? ui.description : ui.category).focus();
    } catch (e) {
      ui.demoIdentity.value = '';
      setFieldError(ui.demoIdentity, errorText(e, "We couldn't sign you in as that customer. Please try again."));
    } finally {
      ui.demoIdentity.disabled = false;
      ui.demoVisitor.disabled = false;
      who.signingIn = null;
    }
  })();
  who.signingIn = run;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render() {
  const mode = who.mode;
  ui.signedIn.hidden = mode !== 'signed-in';
  ui.demoFields.hidden = mode !== 'picker';
  ui.identityRefused.hidden = mode !== 'refused';
  ui.visitorFields.hidden = mode !== 'visitor';
  ui.switchIdentity.hidden = !(mode === 'signed-in' && demoSigner);
  ui.visitorDemo.hidden = !demoSigner;
  ui.refusedDemo.hidden = !demoSigner;
  ui.signedInDemo.hidden = who.claims?.iss !== DEMO_ISSUER;

  if (mode === 'signed-in') {
    const c = who.claims;
    ui.signedInText.replaceChildren();
    if (c?.name) {
      const strong = document.createElement('strong');
      strong.textContent = c.name;
      ui.signedInText.append('Signed in as ', strong);
      if (c.email) ui.signedInText.append(` (${c.email})`);
    } else if (c?.email) {
      ui.signedInText.append(`Signed in as ${c.email}`);
    } else {
      ui.signedInText.append("You're signed in");
    }
  }
  if (mode === 'refused') setText(ui.refusedTitle, who.refusal ?? 'Your sign-in could not be verified.');

  const demo = demoCustomer();
  ui.orderNumbers.replaceChildren(
    ...(demo?.orderNumbers ?? []).map((n) => {
      const o = document.createElement('option');
      o.value = n;
      return o;
    }),
  );
}

/**
 * Loads the demo customers (demo signer only) and shows who the customer is.
 * @param {ChatConfig} config
 * @param {(id: string) => RegionInfo | null} regionById
 */
export async function setUpIdentity(config, regionById) {
  demoSigner = config.identity.demoSigner;
  if (!who.token) {
    const stored = storedIdentity();
    if (stored) setToken(stored);
  }
  if (demoSigner) {
    try {
      demoIdentities = /** @type {DemoIdentity[]} */ (await api('GET', '/api/chat/demo-identities'));
    } catch (e) {
      demoIdentities = [];
      showBanner(errorText(e, 'Could not load the demo identities.'));
    }
    ui.demoIdentity.replaceChildren(new Option('Choose a customer…', ''));
    for (const i of demoIdentities) {
      const region = regionById(i.regionId);
      ui.demoIdentity.add(new Option(`${i.name} · ${i.email} · ${region?.name ?? i.regionId}`, i.customerId));
    }
  }
  who.mode = who.token ? 'signed-in' : demoSigner ? 'picker' : 'visitor';
  render();
}

/** A new `#identity=` while the page is open (the site opened the same tab again). */
function onHashChange() {
  if (!captureIdentityFromUrl()) return;
  who.mode = 'signed-in';
  who.refusal = null;
  render();
  // The form follows now if it is on screen; otherwise when it is shown next.
  if (!ui.views.prechat.hidden) hooks.changed();
}

export function wireIdentity() {
  ui.demoIdentity.addEventListener('change', onDemoPick);
  ui.demoVisitor.addEventListener('click', continueAsVisitor);
  ui.refusedVisitor.addEventListener('click', continueAsVisitor);
  ui.refusedDemo.addEventListener('click', backToPicker);
  ui.visitorDemo.addEventListener('click', backToPicker);
  ui.switchIdentity.addEventListener('click', backToPicker);
  window.addEventListener('hashchange', onHashChange);
}
