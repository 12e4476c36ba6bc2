/** The desk server's agent API as the sync engine and services use it, with errors classified. */
import type { AgentRow, AttachmentRow, Presence } from '../../shared/domain';
import type { PushRequest, PushResponse } from '../../shared/protocol/mutations';
import { PushResponse as PushResponseSchema } from '../../shared/protocol/mutations';
import { PullResponse as PullResponseSchema, type PullResponse } from '../../shared/protocol/sync';
import { PROTOCOL_VERSION } from '../../shared/protocol/errors';
import { AgentRow as AgentRowSchema, MessageRow, TicketRow } from '../../shared/domain';
import { Board, ComplaintList, FiguresResponse, SilentView, type FigureRange, type SetAgentBody } from '../../shared/protocol/supervisor';
import { z } from 'zod';
import { FoundCustomer, type CaseFromCallInput } from '../../shared/api/contract';

/** The server could not be reached or failed for now: retry later. */
export class TransientError extends Error {
  override name = 'TransientError';
}
/** The session is over (revoked, expired): sign in again. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
}
/** The cursor or epoch is not served any more: rebuild the cache, keep the outbox. */
export class MustResyncError extends Error {
  override name = 'MustResyncError';
}
/** The server no longer accepts this desktop's protocol: keep the outbox, tell the agent to update. */
export class ClientTooOldError extends Error {
  override name = 'ClientTooOldError';
}
/** The server refused the request itself (bad input, forbidden). */
export class RequestRefusedError extends Error {
  override name = 'RequestRefusedError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

export function createServerClient(baseUrl: string, getToken: () => string | null, fetchImpl: typeof fetch = fetch) {
  const base = baseUrl.replace(/\/+$/, '');

  async function request<T>(method: string, path: string, body?: unknown, raw?: { data: Buffer; contentType: string; filename: string }): Promise<T> {
    const headers: Record<string, string> = {};
    const token = getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (raw) {
      headers['content-type'] = raw.contentType;
      headers['x-filename'] = raw.filename.replace(/[^\x20-\x7e]/g, '');
      payload = new Uint8Array(raw.data);
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetchImpl(base + path, { method, headers, body: payload, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw new TransientError(`The desk server is not reachable (${err instanceof Error ? err.message : String(err)}).`);
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.ok) return json as T;
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    const code = error?.code ?? 'unknown';
    const message = error?.message ?? `The desk server answered ${res.status}.`;
    if (res.status === 401) throw new SessionEndedError(message);
    if (code === 'must_resync') throw new MustResyncError(message);
    if (res.status === 426 || code === 'client_too_old') throw new ClientTooOldError(message);
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new TransientError(message);
    throw new RequestRefusedError(res.status, code, message);
  }

  return {
    baseUrl: base,
    login: (email: string, password: string) =>
      request<{ token: string; expiresAt: string; sessionId: string; agent: AgentRow }>('POST', '/api/auth/login', { email, password }),
    logout: () => request<{ ok: true }>('POST', '/api/auth/logout'),
    me: () => request<{ agent: AgentRow }>('GET', '/api/auth/me'),
    async pull(cursor: string, epoch: string | null, limit = 500): Promise<PullResponse> {
      const q = new URLSearchParams({ cursor, limit: String(limit), protocol: String(PROTOCOL_VERSION) });
      if (epoch && cursor !== '') q.set('epoch', epoch);
      return PullResponseSchema.parse(await request('GET', `/api/sync/pull?${q}`));
    },
    async push(req: PushRequest): Promise<PushResponse> {
      return PushResponseSchema.parse(await request('POST', '/api/sync/push', req));
    },
    setPresence: (presence: Presence, reason?: string) =>
      request<{ agent: AgentRow }>('PUT', '/api/agents/me/presence', reason ? { presence, reason } : { presence }),
    async downloadAttachment(id: string): Promise<{ mime: string; data: Buffer }> {
      const token = getToken();
      let res: Response;
      try {
        res = await fetchImpl(`${base}/api/attachments/${encodeURIComponent(id)}`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        throw new TransientError(`The desk server is not reachable (${err instanceof Error ? err.message : String(err)}).`);
      }
      if (res.status === 401) throw new SessionEndedError('Your session has ended; sign in again.');
      if (!res.ok) throw new RequestRefusedError(res.status, 'download_failed', `The attachment could not be downloaded (${res.status}).`);
      return { mime: res.headers.get('content-type') ?? 'application/octet-stream', data: Buffer.from(await res.arrayBuffer()) };
    },
    uploadAttachment: (ticketId: string, data: Buffer, contentType: string, filename: string) =>
      request<{ attachment: AttachmentRow }>('PUT', `/api/attachments?ticketId=${encodeURIComponent(ticketId)}`, undefined, { data, contentType, filename }),
    lookupCustomers: async (email: string): Promise<FoundCustomer[]> =>
      z.object({ customers: z.array(FoundCustomer) }).parse(await request('GET', `/api/customers/lookup?email=${encodeURIComponent(email)}`)).customers,
    caseFromCall: async (body: CaseFromCallInput): Promise<{ ticketId: string; reference: string }> =>
      z.object({ ticketId: z.string(), reference: z.string() }).parse(await request('POST', '/api/cases/from-call', body)),
    /** The resolved cases of the agent's regions, for assist (unparsed: the assist service validates it). */
    assistCorpus: (): Promise<unknown> => request<unknown>('GET', '/api/assist/corpus'),
    supervisor: {
      board: async (): Promise<Board> => z.object({ board: Board }).parse(await request('GET', '/api/supervisor/board')).board,
      complaints: async (): Promise<ComplaintList> => ComplaintList.parse(await request('GET', '/api/supervisor/complaints')),
      figures: async (range: FigureRange): Promise<FiguresResponse> => FiguresResponse.parse(await request('GET', `/api/supervisor/figures?range=${encodeURIComponent(range)}`)),
      setAgent: async (agentId: string, change: SetAgentBody): Promise<AgentRow> =>
        z.object({ agent: AgentRowSchema }).parse(await request('POST', `/api/supervisor/agents/${encodeURIComponent(agentId)}`, change)).agent,
      reassign: async (ticketId: string, body: { toAgentId: string; force: boolean; note?: string }): Promise<TicketRow> =>
        z.object({ ticket: TicketRow }).parse(await request('POST', `/api/supervisor/tickets/${encodeURIComponent(ticketId)}/reassign`, body)).ticket,
      whisper: async (ticketId: string, body: string): Promise<MessageRow> =>
        z.object({ message: MessageRow }).parse(await request('POST', `/api/supervisor/tickets/${encodeURIComponent(ticketId)}/whisper`, { body })).message,
      takeOver: async (ticketId: string, note?: string): Promise<TicketRow> =>
        z.object({ ticket: TicketRow }).parse(await request('POST', `/api/supervisor/tickets/${encodeURIComponent(ticketId)}/take-over`, note ? { note } : {})).ticket,
      open: async (ticketId: string): Promise<SilentView> => SilentView.parse(await request('GET', `/api/supervisor/tickets/${encodeURIComponent(ticketId)}`)),
    },
    wsUrl: (): string => `${base.replace(/^http/, 'ws')}/ws/agent`,
  };
}
export type ServerClient = ReturnType<typeof createServerClient>;
