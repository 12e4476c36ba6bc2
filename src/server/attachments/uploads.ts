/** An uploaded screenshot: checked by content, cleaned of metadata, stored content-addressed, recorded. */
import { maskCardNumbers } from '../../shared/card-mask';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { AsyncWriteTx } from '../storage/async-store';
import type { Agent } from '../storage/tables/agents';
import type { AttachmentDbRow } from '../storage/tables/attachments';
import type { TicketDbRow } from '../storage/tables/tickets';
import { newId } from '../util/ids';
import { redactCards } from '../assist/ocr/redact';
import { OcrUnavailableError, type OcrScanner } from '../assist/ocr/scanner';
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
  /** The text read in the screenshot, card numbers masked. */
  ocrText: string;
  /** Card numbers blurred in `image` before it was stored. */
  cardsHidden: number;
}

/** The scanner could not vouch for the image: nothing is stored, the sender can try again. */
export const SCAN_FAILED_MESSAGE = 'We could not check this screenshot for card numbers; please try again.';

export function createUploads(deps: Deps, files: FileStore, scanner: OcrScanner) {
  /**
   * Checks an upload by its content (type sniffing, size and pixel limits, re-encoding without
   * metadata), reads it and blurs every card number in it (assist/ocr), and only then stores
   * it: the unredacted bytes never reach the file store. Throws an ImageRejectedError a person
   * can act on, or a 503 when the screenshot could not be read (fail closed: nothing stored).
   * Runs before any transaction: only the row insert holds the writer.
   */
  async function prepare(data: Buffer, filename: string): Promise<PreparedUpload> {
    const cleaned = await checkAndCleanImage(data);
    let redacted;
    try {
      redacted = await redactCards(cleaned, scanner);
    } catch (err) {
      deps.log.warn({ err, reason: err instanceof OcrUnavailableError ? err.reason : 'failed' }, 'screenshot not read; upload refused');
      throw new DeskError('unavailable', SCAN_FAILED_MESSAGE);
    }
    const { image, ocrText, cardsHidden } = redacted;
    files.put(image.sha256, image.data);
    return { image, filename, ocrText, cardsHidden };
  }

  /** Records a prepared upload on a case inside the caller's transaction. */
  async function record(tx: AsyncWriteTx, t: TicketDbRow, uploader: { kind: 'customer' | 'agent'; id: string }, upload: PreparedUpload): Promise<AttachmentDbRow> {
    const { image, filename, ocrText, cardsHidden } = upload;
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
      ocr_text: ocrText,
      cards_hidden: cardsHidden,
    });
    await tx.audit({ actorKind: uploader.kind, actorId: uploader.id, action: 'attachment.upload', outcome: 'ok', ticketId: t.id, details: { bytes: image.bytes, attachmentId: row.id, cardsHidden } });
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
