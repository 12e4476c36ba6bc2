/**
 * Builders for the cache's tests and benchmarks: wire rows with sensible defaults, changes,
 * and a cache on a real SQLite file in a temp folder. Not imported by production code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AttachmentRow, CustomerRow, MessageRow, TicketRow } from '../../shared/domain';
import type { Change } from '../../shared/protocol/sync';
import { createCache, type Cache } from './cache';
import { openCache } from './db';

export function tempDir(prefix = 'agent-desk-cache-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestCache {
  cache: Cache;
  dir: string;
  file: string;
  /** Moves the cache's clock. */
  setNow(d: Date): void;
  reopen(): Cache;
  cleanup(): void;
}

export function openTestCache(now = new Date('2025-06-02T12:00:00.000Z')): TestCache {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'cache', 'agent.sqlite');
  let clock = now;
  const make = () => createCache(openCache(file), path.join(dir, 'cache', 'files'), () => clock);
  const t: TestCache = {
    cache: make(),
    dir,
    file,
    setNow: (d) => void (clock = d),
    reopen() {
      t.cache.close();
      t.cache = make();
      return t.cache;
    },
    cleanup() {
      t.cache.close();
      cleanup();
    },
  };
  return t;
}

export const ticketRow = (over: Partial<TicketRow> & { id: string }): TicketRow => ({
  reference: `REF${over.id.toUpperCase().slice(0, 1)}-${over.id.toUpperCase().padEnd(4, 'X').slice(0, 4)}`,
  customerId: 'cus-1',
  channel: 'chat',
  category: 'payment_delay',
  status: 'open',
  priority: 'normal',
  tier: 1,
  regionId: 'eu',
  assigneeId: 'agent-1',
  subject: 'Help',
  orderNumber: null,
  createdAt: '2025-06-01T09:00:00.000Z',
  offeredAt: null,
  acceptedAt: null,
  firstResponseAt: null,
  resolvedAt: null,
  lastMessageAt: null,
  csat: null,
  isComplaint: false,
  complaintDueAt: null,
  linkedTicketId: null,
  waitingSince: null,
  replyDueAt: null,
  version: 1,
  ...over,
});

export const messageRow = (over: Partial<MessageRow> & { id: string; ticketId: string }): MessageRow => ({
  authorKind: 'customer',
  authorId: null,
  authorName: 'Jane Doe',
  body: 'Hello',
  clientMsgId: null,
  attachmentIds: [],
  createdAt: '2025-06-01T10:00:00.000Z',
  version: 1,
  ...over,
});

export const customerRow = (over: Partial<CustomerRow> & { id: string }): CustomerRow => ({
  name: 'Jane Doe',
  email: 'jane@example.com',
  phone: '+44 20 0000 0000',
  locale: 'en-GB',
  timeZone: 'Europe/London',
  regionId: 'eu',
  country: 'GB',
  currency: 'GBP',
  device: null,
  riskFlags: [],
  identity: 'verified',
  createdAt: '2024-01-01T00:00:00.000Z',
  version: 1,
  ...over,
});

export const attachmentRow = (over: Partial<AttachmentRow> & { id: string; ticketId: string; sha256: string }): AttachmentRow => ({
  messageId: null,
  mime: 'image/png',
  bytes: 10,
  width: 1,
  height: 1,
  filename: 'screenshot.png',
  createdAt: '2025-06-01T10:00:00.000Z',
  version: 1,
  ocrText: '',
  cardsHidden: 0,
  ...over,
});

let seq = 0;
export const up = {
  ticket: (row: TicketRow): Change => ({ entity: 'ticket', op: 'upsert', id: row.id, seq: ++seq, row }),
  message: (row: MessageRow): Change => ({ entity: 'message', op: 'upsert', id: row.id, seq: ++seq, row }),
  customer: (row: CustomerRow): Change => ({ entity: 'customer', op: 'upsert', id: row.id, seq: ++seq, row }),
  attachment: (row: AttachmentRow): Change => ({ entity: 'attachment', op: 'upsert', id: row.id, seq: ++seq, row }),
};
export const del = (entity: Change['entity'], id: string): Change => ({ entity, op: 'delete', id, seq: ++seq });

/** Applies changes with a cursor that counts pages. */
export function apply(cache: Cache, changes: Change[], epoch = 'epoch-1') {
  const cursor = String(Number(cache.state.get().cursor || '0') + 1);
  return cache.applyPage(changes, { cursor, epoch });
}

/** Throws when a search index disagrees with its rows (FTS5 integrity-check). */
export function checkSearchIndexes(cache: Cache): void {
  cache.db.exec(`
    INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1);
    INSERT INTO tickets_fts (tickets_fts) VALUES ('integrity-check');
    INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check');
    INSERT INTO attachment_texts_fts (attachment_texts_fts, rank) VALUES ('integrity-check', 1);
  `);
}
