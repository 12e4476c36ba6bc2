/** The customer gateway (/ws/chat): the chat page's live channel for one ticket. */
import type { WebSocket } from 'ws';
import { CustomerClientFrame, type CustomerSendRequest } from '../../shared/protocol/customer';
import { CLOSE_CODES } from '../../shared/protocol/errors';
import type { Services } from '../services';
import { hashToken } from '../util/ids';
import type { Connections } from './connections';
import type { LiveSocket } from './hub';
import { AUTH_TIMEOUT_MS, decodeFrame, frameLimiter, sendFrameError, sendJson, sendText } from './frames';

export function createCustomerGateway(s: Services, connections: Connections) {
  const { storage, hub, log } = s.deps;

  // Messages that arrive in the same tick are committed together (group commit); each still gets
  // its own ack or error, and one refused message never affects the others. Chats are spread over
  // `writeLanes` lanes by ticket (1 on SQLite, whose single writer would only queue the others;
  // several on PostgreSQL, whose pooled connections commit side by side). One batch per lane is in
  // flight at a time and a chat always uses the same lane, so a socket's acks leave in the order its
  // messages arrived; what arrives while a lane's batch commits forms its next one.
  type Pending = { ws: WebSocket; live: LiveSocket; ticketId: string; authorName: string; req: CustomerSendRequest };
  const lanes = Array.from({ length: Math.max(1, s.deps.writeLanes) }, () => ({ pending: [] as Pending[], inFlight: null as Promise<void> | null }));
  const laneOf = (ticketId: string) => lanes[laneIndex(ticketId, lanes.length)]!;

  async function commit(batch: Pending[]): Promise<void> {
    let results;
    try {
      results = await s.chats.sendMany(batch.map((p) => ({ ticketId: p.ticketId, authorName: p.authorName, req: p.req, origin: p.live })));
    } catch (err) {
      // The whole commit failed (disk full, busy): nothing was stored; each sender may retry.
      for (const p of batch) reportError(p.ws, err, p.req.clientMsgId);
      return;
    }
    results.forEach((r, i) => {
      const { ws, req } = batch[i]!;
      if (r.ok) sendJson(ws, { type: 'ack', clientMsgId: req.clientMsgId, messageId: r.value.id, message: r.value });
      else reportError(ws, r.error, req.clientMsgId);
    });
  }

  /** Commits what waits in one lane, batch after batch, until nothing is left. */
  function drain(lane: (typeof lanes)[number]): Promise<void> {
    lane.inFlight ??= (async () => {
      try {
        while (lane.pending.length > 0) {
          const batch = lane.pending;
          lane.pending = [];
          await commit(batch);
        }
      } finally {
        lane.inFlight = null;
      }
    })();
    return lane.inFlight;
  }

  /** Commits everything waiting in every lane (also for graceful shutdown). */
  async function flush(): Promise<void> {
    await Promise.all(lanes.map(drain));
  }

  function reportError(ws: WebSocket, err: unknown, clientMsgId?: string): void {
    // Name the refused message so the page can mark it at once.
    sendFrameError(ws, err, log, 'Something went wrong; your message was not sent. Try again.', clientMsgId ? { clientMsgId } : {});
  }

  function handle(ws: WebSocket): void {
    const allow = frameLimiter(s.limits.framesPerSecond);
    let ticketId: string | null = null;
    let authorName = 'Customer';
    const live: LiveSocket = { send: (d) => sendText(ws, d), close: (c, r) => ws.close(c, r) };
    const authTimer = setTimeout(() => ws.close(CLOSE_CODES.authTimeout, 'authenticate first'), AUTH_TIMEOUT_MS);
    const gate = connections.gate<CustomerClientFrame>(ws, onFrame);

    ws.on('message', (data, isBinary) => {
      const raw = decodeFrame(ws, data, isBinary, allow);
      if (raw === undefined) return;
      const parsed = CustomerClientFrame.safeParse(raw);
      if (!parsed.success) {
        sendJson(ws, { type: 'error', code: 'bad_request', message: `Unknown or malformed frame: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'auth' && !ticketId && !gate.signingIn()) {
        // The client did its part; the sign-in itself waits its turn (connections.ts).
        clearTimeout(authTimer);
        gate.signIn(() => signIn(frame.token));
        return;
      }
      gate.frame(frame);
    });

    // Typing frames of one socket reach the agent in the order they came (each reads the ticket).
    let typingDone: Promise<void> = Promise.resolve();

    async function signIn(token: string): Promise<void> {
      try {
        const t = await s.chats.authenticate(token);
        // Closed while the token was read: nothing to sign in. Refused over its cap before the
        // chat's history is read.
        if (ws.readyState !== ws.OPEN) return;
        const refusal = connections.signIn(ws, 'chatToken', hashToken(token));
        if (refusal) return connections.refuse(ws, refusal);
        const { authorName: name, ready } = await s.chats.socketState(t);
        // From here on all is synchronous, and on SQLite no commit lands between the read and
        // joining the hub (a write begins on a later event-loop turn), so no message falls
        // between `ready` and the live frames.
        if (ws.readyState !== ws.OPEN) return;
        ticketId = t.id;
        authorName = name;
        hub.addCustomer(t.id, live);
        sendJson(ws, { type: 'ready', ...ready });
      } catch (err) {
        reportError(ws, err);
      }
    }

    function onFrame(frame: CustomerClientFrame): void {
      try {
        if (frame.type === 'auth') return; // already signed in
        if (!ticketId) {
          ws.close(CLOSE_CODES.unauthorized, 'authenticate first');
          return;
        }
        switch (frame.type) {
          case 'message': {
            const lane = laneOf(ticketId);
            if (lane.pending.length === 0) setImmediate(() => void drain(lane));
            lane.pending.push({ ws, live, ticketId, authorName, req: { clientMsgId: frame.clientMsgId, body: frame.body, attachmentIds: frame.attachmentIds } });
            return;
          }
          case 'typing': {
            const id = ticketId;
            typingDone = typingDone
              .then(() => storage.read((tx) => tx.tickets.get(id)))
              .then((t) => {
                if (t) s.chats.typing(t, frame.typing);
              })
              .catch((err: unknown) => reportError(ws, err));
            return;
          }
          case 'ping':
            sendJson(ws, { type: 'pong' });
            return;
        }
      } catch (err) {
        reportError(ws, err, frame.type === 'message' ? frame.clientMsgId : undefined);
      }
    }

    ws.on('close', () => {
      clearTimeout(authTimer);
      if (ticketId) hub.removeCustomer(ticketId, live);
    });
  }

  /** Commits what is waiting now (graceful shutdown finishes in-flight writes). */
  return { handle, flush };
}

/** The lane of a chat: a stable hash of its ticket id (FNV-1a), so a chat always uses the same one. */
export function laneIndex(ticketId: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ticketId.length; i++) h = Math.imul(h ^ ticketId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}
