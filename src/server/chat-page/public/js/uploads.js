// @ts-check
/**
 * Screenshots: by the attach button, by pasting, or by dropping them on the chat. Each one is
 * checked here first (type, size), uploaded, and sent as its own message; every refusal says
 * plainly what was wrong and what to do.
 */
import { ApiError, api } from './api.js';
import { setText, ui } from './dom.js';
import { formatBytes, headerSafeFilename } from './format.js';
import { chatIsLive, isEnded, sendMessage, sessionLost, stopTyping } from './live-chat.js';
import { state } from './state.js';

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const NOT_AN_IMAGE = "That file isn't a PNG, JPEG or WebP image.";

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

function wireDragAndDrop() {
  let depth = 0;
  const chat = ui.views.chat;
  chat.addEventListener('dragenter', (e) => {
    if (!hasFiles(e.dataTransfer) || !chatIsLive()) return;
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
    if (!hasFiles(e.dataTransfer) || !chatIsLive()) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  chat.addEventListener('drop', (e) => {
    depth = 0;
    ui.dropOverlay.hidden = true;
    if (!hasFiles(e.dataTransfer) || !chatIsLive()) return;
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
}

export function wireUploads() {
  ui.attach.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    uploadFiles([...(ui.fileInput.files ?? [])]);
    ui.fileInput.value = '';
  });
  wireDragAndDrop();
  document.addEventListener('paste', (e) => {
    if (!chatIsLive()) return;
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    uploadFiles(files);
  });
}
