/**
 * The tickets repository on PostgreSQL (../../tables/tickets.ts): the same methods and rows.
 * - Text ordered and compared by byte (COLLATE "C", as SQLite's BINARY), NULLs first in an
 *   ascending order as SQLite puts them (PostgreSQL puts them last by default).
 * - `update` sets only the columns SQLite's module lets a patch set (`PATCHABLE`, below: the
 *   same list; others, e.g. linked_ticket_id, are ignored there too) and bumps the version; a
 *   patch key whose value is undefined sets NULL there, so here too.
 * - `averageHandleSec` computes SQLite's `(julianday(resolved) - julianday(accepted)) * 86400`
 *   with the same float arithmetic: julianday is an integer count of milliseconds since the
 *   Julian epoch divided by 86,400,000.0, so each row's value is the same double on both engines
 *   (e.g. 300.0000223517418 for five minutes, not 300). The average of those doubles can differ
 *   in its last bit (SQLite sums with Kahan-Babuska-Neumaier compensation, PostgreSQL plainly).
 * - `recordDecline` is `ON CONFLICT DO NOTHING` (SQLite's INSERT OR IGNORE).
 */
import { sql, type Kysely } from 'kysely';
import { mergeBoardQueues, mergeLoads, type BoardQueueRow, type ComplaintDbRow, type DueTicketRow, type FigureTicketRow, type TicketDbRow, type TicketPatch, type TicketReader, type TicketsTable, type ResolvedCaseRow, type AngryTicketRow } from '../../tables/tickets';
import type { AsyncTable } from '../../async-store';
import type { Database } from '../schema';

/** The columns SQLite's `update` sets from a patch (tables/tickets.ts PATCHABLE). */
const PATCHABLE: ReadonlySet<keyof TicketPatch> = new Set<keyof TicketPatch>([
  'customer_id', 'channel', 'category', 'status', 'priority', 'tier', 'region_id', 'assignee_id', 'subject',
  'order_number', 'queued_at', 'offered_at', 'accepted_at', 'first_response_at',
  'resolved_at', 'last_message_at', 'csat', 'csat_comment', 'is_complaint', 'complaint_due_at', 'waiting_since', 'reply_due_at',
  'reopen_count', 'reopened_at', 'complaint_opened_at',
  'outcome', 'tags_json', 'closes_at', 'merged_into_id',
  'language', 'mood', 'mood_score', 'suggested_category', 'suggested_confidence', 'suggestion_source',
]);

type NewTicket = Parameters<TicketsTable['insert']>[0];

/** Milliseconds from the Julian epoch (SQLite's iJD) over a day, as a double: SQLite's julianday(). */
const julianday = (column: 'resolved_at' | 'accepted_at') =>
  sql`((round(extract(epoch from ${sql.ref(column)}::timestamptz) * 1000) + 210866760000000)::float8 / 86400000::float8)`;

export function createPgTicketsTable(db: Kysely<Database>): AsyncTable<TicketsTable> {
  const one = async (q: Promise<TicketDbRow | undefined>): Promise<TicketDbRow | null> => (await q) ?? null;
  const queuedFirst = sql`queued_at COLLATE "C" NULLS FIRST`;
  return {
    get: (id: string) => one(db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst()),
    getForUpdate: (id: string) => one(db.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()),
    nextQueuedForUpdate: (regionId: string, after?: Pick<TicketDbRow, 'queued_at' | 'id'> | null) => {
      const q = after ? (after.queued_at ?? '') : '';
      const id = after?.id ?? '';
      // A ticket another node is routing right now is skipped, not waited for (SKIP LOCKED).
      return one(
        db
          .selectFrom('tickets')
          .selectAll()
          .where('region_id', '=', regionId)
          .where('status', '=', 'queued')
          .where('assignee_id', 'is', null)
          .where(sql<boolean>`(coalesce(queued_at, '') COLLATE "C" > ${q} OR (coalesce(queued_at, '') = ${q} AND id COLLATE "C" > ${id}))`)
          .orderBy(sql`coalesce(queued_at, '') COLLATE "C"`)
          .orderBy(sql`id COLLATE "C"`)
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst(),
      );
    },
    getByReference: (reference: string) => one(db.selectFrom('tickets').selectAll().where('reference', '=', reference).executeTakeFirst()),
    activeChatOf: (customerId: string) =>
      one(
        db
          .selectFrom('tickets')
          .selectAll()
          .where('customer_id', '=', customerId)
          .where('channel', '=', 'chat')
          .where('status', 'in', ['queued', 'open', 'pending'])
          .orderBy(sql`created_at COLLATE "C"`, 'desc')
          .limit(1)
          .executeTakeFirst(),
      ),
    insert: async (r: NewTicket): Promise<void> => {
      await db
        .insertInto('tickets')
        .values({
          id: r.id,
          reference: r.reference,
          customer_id: r.customer_id,
          channel: r.channel,
          category: r.category,
          status: r.status,
          priority: r.priority,
          tier: r.tier,
          region_id: r.region_id,
          assignee_id: r.assignee_id,
          subject: r.subject,
          order_number: r.order_number,
          linked_ticket_id: r.linked_ticket_id,
          created_at: r.created_at,
          queued_at: r.queued_at,
          last_message_at: r.last_message_at,
          waiting_since: r.waiting_since,
          reply_due_at: r.reply_due_at,
          // The category it was opened with stays when an agent corrects `category` (migration 130).
          initial_category: r.category,
        })
        .execute();
    },
    // `current` (SQLite's shortcut, tables/tickets.ts) is not needed: RETURNING costs no round trip.
    update: async (id: string, patch: TicketPatch, _current?: TicketDbRow): Promise<TicketDbRow> => {
      const set: Record<string, unknown> = {};
      // A key present with an undefined value sets NULL, as better-sqlite3 binds it (kysely would skip it).
      for (const [k, v] of Object.entries(patch)) if (PATCHABLE.has(k as keyof TicketPatch)) set[k] = v ?? null;
      const row = await db
        .updateTable('tickets')
        .set((eb) => ({ ...(set as TicketPatch), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new Error(`ticket ${id} vanished`);
      return row;
    },
    angryLive: (limit: number): Promise<AngryTicketRow[]> =>
      db
        .selectFrom('tickets')
        .select(['id', 'reference', 'region_id', 'channel', 'status', 'assignee_id', 'mood_score'])
        .where('mood', '=', 'angry')
        .where('status', 'in', ['queued', 'open', 'pending'])
        .orderBy('mood_score')
        .orderBy(sql`id COLLATE "C"`)
        .limit(limit)
        .execute(),
    recentResolved: (limit: number): Promise<ResolvedCaseRow[]> =>
      db
        .selectFrom('tickets')
        .select(['id', 'reference', 'region_id', 'category', 'subject', 'language', 'outcome', 'resolved_at'])
        .where('status', 'in', ['resolved', 'closed'])
        .where('resolved_at', 'is not', null)
        .where('merged_into_id', 'is', null)
        .orderBy(sql`resolved_at COLLATE "C"`, 'desc')
        .orderBy(sql`id COLLATE "C"`)
        .limit(limit)
        .execute(),
    queuePosition: async (t: Pick<TicketDbRow, 'region_id' | 'tier' | 'queued_at' | 'id'>): Promise<number> => {
      const at = t.queued_at ?? '';
      const r = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('region_id', '=', t.region_id)
        .where('status', '=', 'queued')
        .where('tier', '=', t.tier)
        .where(sql<boolean>`(queued_at COLLATE "C" < ${at} OR (queued_at = ${at} AND id COLLATE "C" <= ${t.id}))`)
        .executeTakeFirst();
      return r?.n ?? 1;
    },
    queuedInRegion: (regionId: string): Promise<TicketDbRow[]> =>
      db.selectFrom('tickets').selectAll().where('region_id', '=', regionId).where('status', '=', 'queued').orderBy(queuedFirst).orderBy(sql`id COLLATE "C"`).execute(),
    allQueued: (): Promise<TicketDbRow[]> =>
      db.selectFrom('tickets').selectAll().where('status', '=', 'queued').orderBy(queuedFirst).orderBy(sql`id COLLATE "C"`).execute(),
    dueToClose: async (now: string, limit: number): Promise<string[]> => {
      const rows = await db
        .selectFrom('tickets')
        .select('id')
        .where('status', '=', 'resolved')
        .where('closes_at', 'is not', null)
        .where(sql<boolean>`closes_at COLLATE "C" <= ${now}`)
        .orderBy(sql`closes_at COLLATE "C"`)
        .orderBy(sql`id COLLATE "C"`)
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    chatLoad: async (agentId: string): Promise<number> => {
      const r = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assignee_id', '=', agentId)
        .where('channel', '=', 'chat')
        .where('status', 'in', ['open', 'pending'])
        .executeTakeFirst();
      return r?.n ?? 0;
    },
    unansweredFor: (agentId: string): Promise<TicketDbRow[]> =>
      db
        .selectFrom('tickets')
        .selectAll()
        .where('assignee_id', '=', agentId)
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('first_response_at', 'is', null), eb('accepted_at', 'is', null)]))
        .orderBy(sql`id COLLATE "C"`)
        .execute(),
    averageHandleSec: async (regionId: string): Promise<number | null> => {
      const latest = db
        .selectFrom('tickets')
        .select(['resolved_at', 'accepted_at'])
        .where('region_id', '=', regionId)
        .where('channel', '=', 'chat')
        .where('resolved_at', 'is not', null)
        .where('accepted_at', 'is not', null)
        .orderBy(sql`resolved_at COLLATE "C"`, 'desc')
        .limit(200)
        .as('latest');
      const r = await db
        .selectFrom(latest)
        .select(sql<number | null>`avg((${julianday('resolved_at')} - ${julianday('accepted_at')}) * 86400::float8)`.as('avg'))
        .executeTakeFirst();
      return r?.avg ?? null;
    },
    recordDecline: async (ticketId: string, agentId: string, at: string): Promise<void> => {
      await db.insertInto('ticket_declines').values({ ticket_id: ticketId, agent_id: agentId, at }).onConflict((oc) => oc.doNothing()).execute();
    },
    declinedBy: async (ticketId: string, agentId: string): Promise<boolean> =>
      (await db.selectFrom('ticket_declines').select(sql<number>`1`.as('one')).where('ticket_id', '=', ticketId).where('agent_id', '=', agentId).executeTakeFirst()) !== undefined,
    // The supervisor's board and figures (supervisor/): text compared and ordered by byte, as on SQLite.
    figureRows: (since: string): Promise<FigureTicketRow[]> =>
      db
        .selectFrom('tickets')
        .select(['id', 'customer_id', 'category', 'channel', 'region_id', 'assignee_id', 'status', 'created_at', 'queued_at', 'accepted_at', 'first_response_at', 'resolved_at', 'csat', 'reopen_count'])
        .where(sql<boolean>`(created_at COLLATE "C" >= ${since} OR resolved_at COLLATE "C" >= ${since} OR first_response_at COLLATE "C" >= ${since})`)
        .orderBy(sql`id COLLATE "C"`)
        .execute(),
    boardQueues: async (now: string): Promise<BoardQueueRow[]> =>
      mergeBoardQueues(
        await db
          .selectFrom('tickets')
          .select([
            'status',
            'region_id',
            'channel',
            sql<number>`count(*)`.as('n'),
            sql<string | null>`min(queued_at COLLATE "C")`.as('oldest_queued_at'),
            sql<number>`count(*) FILTER (WHERE reply_due_at COLLATE "C" < ${now})`.as('breached'),
          ])
          .where('status', 'in', ['queued', 'open', 'pending'])
          .groupBy(['status', 'region_id', 'channel'])
          .execute(),
      ),
    liveLoads: async (): Promise<{ agent_id: string; load: number }[]> =>
      mergeLoads(
        await db
          .selectFrom('tickets')
          .select([sql<string>`assignee_id`.as('agent_id'), sql<number>`count(*)`.as('load')])
          .where('channel', '=', 'chat')
          .where('status', 'in', ['open', 'pending'])
          .where('assignee_id', 'is not', null)
          .groupBy(['status', 'assignee_id'])
          .execute(),
      ),
    dueBetween: (from: string, before: string, limit: number): Promise<DueTicketRow[]> =>
      db
        .selectFrom('tickets')
        .select(['id', 'reference', 'region_id', 'channel', 'status', 'assignee_id', 'waiting_since', 'reply_due_at'])
        .where(sql<boolean>`reply_due_at COLLATE "C" >= ${from} AND reply_due_at COLLATE "C" < ${before}`)
        .where('status', 'in', ['queued', 'open', 'pending'])
        .orderBy(sql`reply_due_at COLLATE "C"`)
        .orderBy(sql`id COLLATE "C"`)
        .limit(limit)
        .execute(),
    openComplaints: (limit: number): Promise<ComplaintDbRow[]> =>
      db
        .selectFrom('tickets as t')
        .innerJoin('customers as c', 'c.id', 't.customer_id')
        .leftJoin('agents as a', 'a.id', 't.assignee_id')
        .select([
          't.id',
          't.reference',
          't.status',
          't.region_id',
          't.customer_id',
          'c.name as customer_name',
          't.assignee_id',
          'a.name as assignee_name',
          't.complaint_opened_at',
          't.complaint_due_at',
        ])
        .where('t.is_complaint', '=', 1)
        .where('t.status', '<>', 'closed')
        .orderBy(sql`t.complaint_due_at COLLATE "C" NULLS LAST`)
        .orderBy(sql`t.id COLLATE "C"`)
        .limit(limit)
        .execute(),
    // Sync reads (sync/pull.ts, sync/changes.ts): what a reader may see, paged by id in byte order.
    visibleAfter: async (reader: TicketReader, after: string, limit: number): Promise<TicketDbRow[]> => {
      let q = db.selectFrom('tickets').selectAll().where(sql<boolean>`id COLLATE "C" > ${after}`);
      if (reader !== 'all') q = q.where(readable(reader));
      return q.orderBy(sql`id COLLATE "C"`).limit(limit).execute();
    },
    visibleCount: async (reader: TicketReader): Promise<number> => {
      let q = db.selectFrom('tickets').select(sql<number>`count(*)`.as('n'));
      if (reader !== 'all') q = q.where(readable(reader));
      return Number((await q.executeTakeFirstOrThrow()).n);
    },
    customerVisible: async (customerId: string, reader: TicketReader): Promise<boolean> =>
      reader === 'all' ||
      (await db.selectFrom('tickets').select(sql<number>`1`.as('one')).where('customer_id', '=', customerId).where(readable(reader)).limit(1).executeTakeFirst()) !== undefined,
  };
}

/** What one agent may read (tickets/access.ts `canReadTicket`), as the SQLite module's READABLE. */
const readable = (r: Exclude<TicketReader, 'all'>) =>
  sql<boolean>`(assignee_id = ${r.agentId} OR (assignee_id IS NULL AND status = 'queued' AND region_id = ANY(${[...r.regions]}::text[]) AND tier <= ${r.tier}))`;
