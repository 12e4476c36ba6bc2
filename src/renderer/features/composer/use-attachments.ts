/**
 * Images pasted or dropped into the composer: each is uploaded at once (`attachments:upload`)
 * and sent with the next reply by id. Per chat; a chat switch starts empty (the uploaded files
 * stay on the server unattached, like a customer's abandoned upload).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskApi } from '../../../shared/api/contract';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
type ImageType = (typeof IMAGE_TYPES)[number];
/** What fits the contract's base64 limit (12 MB of base64 ≈ 9 MB of file), with room to spare. */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export interface PendingAttachment {
  key: string;
  filename: string;
  bytes: number;
  status: 'uploading' | 'ready' | 'failed';
  attachmentId: string | null;
  error: string | null;
  /** An object URL for the thumbnail. */
  previewUrl: string | null;
}

const isImage = (type: string): type is ImageType => (IMAGE_TYPES as readonly string[]).includes(type);

async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const objectUrl = (file: Blob): string | null => {
  try {
    return URL.createObjectURL(file);
  } catch {
    return null;
  }
};

/** The image files among a paste's or drop's items. */
export function imageFiles(list: FileList | readonly File[] | null | undefined): { images: File[]; refused: number } {
  const files = list ? Array.from(list) : [];
  const images = files.filter((f) => isImage(f.type));
  return { images, refused: files.length - images.length };
}

export function useAttachments(api: DeskApi, ticketId: string) {
  const [items, setItems] = useState<PendingAttachment[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const seq = useRef(0);
  const current = useRef(ticketId);

  const revokeAll = (list: PendingAttachment[]) => list.forEach((a) => a.previewUrl && URL.revokeObjectURL(a.previewUrl));

  useEffect(() => {
    current.current = ticketId;
    setItems((old) => {
      revokeAll(old);
      return [];
    });
    setNotice(null);
  }, [ticketId]);

  const patch = (key: string, p: Partial<PendingAttachment>) => setItems((list) => list.map((a) => (a.key === key ? { ...a, ...p } : a)));

  const add = useCallback(
    (files: readonly File[], refused = 0) => {
      const room = MAX_ATTACHMENTS - items.length;
      const accepted = files.slice(0, Math.max(0, room));
      const notes: string[] = [];
      if (refused > 0) notes.push('Only PNG, JPEG or WebP images can be sent.');
      if (files.length > accepted.length) notes.push(`At most ${MAX_ATTACHMENTS} images go with one reply.`);
      setNotice(notes.length ? notes.join(' ') : null);
      const forTicket = ticketId;
      for (const file of accepted) {
        const key = `a${++seq.current}`;
        const filename = file.name || `image.${file.type.split('/')[1] ?? 'png'}`;
        const tooBig = file.size > MAX_IMAGE_BYTES;
        const entry: PendingAttachment = {
          key,
          filename,
          bytes: file.size,
          status: tooBig ? 'failed' : 'uploading',
          attachmentId: null,
          error: tooBig ? 'Images up to 8 MB can be sent; crop or compress it.' : null,
          previewUrl: objectUrl(file),
        };
        setItems((list) => [...list, entry]);
        if (tooBig) continue;
        void (async () => {
          const r = await api.invoke('attachments:upload', { ticketId: forTicket, mime: file.type as ImageType, filename: filename.slice(0, 200), dataBase64: await toBase64(file) });
          if (current.current !== forTicket) return;
          if (r.ok) patch(key, { status: 'ready', attachmentId: r.value.id });
          else patch(key, { status: 'failed', error: r.error.message });
        })();
      }
    },
    [api, ticketId, items.length],
  );

  const remove = useCallback((key: string) => {
    setItems((list) => {
      const gone = list.find((a) => a.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((a) => a.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setItems((list) => {
      revokeAll(list);
      return [];
    });
    setNotice(null);
  }, []);

  return { items, notice, add, remove, clear, dismissNotice: () => setNotice(null) };
}
