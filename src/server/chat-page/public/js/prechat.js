// @ts-check
/**
 * The pre-chat form: who is asking (identity.js: signed in, the demo picker, or a visitor's
 * optional name and email), where they are, the topic, a short description, an optional order
 * number and an optional earlier reference. It shows whether live chat is open in the
 * customer's region; when it is closed (or closes while the form is open: 409 region_closed)
 * the same form becomes the email-ticket form, answers kept. A 401 means the desk refused the
 * identity token: the customer is asked how to go on (identity.js), never moved on silently.
 */
import { ApiError, api } from './api.js';
import { setFieldError, setText, showView, ui } from './dom.js';
import { formatWait, normaliseReference, referenceChecks, telHref } from './format.js';
import {
  focusIdentityChoice,
  identityMode,
  identityRefused,
  identitySettled,
  identityToken,
  knownRegionId,
  learnRegion,
  onIdentityChange,
  setUpIdentity,
} from './identity.js';
import { enterChat, leaveChat } from './live-chat.js';
import { state } from './state.js';
import { saveToken } from './storage.js';

/** @typedef {import('../../../../shared/protocol/customer').ChatConfig} ChatConfig */
/** @typedef {import('../../../../shared/protocol/customer').StartChatRequest} StartChatRequest */
/** @typedef {import('../../../../shared/protocol/customer').StartChatResponse} StartChatResponse */
/** @typedef {import('../../../../shared/protocol/customer').EmailTicketRequest} EmailTicketRequest */
/** @typedef {import('../../../../shared/protocol/customer').RegionInfo} RegionInfo */
/** @typedef {import('../../../../shared/domain').Category} Category */

/** A wait at least this long offers email, phone and the help articles before the chat starts. */
export const LONG_WAIT_SEC = 10 * 60;

/** The customer chose "Email us instead" over a long wait: the form sends an email ticket. */
let preferEmail = false;

/** Region ids that answered 409 region_closed although the config said open. */
/** @type {Set<string>} */
const closedNow = new Set();

/** @param {string | null | undefined} id */
function regionById(id) {
  return state.config?.regions.find((r) => r.id === id) ?? null;
}

/** True when the form asks where the customer is: visitors, and signed-in customers the page can't place. */
function regionAsked() {
  const mode = identityMode();
  return mode === 'visitor' || (mode === 'signed-in' && !knownRegionId());
}

/** The region the form is for: the signed-in customer's, or the one the customer picked. */
function currentRegion() {
  const mode = identityMode();
  if (mode === 'signed-in' && knownRegionId()) return regionById(knownRegionId());
  return regionAsked() ? regionById(ui.region.value) : null;
}

/** @param {RegionInfo} region */
function isRegionOpen(region) {
  return region.open && !closedNow.has(region.id);
}

function emailMode() {
  const region = currentRegion();
  return region ? !isRegionOpen(region) || (preferEmail && isLongWait(region)) : false;
}

/** An estimate past an hour is no promise: it says so. @param {number} sec */
function longWaitText(sec) {
  return sec >= 3600 ? 'more than an hour' : formatWait(sec);
}

/** The expected wait ends after live chat closes today (the region's calendar). @param {RegionInfo} region */
function waitOutlastsHours(region) {
  return region.closesAt !== null && Date.now() + (region.expectedWaitSec ?? 0) * 1000 > Date.parse(region.closesAt);
}

/** @param {RegionInfo} region */
function isLongWait(region) {
  return isRegionOpen(region) && ((region.expectedWaitSec ?? 0) >= LONG_WAIT_SEC || waitOutlastsHours(region));
}

/** Shows whether live chat is open for the chosen region and switches to the email form if not. */
function updateRegionUi() {
  ui.regionField.hidden = !regionAsked();
  const region = currentRegion();
  const longWait = region ? isLongWait(region) : false;
  // Closed, or the customer would rather email than wait: the same form sends an email ticket.
  const closed = region ? !isRegionOpen(region) || (preferEmail && longWait) : false;
  ui.busyBox.hidden = !longWait;
  if (region && longWait) {
    const wait = longWaitText(region.expectedWaitSec ?? 0);
    ui.busyText.textContent = preferEmail
      ? `You chose email over a wait of ${wait} in ${region.name}.`
      : waitOutlastsHours(region)
        ? `Chats in ${region.name} wait ${wait} right now, and live chat closes ${region.closesText ? `at ${region.closesText}` : 'soon'}: your turn may not come today. You can still try, or reach us another way.`
        : `Chats in ${region.name} wait ${wait} right now. You can start the chat and keep this page open, or reach us another way.`;
    ui.busyEmail.textContent = preferEmail ? 'Chat instead' : 'Email us instead';
    ui.busyPhoneItem.hidden = !region.phone;
    if (region.phone) {
      ui.busyPhone.textContent = region.phone;
      ui.busyPhone.href = telHref(region.phone);
    }
  }
  // A visitor's email is what the email ticket is answered to: asked for only then.
  ui.emailOptional.hidden = closed;
  ui.emailHint.hidden = !closed;
  ui.regionStatus.hidden = !region || !isRegionOpen(region);
  if (region && isRegionOpen(region)) {
    ui.regionDot.classList.remove('closed');
    const until = region.closesText ? ` until ${region.closesText}` : '';
    ui.regionStatusText.textContent = `Live chat is open in ${region.name}${until} · ${region.hoursText}${region.todayText ? ` · ${region.todayText}` : ''}`;
  }
  const shut = region ? !isRegionOpen(region) : false;
  if (ui.closedBox.hidden && shut) ui.closedTitle.textContent = 'Live chat is closed right now';
  ui.closedBox.hidden = !shut;
  if (region && shut) {
    let text = `Our team in ${region.name} chats ${region.hoursText}.`;
    if (region.todayText) text += ` ${region.todayText}.`;
    // In the region's zone, named ("Mon 08:00 AEDT"): the customer may be elsewhere.
    if (region.nextOpenText) text += ` Live chat opens again ${region.nextOpenText}.`;
    ui.closedText.textContent = text;
    ui.closedPhoneItem.hidden = !region.phone;
    if (region.phone) {
      ui.closedPhone.textContent = region.phone;
      ui.closedPhone.href = telHref(region.phone);
    }
  }
  ui.followupFields.hidden = closed;
  // Only the signed-in owner of a case continues it; anyone else gets a new case linked to it.
  ui.referenceHint.textContent =
    identityMode() === 'signed-in'
      ? "We'll continue that case, with its history."
      : "We'll start a new case linked to it. Its earlier messages appear only when you're signed in.";
  ui.prechatTitle.textContent = closed ? 'Email us' : 'Chat with us';
  ui.prechatIntro.textContent = closed
    ? shut
      ? 'Live chat is closed in your region right now, but you can still reach us by email.'
      : 'Tell us your question and we answer by email within 1–2 business days.'
    : 'Tell us a little about your question so we can connect you with the right person.';
  ui.prechatSubmit.textContent = closed ? 'Send by email' : 'Start chat';
  document.title = closed ? 'Email us · Customer support' : 'Chat with us · Customer support';
}

/** Fills the form's choices from the config. @param {ChatConfig} config */
export async function setUpPrechat(config) {
  ui.category.replaceChildren(ui.category.options[0] ?? new Option('Choose a topic…', ''));
  for (const c of config.categories) ui.category.add(new Option(c.label, c.id));
  // The server's MAX_DESCRIPTION_LENGTH; the description becomes the first message too.
  ui.description.maxLength = Math.min(2000, config.limits.maxMessageLength);
  ui.descriptionHint.textContent = 'A sentence or two is enough.';

  ui.region.replaceChildren();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const r of config.regions) ui.region.add(new Option(r.name, r.id, false, r.timeZone === zone));
  await setUpIdentity(config, regionById);
  updateRegionUi();
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
  const email = emailMode();

  const mode = identityMode();
  if (mode === 'refused') {
    // The customer has to say how to go on first (the notice at the top of the form).
    focusIdentityChoice();
    return null;
  }
  if (mode === 'picker') {
    checks.push([ui.demoIdentity, 'Pick a demo customer, or continue as a visitor.']);
  } else if (mode === 'signed-in') {
    const token = identityToken();
    if (token) body.identityToken = token;
  } else {
    const name = ui.name.value.trim();
    const address = ui.email.value.trim();
    const valid = ui.email.validity.valid && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
    checks.push([ui.email, !address ? (email ? 'Tell us your email address so we can answer you.' : null) : valid ? null : "That email address doesn't look right."]);
    if (name) body.name = name;
    if (address) body.email = address;
  }
  if (regionAsked() && ui.region.value) body.regionId = ui.region.value;

  const category = ui.category.value;
  checks.push([ui.category, category ? null : 'Choose what your question is about.']);
  body.category = /** @type {Category} */ (category);

  const description = ui.description.value.trim();
  checks.push([ui.description, description ? null : "Tell us briefly what's going on."]);
  body.description = description;

  const order = ui.orderNumber.value.trim();
  checks.push([ui.orderNumber, /^[A-Za-z0-9-]*$/.test(order) ? null : 'Use letters, digits and dashes only.']);
  if (order) body.orderNumber = order;

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
  // A demo sign-in still on its way decides who is asking.
  await identitySettled();
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
    if (e instanceof ApiError && e.status === 401 && body.identityToken) {
      identityRefused(e.message);
      return;
    }
    if (e instanceof ApiError && e.code === 'region_closed') {
      const named = regionIdOf(e.details);
      if (named) learnRegion(named);
      const region = regionById(named) ?? currentRegion();
      if (region) closedNow.add(region.id);
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

/** The region a 409 region_closed names (`details.regionId`), if any. @param {unknown} details */
function regionIdOf(details) {
  const id = details && typeof details === 'object' ? /** @type {{ regionId?: unknown }} */ (details).regionId : undefined;
  return typeof id === 'string' ? id : null;
}

/** @param {string} reference */
function showEmailSent(reference) {
  const region = currentRegion();
  ui.emailReference.textContent = reference;
  ui.emailPhoneItem.hidden = !region?.phone;
  if (region?.phone) {
    ui.emailPhone.textContent = region.phone;
    ui.emailPhone.href = telHref(region.phone);
  }
  showView('emailSent');
  document.title = 'Question sent · Customer support';
  ui.emailSentTitle.setAttribute('tabindex', '-1');
  ui.emailSentTitle.focus();
}

/** Leaves any chat and shows the pre-chat form for a new question (who and where are kept). */
export async function showPrechat() {
  leaveChat();
  ui.description.value = '';
  ui.hasReference.checked = false;
  ui.referenceField.hidden = true;
  ui.reference.value = '';
  ui.csatForm.reset();
  setText(ui.prechatError, null);
  showView('prechat');
  updateRegionUi();
}

export function wirePrechat() {
  ui.form.addEventListener('submit', (e) => void onPrechatSubmit(e));
  onIdentityChange(() => {
    setText(ui.prechatError, null);
    for (const field of [ui.name, ui.email]) setFieldError(field, null);
    updateRegionUi();
  });
  ui.region.addEventListener('change', () => updateRegionUi());
  ui.busyEmail.addEventListener('click', () => {
    preferEmail = !preferEmail;
    updateRegionUi();
    // The form changed under the customer: the first field it now asks for.
    ui.busyEmail.focus();
  });
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
}
