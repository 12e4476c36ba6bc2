/** The images of a conversation, in thread order, and how the viewer describes one. */
import type { LocalMessage } from '../../../shared/api/contract';
import type { AttachmentRow } from '../../../shared/domain';
import { formatTime } from '../../lib/time';
import { hasRedactedName } from './redaction';

export interface ViewerItem {
  attachment: AttachmentRow;
  /** On an internal note (only agents write those). */
  onNote: boolean;
  /** A redacted copy: named so and on an internal note, so a customer cannot pass one off. */
  redacted: boolean;
}

/**
 * Every image of the conversation: those of messages not loaded yet (older pages) first, by
 * time, then those of the loaded messages in thread order. An upload no message links is left out.
 */
export function viewerItems(attachments: readonly AttachmentRow[], messages: readonly LocalMessage[]): ViewerItem[] {
  const byId = new Map(attachments.map((a) => [a.id, a]));
  const seen = new Set<string>();
  const fromThread: ViewerItem[] = [];
  for (const m of messages) {
    for (const id of m.attachmentIds) {
      const a = byId.get(id);
      if (!a || seen.has(id)) continue;
      seen.add(id);
      const onNote = m.authorKind === 'note';
      fromThread.push({ attachment: a, onNote, redacted: onNote && hasRedactedName(a.filename) });
    }
  }
  const loadedIds = new Set(messages.map((m) => m.id));
  const older = attachments
    .filter((a) => !seen.has(a.id) && a.messageId !== null && !loadedIds.has(a.messageId))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .map((a) => ({ attachment: a, onNote: false, redacted: false }));
  return [...older, ...fromThread];
}

/** "84 KB", "1.2 MB", "512 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "12:41 · 390×844 · 84 KB". */
export function caption(a: AttachmentRow, now = new Date()): string {
  return [formatTime(a.createdAt, now), `${a.width}×${a.height}`, formatBytes(a.bytes)].filter(Boolean).join(' · ');
}

/** A file name safe to save under: no path, no control or reserved characters, the right extension. */
export function downloadName(a: Pick<AttachmentRow, 'filename' | 'mime'>): string {
  const ext = a.mime === 'image/png' ? 'png' : a.mime === 'image/jpeg' ? 'jpg' : 'webp';
  const base =
    (a.filename.split(/[/\\]/).pop() ?? '')
      .replace(/\.[^.]*$/, '')
      .replace(/[\p{Cc}\p{Cf}<>:"/\\|?*]/gu, '')
      .replace(/^[\s.]+|[\s.]+$/g, '')
      .slice(0, 80) || 'image';
  return `${base}.${ext}`;
}
