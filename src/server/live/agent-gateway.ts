/**
 * The agent gateway (/ws/agent): authenticate with the first frame, subscribe from a cursor, then
 * receive the changes this agent may see as they commit. Live events are hints; a gap means pull.
 */
import type { WebSocket } from 'ws';
import { AgentClientFrame } from '../../shared/protocol/agent-ws';
import { CLOSE_CODES, MIN_CLIENT_PROTOCOL, PROTOCOL_VERSION } from '../../shared/protocol/errors';
import type { AgentPrincipal } from '../auth/sessions';
import type { Services } from '../services';
import { canWriteTicket } from '../tickets/access';
import { feedPosition } from '../sync/position';
import { createAgentFeed } from './agent-feed';
import { createColleagues } from './colleagues';
import type { Connections } from './connections';
import type { AgentConnection } from './hub';
import { AUTH_TIMEOUT_MS, decodeFrame, frameLimiter, sendFrameError, sendJson } from './frames';

export function createAgentGateway(s: Services, connections: Connections) {
  const { storage, hub, log } = s.deps;
  const principals = new Map<AgentConnection, AgentPrincipal>();
  const colleagues = createColleagues({ storage, hub });
  const feed = createAgentFeed({ storage, hub, log });

  // Deliver each committed batch of feed rows to every subscribed agent socket, in feed order.
  storage.onFeed(feed.onFeed);

  function handle(ws: WebSocket): void {
    const allow = frameLimiter(s.limits.framesPerSecond);
    let conn: AgentConnection | null = null;
    const authTimer = setTimeout(() => ws.close(CLOSE_CODES.authTimeout, 'authenticate first'), AUTH_TIMEOUT_MS);
    // A frame's handling may read storage: the next frame of this socket waits for it, so a
    // socket's frames take effect in the order it sent them.
    let handled: Promise<void> = Promise.resolve();
    const gate = connections.gate<AgentClientFrame>(ws, (frame) => {
      handled = handled.then(() => (ws.readyState === ws.OPEN ? onFrame(frame) : undefined));
    });

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
        // The socket gets no feed frames before it subscribes, so the head told here need not
        // be the one it joins the hub at.
        const { epoch, head } = await storage.read(feedPosition);
        // Closed while the session was read: nothing to sign in.
        if (ws.readyState !== ws.OPEN) return;
        const refusal = connections.signIn(ws, 'session', p.session.id);
        if (refusal) return connections.refuse(ws, refusal);
        conn = { socket: ws, agentId: p.agent.id, sessionId: p.session.id, lastSent: null };
        principals.set(conn, p);
        hub.addAgent(conn);
        sendJson(ws, { type: 'ready', agentId: p.agent.id, epoch, head, protocol: PROTOCOL_VERSION, minProtocol: MIN_CLIENT_PROTOCOL });
        if (p.agent.role === 'supervisor') {
          sendJson(ws, { type: 'queues', queues: await s.router.figures() });
          // The live board: computed once per node for all its supervisors (supervisor/board-feed.ts).
          if (ws.readyState === ws.OPEN) s.supervisor.board.add(ws);
        }
      } catch (err) {
        sendFrameError(ws, err, log, 'The server could not handle that frame.');
      }
    }

    async function onFrame(frame: AgentClientFrame): Promise<void> {
      try {
        if (frame.type === 'auth') return; // already signed in
        if (!conn) {
          ws.close(CLOSE_CODES.unauthorized, 'authenticate first');
          return;
        }
        switch (frame.type) {
          case 'subscribe':
            return await feed.subscribe(conn, frame.cursor, frame.epoch);
          case 'typing': {
            const { ticketId } = frame;
            const { t, agent } = await storage.read(async (tx) => ({ t: await tx.tickets.get(ticketId), agent: await tx.agents.get(conn!.agentId) }));
            // A note is for colleagues only: the customer never hears of it.
            if (t && agent && canWriteTicket(agent, t) && frame.kind !== 'note')
              hub.signalCustomer(t.id, { type: 'typing', typing: frame.typing, agentName: agent.name.split(' ')[0] ?? null });
            return await colleagues.typing(conn, ticketId, frame.typing);
          }
          case 'viewing':
            return await colleagues.viewing(conn, frame.ticketId);
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
      s.supervisor.board.remove(ws);
      if (conn) {
        hub.removeAgent(conn);
        principals.delete(conn);
        colleagues.disconnected(conn).catch((err: unknown) => log.debug({ err }, 'colleagues: not told of a closed socket (shutting down)'));
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

  return { handle, sweepSessions, idle: feed.idle };
}
