import type { Database } from 'better-sqlite3';

/**
 * Local search (FTS5): message bodies (external content over messages, so the text is stored
 * once), ticket references (also without the dash, so "ABCD1234" finds "ABCD-1234") and
 * customers' names and e-mails.
 *
 * The table modules write these indexes themselves, in the transaction that changes the rows,
 * not through triggers: a trigger runs its FTS write inside a statement savepoint, and FTS5
 * flushes its pending terms at every savepoint, which made a 500-row page five times slower.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE messages_fts USING fts5(
      body,
      content = 'messages',
      content_rowid = 'pk',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

    CREATE VIRTUAL TABLE tickets_fts USING fts5(reference, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO tickets_fts (rowid, reference) SELECT pk, reference || ' ' || replace(reference, '-', '') FROM tickets;

    CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO customers_fts (rowid, name, email) SELECT pk, name, email FROM customers;
  `);
}
