/** The typed API's handlers: what the renderer may ask of main, one function per channel. */
import { uuidv7 } from 'uuidv7';
import type { EventChannel } from '../../shared/api/channels';
import type { ApiErrorCode, ApiHandlers, EventPayload, SessionState, SyncStatus } from '../../shared/api/contract';
import { containsCardNumber } from '../../shared/card-mask';
import { macroFromRow } from '../../shared/macros';
import { parseReference, type ReferenceParse } from '../../shared/reference';
import type { Mutation } from '../../shared/protocol/mutations';
import { findPrompts } from '../../shared/templates';
import { ApiFailure } from '../api/dispatch';
import type { DesktopLog } from '../desktop';
import { RequestRefusedError, SessionEndedError, TransientError } from '../sync/server-client';
import type { Runtime } from './runtime';
import type { SessionStore } from './session-store';
import type { SettingsStore } from './settings-store';
import { createSupervisorHandlers } from './supervisor-handlers';
import { createAssistHandlers } from '../assist/assist-handlers';
import { transferCandidates } from './transfer-candidates';

export interface HandlerDeps {
  settings: SettingsStore;
  sessions: SessionStore;
  log: DesktopLog;
  runtime(): Runtime | null;
  sessionState(): SessionState;
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void;
  signIn(serverUrl: string, email: string, password: string): Promise<SessionState>;
  signOut(keepCache: boolean): Promise<void>;
}

/** A client message id: time-ordered, URL-safe, what the server's schema accepts. */
export const newClientMsgId = (): string => uuidv7().replace(/-/g, '');

const SIGNED_OUT_STATUS: SyncStatus = { connection: 'offline', outbox: 0, lastSyncedAt: null, attempt: 0, nextRetryAt: null, initialSync: null, problem: null };

const REFERENCE_PROBLEM: Record<Extract<ReferenceParse, { ok: false }>['reason'], string> = {
  length: 'A case reference has 8 characters, like ABCD-EFGH.',
  character: 'A case reference uses only letters and the digits 2–9 (no 0, 1, I or O).',
  check: 'This reference has a mistyped character (its check character does not match); ask the customer to read it again.',
};

/** A refusal's HTTP status as the renderer's error code (the rest are `server_error`). */
const REFUSAL_CODE: Partial<Record<number, ApiErrorCode>> = { 400: 'invalid_input', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

/** Turns server errors into answers the renderer can show. */
async function online<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TransientError) throw new ApiFailure('offline', 'The desk server is not reachable; try again when you are back online.');
    if (err instanceof SessionEndedError) throw new ApiFailure('unauthorized', err.message);
    if (err instanceof RequestRefusedError) throw new ApiFailure(REFUSAL_CODE[err.status] ?? 'server_error', err.message);
    throw err;
  }
}

export function createHandlers(d: HandlerDeps): ApiHandlers {
  const rt = (): Runtime => {
    const r = d.runtime();
    if (!r) throw new ApiFailure('not_signed_in', 'Sign in first.');
    return r;
  };
  const requireOnline = (r: Runtime, what: string) => {
    if (!r.engine.isLive()) throw new ApiFailure('offline', `${what} needs a connection to the desk server.`);
  };
  const enqueue = (r: Runtime, mutation: Mutation, optimistic?: Parameters<Runtime['cache']['outbox']['enqueue']>[1]) => {
    const out = r.cache.outbox.enqueue(mutation, optimistic);
    r.engine.kick();
    d.emit('messages:changed', { ticketId: mutation.ticketId });
    d.emit('tickets:changed', { ticketIds: [mutation.ticketId] });
    d.emit('sync:status', r.engine.status());
    return out;
  };

  return {
    'session:get': async () => d.sessionState(),
    'session:login': async ({ serverUrl, email, password }) => {
      try {
        return await d.signIn(serverUrl, email, password);
      } catch (err) {
        if (err instanceof SessionEndedError) throw new ApiFailure('unauthorized', 'Wrong email or password.');
        if (err instanceof TransientError) throw new ApiFailure('offline', `Cannot reach the desk server at ${serverUrl}; check the address and your connection.`);
        if (err instanceof RequestRefusedError) throw new ApiFailure('server_error', err.message);
        throw err;
      }
    },
    'session:logout': async ({ keepCache }) => {
      const r = d.runtime();
      const unsent = r?.cache.outbox.size() ?? 0;
      if (!keepCache && unsent > 0)
        throw new ApiFailure('invalid_input', `${unsent} change${unsent === 1 ? ' is' : 's are'} not sent yet; keep the cache, or reconnect and let them send first.`);
      await d.signOut(keepCache);
      return null;
    },
    'tickets:list': async ({ view, limit, offset }) => {
      const r = rt();
      return r.cache.tickets.list(view, r.agentId, limit, offset);
    },
    'tickets:count': async ({ view }) => {
      const r = rt();
      return r.cache.tickets.count(view, r.agentId);
    },
    'tickets:get': async ({ ticketId }) => {
      const detail = rt().cache.tickets.detail(ticketId);
      if (!detail) throw new ApiFailure('not_found', 'This case is not in your cache (it may have been reassigned).');
      return detail;
    },
    'tickets:search': async ({ query, limit }) => rt().cache.search(query, limit),
    'tickets:byReference': async ({ reference }) => {
      const parsed = parseReference(reference);
      if (!parsed.ok) throw new ApiFailure('invalid_input', REFERENCE_PROBLEM[parsed.reason]);
      return rt().cache.tickets.byReference(parsed.reference);
    },
    'tickets:ofCustomer': async ({ customerId, exceptTicketId, limit }) => rt().cache.tickets.ofCustomer(customerId, exceptTicketId, limit),
    'messages:page': async ({ ticketId, before, limit }) => {
      const r = rt();
      const page = r.cache.messages.page(ticketId, before, limit);
      return { ...page, messages: await r.assist.withLanguages(page.messages) };
    },
    'messages:send': async ({ ticketId, body, kind, attachmentIds, cannedShortcut }) => {
      const r = rt();
      const ticket = r.cache.tickets.get(ticketId);
      if (!ticket) throw new ApiFailure('not_found', 'This case is not in your cache.');
      // Agents never take card data in chat (UX.md "pre-send guard").
      if (kind === 'reply' && containsCardNumber(body))
        throw new ApiFailure('invalid_input', 'This reply contains a card number; remove it and send a secure payment link instead.');
      // A canned reply's unfilled ⟦prompt⟧ never reaches a customer, whatever the renderer did.
      const prompts = kind === 'reply' ? findPrompts(body) : [];
      if (prompts.length > 0)
        throw new ApiFailure('invalid_input', `This reply still has ${prompts.length === 1 ? 'a prompt' : `${prompts.length} prompts`} to fill (${prompts.map((p) => p.label).join(', ')}); fill ${prompts.length === 1 ? 'it' : 'them'} or delete ${prompts.length === 1 ? 'it' : 'them'} first.`);
      const agent = d.sessions.get().agent;
      const clientMsgId = newClientMsgId();
      const images = attachmentIds.length ? { attachmentIds } : {};
      const canned = cannedShortcut ? { cannedShortcut } : {};
      const mutation: Mutation =
        kind === 'reply' ? { kind: 'message.reply', clientMsgId, ticketId, body, ...images, ...canned } : { kind: 'message.note', clientMsgId, ticketId, body, ...images };
      const { message } = enqueue(r, mutation, {
        ticketId,
        authorKind: kind === 'reply' ? 'agent' : 'note',
        authorId: r.agentId,
        authorName: agent?.name ?? 'You',
        body,
        attachmentIds,
      });
      if (!message) throw new ApiFailure('internal', 'The message was queued but could not be shown.');
      return message;
    },
    'messages:retry': async ({ clientMsgId }) => {
      const r = rt();
      const { message } = r.cache.outbox.retry(clientMsgId);
      r.engine.kick();
      if (message) d.emit('messages:changed', { ticketId: message.ticketId });
      return null;
    },
    'messages:discard': async ({ clientMsgId }) => {
      const r = rt();
      const before = r.cache.messages.get(`local:${clientMsgId}`);
      r.cache.outbox.discard(clientMsgId);
      if (before) d.emit('messages:changed', { ticketId: before.ticketId });
      d.emit('sync:status', r.engine.status());
      return null;
    },
    'drafts:get': async ({ ticketId }) => rt().cache.drafts.get(ticketId),
    'drafts:save': async ({ ticketId, body, mode }) => {
      rt().cache.drafts.save(ticketId, body, mode);
      return null;
    },
    'actions:run': async (action) => {
      const r = rt();
      // Money-moving actions are refused offline (UX.md: disabled with "Needs connection").
      if (action.kind.startsWith('account.')) requireOnline(r, 'This account action');
      const clientMsgId = newClientMsgId();
      enqueue(r, { ...action, clientMsgId } as Mutation);
      return { clientMsgId };
    },
    'attachments:get': async ({ attachmentId }) => {
      const r = rt();
      const meta = r.cache.attachments.meta(attachmentId);
      if (!meta) throw new ApiFailure('not_found', 'This attachment is not in your cache.');
      let data = r.cache.attachments.readFile(meta.sha256);
      if (!data) {
        const downloaded = await online(() => r.server.downloadAttachment(attachmentId));
        r.cache.attachments.writeFile(meta.sha256, downloaded.data);
        data = downloaded.data;
      }
      return { mime: meta.mime, dataBase64: data.toString('base64') };
    },
    'attachments:upload': async ({ ticketId, mime, filename, dataBase64 }) => {
      const r = rt();
      requireOnline(r, 'Uploading an image');
      const data = Buffer.from(dataBase64, 'base64');
      const { attachment } = await online(() => r.server.uploadAttachment(ticketId, data, mime, filename));
      // Into the cache at once, so the new image can be shown (and is there offline) before the
      // message that links it has synced. The server re-encodes uploads, so its bytes are fetched.
      r.cache.attachments.put(attachment);
      try {
        if (!r.cache.attachments.readFile(attachment.sha256)) r.cache.attachments.writeFile(attachment.sha256, (await r.server.downloadAttachment(attachment.id)).data);
      } catch (err) {
        d.log.warn({ err: err instanceof Error ? err.message : String(err), attachmentId: attachment.id }, 'upload: the stored copy was not fetched; it will be on first view');
      }
      d.emit('tickets:changed', { ticketIds: [ticketId] });
      return attachment;
    },
    'presence:set': async ({ presence, reason }) => {
      const r = rt();
      const { agent } = await online(() => r.server.setPresence(presence, reason));
      d.sessions.setAgent(agent);
      d.emit('session:changed', d.sessionState());
      return agent;
    },
    'sync:status': async () => d.runtime()?.engine.status() ?? SIGNED_OUT_STATUS,
    'sync:retryNow': async () => {
      rt().engine.retryNow();
      return null;
    },
    'settings:get': async () => d.settings.get(),
    'settings:set': async (patch) => d.settings.set(patch),
    // Rows cached before replies had a language were all English.
    'canned:list': async () => rt().cache.reference.cannedReplies().map((r) => ({ ...r, language: r.language ?? 'en' })),
    'tickets:summaries': async ({ ticketIds }) => rt().cache.tickets.summaries(ticketIds),
    'tickets:markRead': async ({ ticketId, upTo }) => {
      if (rt().cache.tickets.markRead(ticketId, upTo)) d.emit('tickets:changed', { ticketIds: [ticketId] });
      return null;
    },
    'tabs:get': async () => rt().cache.tabs.get(),
    'tabs:save': async (state) => {
      rt().cache.tabs.save(state);
      return null;
    },
    // Ephemeral: sent while live, dropped while offline (a reconnect re-sends the chat on screen).
    'activity:viewing': async ({ ticketId }) => {
      rt().engine.setViewing(ticketId);
      return null;
    },
    'activity:typing': async ({ ticketId, typing, kind }) => {
      rt().engine.sendTyping(ticketId, typing, kind);
      return null;
    },
    // Rows cached before macros had steps are read from their reply, status and priority.
    'macros:list': async () =>
      rt()
        .cache.reference.macros()
        .map(macroFromRow)
        .sort((a, b) => a.category.localeCompare(b.category) || a.position - b.position || a.title.localeCompare(b.title)),
    'agents:forTransfer': async ({ ticketId }) => {
      const r = rt();
      const ticket = r.cache.tickets.get(ticketId);
      if (!ticket) throw new ApiFailure('not_found', 'This case is not in your cache.');
      return transferCandidates(r.cache.reference.agents(), r.agentId, ticket);
    },
    // Phone: both need the server's answer (it authorises and audits them); nothing is queued.
    'customers:lookup': async ({ email }) => {
      const r = rt();
      requireOnline(r, 'Finding a caller');
      return online(() => r.server.lookupCustomers(email));
    },
    'cases:fromCall': async (input) => {
      const r = rt();
      requireOnline(r, 'Opening a case from a call');
      // The new case reaches the cache through the change feed, like any case assigned to the agent.
      return online(() => r.server.caseFromCall(input));
    },
    ...createAssistHandlers({ runtime: rt }),
    ...createSupervisorHandlers({
      runtime: rt,
      online,
      refreshBoard: () => {
        const r = d.runtime();
        if (!r) return;
        r.server.supervisor.board().then(
          (board) => d.emit('supervisor:board', board),
          (err: unknown) => d.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'supervisor: the board was not fetched after an action'),
        );
      },
    }),
  };
}
