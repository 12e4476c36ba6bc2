/**
 * The agent gateway (/ws/agent): authenticate with the first frame, subscribe from a cursor, then
 * receive the changes this agent may see as they commit. Live events are hints; a gap means pull.
 */
import type { WebSocket } from 'ws';
import { AgentClientFrame, type AgentServerFrame } from '../../shared/protocol/agent-ws';
import { CLOSE_CODES, MIN_CLIENT_PROTOCOL, PROTOCOL_VERSION } from '../../shared/protocol/errors';
import type { AgentPrincipal } from '../auth/sessions';
import type { Services } from '../services';
import type { Agent } from '../storage/tables/agents';
import type { FeedDbRow } from '../storage/tables/change-feed';
import type { TicketDbRow } from '../storage/tables/tickets';
import { canWriteTicket } from '../tickets/access';
import { parseCursor } from '../sync/pull';
import { createColleagues } from './colleagues';
import type { Connections } from './connections';
import type { AgentConnection } from './hub';
import { AUTH_TIMEOUT_MS, decodeFrame, frameLimiter, sendFrameError, sendJson } from './frames';

export function createAgentGateway(s: Services, connections: Connections) {
  const { store, hub, log } = s.deps;
  const principals = new Map<AgentConnection, AgentPrincipal>();
  const colleagues = createColleagues({ store, hub });

  // Deliver each committed batch of feed rows to every subscribed agent socket.
  store.onFeed((rows: FeedDbRow[]) => {
    // The tickets as this batch left them (the last snapshot of each wins): no read-back.
    const tickets = new Map<string, TicketDbRow | null>();
    for (const r of rows) if (r.snapshot?.ticket) tickets.set(r.snapshot.ticket.id, r.snapshot.ticket);
    const agents = new Map<string, Agent | null>();
    const last = rows[rows.length - 1]!.seq;
    for (const conn of hub.agentConnections()) {
      if (conn.lastSent === null || conn.lastSent >= last) continue;
      if (!agents.has(conn.agentId)) agents.set(conn.agentId, store.agents.get(conn.agentId));
      const agent = agents.get(conn.agentId);
      if (!agent) continue;
      const changes = rows.filter((r) => r.seq > conn.lastSent!).flatMap((r) => s.changes.forAgent(agent, r, tickets));
      if (changes.length === 0) continue;
      const frame: AgentServerFrame = { type: 'changes', from: conn.lastSent, seq: last, changes };
      conn.socket.send(JSON.stringify(frame));
      conn.lastSent = last;
    }
  });

  function handle(ws: WebSocket): void {
    const allow = frameLimiter(s.limits.framesPerSecond);
    let conn: AgentConnection | null = null;
    const authTimer = setTimeout(() => ws.close(CLOSE_CODES.authTimeout, 'authenticate first'), AUTH_TIMEOUT_MS);
    const gate = connections.gate<AgentClientFrame>(ws, onFrame);

    ws.on('message', (data, isBinary) => {
      const raw = decodeFrame(ws, data, isBinary, allow);
      if (raw === undefined) return;
      const parsed = AgentClientFrame.safeParse(raw);
      if (!parsed.success) {
        sendJson(ws, { type: 'error', code: 'bad_request', message: `Unknown or malformed frame: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'auth' && !conn && !gate.signingIn()) {
        if (frame.protocol < MIN_CLIENT_PROTOCOL) {
          sendJson(ws, { type: 'error', code: 'client_too_old', message: 'This Agent Desk is too old for the server; update it.' });
          ws.close(CLOSE_CODES.policyViolation, 'client too old');
          return;
        }
        // The client did its part; the sign-in itself waits its turn (connections.ts).
        clearTimeout(authTimer);
        gate.signIn(() => signIn(frame.token));
        return;
      }
      gate.frame(frame);
    });

    async function signIn(token: string): Promise<void> {
      try {
        const p = await s.sessions.authenticate(token);
        // Closed while the session was read: nothing to sign in. From here on all is synchronous,
        // so no feed row can fall between joining the hub and the head sent in `ready`.
        if (ws.readyState !== ws.OPEN) return;
        const refusal = connections.signIn(ws, 'session', p.session.id);
        if (refusal) return connections.refuse(ws, refusal);
        conn = { socket: ws, agentId: p.agent.id, sessionId: p.session.id, lastSent: null };
        principals.set(conn, p);
        hub.addAgent(conn);
        sendJson(ws, { type: 'ready', agentId: p.agent.id, epoch: store.epoch(), head: store.changeFeed.head(), protocol: PROTOCOL_VERSION, minProtocol: MIN_CLIENT_PROTOCOL });
        if (p.agent.role === 'supervisor') sendJson(ws, { type: 'queues', queues: await s.router.figures() });
      } catch (err) {
        sendFrameError(ws, err, log, 'The server could not handle that frame.');
      }
    }

    function onFrame(frame: AgentClientFrame): void {
      try {
        if (frame.type === 'auth') return; // already signed in
        if (!conn) {
          ws.close(CLOSE_CODES.unauthorized, 'authenticate first');
          return;
        }
        switch (frame.type) {
          case 'subscribe': {
            const epoch = store.epoch();
            const cursor = parseCursor(frame.cursor);
            const head = store.changeFeed.head();
            if (frame.epoch !== epoch || !cursor || cursor.kind !== 'feed' || cursor.seq > head) {
              sendJson(ws, { type: 'must_resync', epoch });
              return;
            }
            conn.lastSent = head;
            if (cursor.seq < head) sendJson(ws, { type: 'behind', head });
            return;
          }
          case 'typing': {
            const t = store.tickets.get(frame.ticketId);
            const agent = store.agents.get(conn.agentId);
            // A note is for colleagues only: the customer never hears of it.
            if (t && agent && canWriteTicket(agent, t) && frame.kind !== 'note')
              hub.toCustomer(t.id, { type: 'typing', typing: frame.typing, agentName: agent.name.split(' ')[0] ?? null });
            colleagues.typing(conn, frame.ticketId, frame.typing);
            return;
          }
          case 'viewing':
            colleagues.viewing(conn, frame.ticketId);
            return;
          case 'ping':
            sendJson(ws, { type: 'pong', t: frame.t });
            return;
        }
      } catch (err) {
        sendFrameError(ws, err, log, 'The server could not handle that frame.');
      }
    }

    ws.on('close', () => {
      clearTimeout(authTimer);
      if (conn) {
        hub.removeAgent(conn);
        principals.delete(conn);
        try {
          colleagues.disconnected(conn);
        } catch (err) {
          log.debug({ err }, 'colleagues: not told of a closed socket (shutting down)');
        }
      }
    });
  }

  /** Closes sockets whose session was revoked or expired meanwhile (revocation also closes at once). */
  async function sweepSessions(): Promise<void> {
    const open = [...principals];
    if (open.length === 0) return;
    const now = s.deps.clock.now().toISOString();
    const ended = await s.deps.storage.read(async (tx) => {
      const out: AgentConnection[] = [];
      for (const [conn, p] of open) {
        const session = await tx.sessions.get(p.session.id);
        if (!session || session.revoked_at || session.expires_at <= now) out.push(conn);
      }
      return out;
    });
    for (const conn of ended) conn.socket.close(CLOSE_CODES.sessionRevoked, 'session ended');
  }

  return { handle, sweepSessions };
}
