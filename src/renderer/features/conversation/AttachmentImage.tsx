/** An image attachment, fetched through the typed API and shown from a blob: URL. */
import { useEffect, useState } from 'react';
import { useConversation, useStores } from '../../app/hooks';
import { Icon } from '../../ui/Icon';

export function AttachmentImage({ attachmentId }: { attachmentId: string }) {
  const { api } = useStores();
  const meta = useConversation((s) => s.detail?.attachments.find((a) => a.id === attachmentId) ?? null);
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    void api.invoke('attachments:get', { attachmentId }).then((r) => {
      if (!live) return;
      if (!r.ok) return setFailed(r.error.message);
      const bytes = Uint8Array.from(atob(r.value.dataBase64), (c) => c.charCodeAt(0));
      url = URL.createObjectURL(new Blob([bytes], { type: r.value.mime }));
      setSrc(url);
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, attachmentId]);

  // The box keeps the image's proportions before it arrives, so the thread does not jump.
  const width = Math.min(240, meta?.width ?? 240);
  const height = meta ? Math.round((width / Math.max(1, meta.width)) * meta.height) : 160;
  if (failed) {
    return (
      <span className="attachment attachment--failed" title={failed}>
        <Icon name="image" size={14} /> Image not available offline
      </span>
    );
  }
  return src ? (
    <img className="attachment" src={src} alt={meta?.filename ?? 'Image from the chat'} width={width} height={height} />
  ) : (
    <span className="attachment attachment--loading" style={{ width, height }} aria-label="Loading image" />
  );
}
