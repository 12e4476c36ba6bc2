/**
 * Opens the image viewer for the open chat: thumbnails call `useOpenImageViewer()` with their
 * attachment id and themselves (focus goes back there on close). The list of images is the
 * conversation's, from the conversation store; the viewer closes when the chat changes.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LocalMessage } from '../../../shared/api/contract';
import type { AttachmentRow } from '../../../shared/domain';
import { useConversation, useKeymap, useStores, useSync } from '../../app/hooks';
import { chatOf } from '../conversation/conversation-store';
import { ImageViewer } from './ImageViewer';
import { viewerItems, type ViewerItem } from './viewer-items';

type OpenViewer = (attachmentId: string, invoker: HTMLElement) => void;
const OpenViewerContext = createContext<OpenViewer | null>(null);

/** The opener; null outside a provider (the thumbnail is then a plain image). */
export const useOpenImageViewer = (): OpenViewer | null => useContext(OpenViewerContext);

const NO_ATTACHMENTS: AttachmentRow[] = [];
const NO_MESSAGES: LocalMessage[] = [];

export function ImageViewerProvider({ ticketId, children }: { ticketId: string; children: ReactNode }) {
  const { api } = useStores();
  // This chat's, not the active one's: every open tab keeps its thread (and provider) mounted.
  const attachments = useConversation((s) => chatOf(s, ticketId)?.detail?.attachments ?? NO_ATTACHMENTS);
  const messages = useConversation((s) => chatOf(s, ticketId)?.messages ?? NO_MESSAGES);
  const online = useSync((s) => s.status?.connection === 'online');
  const keymap = useKeymap();
  const [open, setOpen] = useState<{ id: string; invoker: HTMLElement } | null>(null);

  useEffect(() => setOpen(null), [ticketId]);

  const items = useMemo((): ViewerItem[] => {
    if (!open) return [];
    const list = viewerItems(attachments, messages);
    if (list.some((i) => i.attachment.id === open.id)) return list;
    // Its row has not reached the detail yet: the viewer learns the size from the file.
    const now = new Date().toISOString();
    const stub: AttachmentRow = { id: open.id, ticketId, messageId: null, sha256: '', mime: 'image/png', bytes: 0, width: 0, height: 0, filename: 'Image', createdAt: now, version: 0, ocrText: '', cardsHidden: 0 };
    return [...list, { attachment: stub, onNote: false, redacted: false }];
  }, [attachments, messages, open, ticketId]);

  const openViewer = useCallback<OpenViewer>((id, invoker) => setOpen({ id, invoker }), []);
  const close = useCallback(() => setOpen(null), []);
  const returnFocus = useCallback((): HTMLElement | null => {
    if (!open) return null;
    if (open.invoker.isConnected) return open.invoker;
    // The thread re-rendered the row (e.g. a queued message was confirmed): the same image's thumbnail.
    return [...document.querySelectorAll<HTMLElement>('[data-attachment-id]')].find((el) => el.dataset.attachmentId === open.id) ?? null;
  }, [open]);

  return (
    <OpenViewerContext.Provider value={openViewer}>
      {children}
      {open && <ImageViewer api={api} ticketId={ticketId} items={items} startId={open.id} online={online} onClose={close} returnFocus={returnFocus} keymap={keymap} />}
    </OpenViewerContext.Provider>
  );
}
