/** An uploaded screenshot: checked by content, cleaned of metadata, stored content-addressed, recorded. */
import { maskCardNumbers } from '../../shared/card-mask';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { AsyncWriteTx } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { AttachmentDbRow } from '../storage/tables/attachments';
import type { TicketDbRow } from '../storage/tables/tickets';
import { newId } from '../util/ids';
import type { FileStore } from './file-store';
import { checkAndCleanImage, type CheckedImage } from './image';

/**
 * A file name fit to store and show: card numbers masked, then only letters, digits, space, `_`
 * and `-`, then masked again (dropping characters can join the groups of a card that the first
 * pass did not take for one, e.g. `4111,1111,1111,1111`).
 */
export function safeFilename(name: string, mime: string): string {
  const ext = mime === 'image/png' ? 'png' : mime === 'image/jpeg' ? 'jpg' : 'webp';
  const cleaned = maskCardNumbers(name)
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9 _-]/g, '')
    .trim();
  const base =
    maskCardNumbers(cleaned)
      .replace(/[^A-Za-z0-9 _-]/g, '')
      .replace(/ {2,}/g, ' ')
      .trim()
      .slice(0, 60) || 'screenshot';
  return `${base}.${ext}`;
}

export interface PreparedUpload {
  image: CheckedImage;
  filename: string;
}

export function createUploads(deps: Deps, files: FileStore) {
  /**
   * Checks an upload by its content (type sniffing, size and pixel limits, re-encoding without
   * metadata) and stores the clean bytes; throws an ImageRejectedError a person can act on.
   * Runs before any transaction: only the row insert holds the writer.
   */
  async function prepare(data: Buffer, filename: string): Promise<PreparedUpload> {
    const image = await checkAndCleanImage(data);
    files.put(image.sha256, image.data);
    return { image, filename };
  }

  /** Records a prepared upload on a case inside the caller's transaction. */
  async function record(tx: AsyncWriteTx, t: TicketDbRow, uploader: { kind: 'customer' | 'agent'; id: string }, upload: PreparedUpload): Promise<AttachmentDbRow> {
    const { image, filename } = upload;
    const row = await tx.attachments.insert({
      id: newId(),
      ticket_id: t.id,
      message_id: null,
      uploader_kind: uploader.kind,
      uploader_id: uploader.id,
      sha256: image.sha256,
      mime: image.mime,
      bytes: image.bytes,
      width: image.width,
      height: image.height,
      filename: safeFilename(filename, image.mime),
      created_at: tx.now,
    });
    await tx.audit({ actorKind: uploader.kind, actorId: uploader.id, action: 'attachment.upload', outcome: 'ok', ticketId: t.id, details: { bytes: image.bytes, attachmentId: row.id } });
    return row;
  }

  async function store(t: TicketDbRow, uploader: { kind: 'customer' | 'agent'; id: string }, data: Buffer, filename: string): Promise<AttachmentDbRow> {
    if (t.status === 'closed') throw new DeskError('conflict', 'This case is closed; start a new chat to send screenshots.');
    const prepared = await prepare(data, filename);
    return deps.storage.write((tx) => record(tx, t, uploader, prepared));
  }
  return {
    prepare,
    record,
    forCustomer: (t: TicketDbRow, data: Buffer, filename: string) => store(t, { kind: 'customer', id: t.customer_id }, data, filename),
    uploadForAgent: (agent: Agent, t: TicketDbRow, data: Buffer, filename: string) => store(t, { kind: 'agent', id: agent.id }, data, filename),
  };
}
export type Uploads = ReturnType<typeof createUploads>;
