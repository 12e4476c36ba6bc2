/**
 * Copy the open chat's reference (the `.` key, the header's reference button, the palette).
 * The async Clipboard API works in Electron's sandboxed renderer (main grants
 * `clipboard-sanitized-write`, src/main/security/permissions.ts) and in the browser host, whose
 * page on http://127.0.0.1 is a secure context. Where it is missing or refused (an unfocused
 * document, an old engine), a hidden text area and `execCommand('copy')` try once more; if that
 * fails too, the agent is told the reference to copy by hand.
 */
import type { Stores } from '../../app/stores';

export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return true;
    } catch {
      // refused (document not focused, permission denied): try the old way
    }
  }
  return copyWithSelection(text, doc);
}

function copyWithSelection(text: string, doc: Document): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  const before = doc.activeElement instanceof HTMLElement ? doc.activeElement : null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.className = 'visually-hidden';
  area.setAttribute('aria-hidden', 'true');
  doc.body.append(area);
  // The copy takes the focused selection: the text area's, for a moment.
  area.focus({ preventScroll: true });
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  before?.focus({ preventScroll: true });
  return ok;
}

/** Why the reference can't be copied now, or null. */
export const copyReferenceBlock = (s: Stores): string | null => (s.conversation.getState().detail ? null : 'Open a chat first');

/** Copies a case reference and says how it went in the console's live region. */
export async function copyReferenceOf(s: Stores, reference: string): Promise<boolean> {
  const ok = await copyText(reference);
  s.ui.getState().announce(ok ? `Copied ${reference} to the clipboard.` : `Couldn’t reach the clipboard. The reference is ${reference}.`);
  return ok;
}

/** Copies the open chat's reference (the `.` key); says so politely when no chat is open. */
export async function copyReference(s: Stores): Promise<boolean> {
  const ticket = s.conversation.getState().detail?.ticket;
  if (!ticket) {
    s.ui.getState().announce('Can’t copy a reference: open a chat first.');
    return false;
  }
  return copyReferenceOf(s, ticket.reference);
}
