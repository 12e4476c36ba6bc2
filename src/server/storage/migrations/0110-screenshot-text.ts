import type { Database } from 'better-sqlite3';

/**
 * What the desk read in a screenshot (assist/ocr): `ocr_text`, the text OCR found, card numbers
 * masked (searchable on the desktop); `cards_hidden`, how many card numbers were blurred in the
 * stored image before it was stored. Screenshots stored before this migration were never read:
 * empty text, none hidden.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE attachments ADD COLUMN ocr_text TEXT NOT NULL DEFAULT '';
    ALTER TABLE attachments ADD COLUMN cards_hidden INTEGER NOT NULL DEFAULT 0 CHECK (cards_hidden >= 0);
  `);
}
