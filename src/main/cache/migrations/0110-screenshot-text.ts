import type { Database } from 'better-sqlite3';

/**
 * Screenshots' text searchable (the server reads screenshots: AttachmentRow.ocrText, card numbers
 * masked). `attachment_texts` holds the text of each attachment that has any, with an integer key
 * for its FTS5 index (external content, written by the attachments table module in the page's
 * transaction, as messages_fts is; see 0020). `attachments` itself keys on its text id and its
 * rowid may change on VACUUM, so it cannot be an FTS table's content.
 * Attachments cached before this migration carry no text in their row_json: nothing to index.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE attachment_texts (
      pk INTEGER PRIMARY KEY,
      attachment_id TEXT NOT NULL UNIQUE,
      ocr_text TEXT NOT NULL
    ) STRICT;
    CREATE VIRTUAL TABLE attachment_texts_fts USING fts5(
      ocr_text,
      content = 'attachment_texts',
      content_rowid = 'pk',
      tokenize = 'unicode61 remove_diacritics 2'
    );
  `);
}
