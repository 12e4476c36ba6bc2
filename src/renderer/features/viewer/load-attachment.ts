/**
 * Attachment bytes through the typed API (`attachments:get`: from the cache, or downloaded and
 * cached by main), held briefly in memory so a thumbnail and the viewer share one read.
 * Failures are not kept, so Retry asks again.
 */
import { useEffect, useState } from 'react';
import type { ApiError, DeskApi } from '../../../shared/api/contract';

export type Loaded = { ok: true; blob: Blob } | { ok: false; error: ApiError };

const KEEP = 24;
const recent = new Map<string, Promise<Loaded>>();

function decode(dataBase64: string, mime: string): Blob {
  const bin = atob(dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

export function loadAttachment(api: DeskApi, attachmentId: string): Promise<Loaded> {
  const known = recent.get(attachmentId);
  if (known) {
    recent.delete(attachmentId); // most recently used goes last
    recent.set(attachmentId, known);
    return known;
  }
  const p = api.invoke('attachments:get', { attachmentId }).then(
    (r): Loaded => (r.ok ? { ok: true, blob: decode(r.value.dataBase64, r.value.mime) } : { ok: false, error: r.error }),
    (err: unknown): Loaded => ({ ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } }),
  );
  recent.set(attachmentId, p);
  void p.then((r) => {
    if (!r.ok && recent.get(attachmentId) === p) recent.delete(attachmentId);
  });
  while (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return p;
}

/** For tests: forget what was loaded. */
export function forgetLoadedAttachments(): void {
  recent.clear();
}

export type AttachmentView = { status: 'loading' } | { status: 'ready'; url: string; blob: Blob } | { status: 'failed'; error: ApiError };

/** A blob: URL for an attachment, revoked when the component lets go of it. `attempt` retries. */
export function useAttachmentUrl(api: DeskApi, attachmentId: string | null, attempt = 0): AttachmentView {
  const [view, setView] = useState<AttachmentView>({ status: 'loading' });
  useEffect(() => {
    if (!attachmentId) return;
    let live = true;
    let url: string | null = null;
    setView({ status: 'loading' });
    void loadAttachment(api, attachmentId).then((r) => {
      if (!live) return;
      if (!r.ok) return setView({ status: 'failed', error: r.error });
      url = URL.createObjectURL(r.blob);
      setView({ status: 'ready', url, blob: r.blob });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, attachmentId, attempt]);
  return view;
}
