// @ts-check
/**
 * The end of a chat: ending it (after the confirm dialog), the CSAT rating and the transcript
 * download. The ended panel itself is drawn from the chat state (live-chat.js applyChat).
 */
import { api, errorText } from './api.js';
import { setText, ui } from './dom.js';
import { applyChat } from './live-chat.js';
import { state } from './state.js';

/** @typedef {import('../../../../shared/protocol/customer').ChatState} ChatState */

async function endChat() {
  ui.endChat.disabled = true;
  try {
    const res = /** @type {{ chat: ChatState }} */ (await api('POST', '/api/chat/end', { auth: true }));
    applyChat(res.chat);
  } catch (e) {
    setText(ui.composerError, errorText(e, "We couldn't end the chat. Please try again."));
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
    setText(ui.csatError, errorText(e, "We couldn't send your rating. Please try again."));
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
    setText(ui.csatError, errorText(e, "We couldn't download the transcript. Please try again."));
  } finally {
    ui.transcript.disabled = false;
  }
}

export function wireEnding() {
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
}
