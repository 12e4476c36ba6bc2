/**
 * An image attachment in the thread: a thumbnail button (keyboard focusable, named by the file
 * name) that opens the image viewer. Its box is sized from the attachment's dimensions before the
 * bytes arrive, so the thread does not jump. The bytes come through the typed API (from the cache,
 * so cached images show offline) and are shown from a blob: URL. Under it, what the desk read in
 * the screenshot and whether a card number was hidden (ScreenshotText), outside the button so the
 * text can be selected.
 */
import { useConversation, useStores } from '../../app/hooks';
import { Icon } from '../../ui/Icon';
import { useOpenImageViewer } from '../viewer/ImageViewerProvider';
import { useAttachmentUrl } from '../viewer/load-attachment';
import { hasRedactedName } from '../viewer/redaction';
import { ScreenshotText } from '../viewer/ScreenshotText';
import { chatOf } from './conversation-store';
import { useThreadTicket } from './thread-ticket';

/** Thumbnails fit in 240 × 240, never enlarged. */
export const THUMB_MAX = 240;

export function thumbnailSize(meta: { width: number; height: number } | null): { width: number; height: number } {
  if (!meta || meta.width <= 0 || meta.height <= 0) return { width: THUMB_MAX, height: 160 };
  const scale = Math.min(1, THUMB_MAX / meta.width, THUMB_MAX / meta.height);
  return { width: Math.max(24, Math.round(meta.width * scale)), height: Math.max(24, Math.round(meta.height * scale)) };
}

export function AttachmentImage({ attachmentId, onNote = false }: { attachmentId: string; onNote?: boolean }) {
  const { api } = useStores();
  // The detail of the thread's own chat (a hidden tab's thread stays mounted), else the open chat's.
  const threadTicket = useThreadTicket();
  const meta = useConversation((s) => (threadTicket ? chatOf(s, threadTicket) : s)?.detail?.attachments.find((a) => a.id === attachmentId) ?? null);
  const openViewer = useOpenImageViewer();
  const view = useAttachmentUrl(api, attachmentId);
  const { width, height } = thumbnailSize(meta);
  const name = meta?.filename ?? 'Image from the chat';
  const redacted = onNote && meta !== null && hasRedactedName(meta.filename);

  const content =
    view.status === 'ready' ? (
      <img className="attachment__img" src={view.url} alt={name} width={width} height={height} draggable={false} />
    ) : view.status === 'failed' ? (
      <span className="attachment__failed">
        <Icon name={view.error.code === 'offline' ? 'offline' : 'image'} size={16} />
        <span>{name}</span>
        <span className="attachment__failed-why">{view.error.code === 'offline' ? 'Not available offline' : 'Could not be loaded'}</span>
      </span>
    ) : (
      <span className="attachment__loading" role="img" aria-label={`${name} (loading)`} />
    );

  const text = meta ? <ScreenshotText attachment={meta} variant="thread" /> : null;
  if (!openViewer) {
    return (
      <div className="attachment-figure" style={{ width }}>
        <span className="attachment" style={{ width, height }}>
          {content}
        </span>
        {text}
      </div>
    );
  }
  return (
    <div className="attachment-figure" style={{ width }}>
      <button
        type="button"
        className="attachment attachment--button"
        style={{ width, height }}
        data-attachment-id={attachmentId}
        onClick={(e) => openViewer(attachmentId, e.currentTarget)}
        title={`${name} — open in the image viewer`}
      >
        {content}
        {redacted && (
          <span className="attachment__chip">
            <Icon name="shield" size={12} />
            Redacted
          </span>
        )}
      </button>
      {text}
    </div>
  );
}
