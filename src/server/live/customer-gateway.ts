/** The customer gateway (/ws/chat): the chat page's live channel for one ticket. */
import type { WebSocket } from 'ws';
import { CustomerClientFrame } from '../../shared/protocol/customer';
import { CLOSE_CODES } from '../../shared/protocol/errors';
import { DeskError } from '../errors';
import type { Services } from '../services';
import type { LiveSocket } from './hub';
import { AUTH_TIMEOUT_MS, decodeFrame, frameLimiter, sendJson } from './frames';

export function createCustomerGateway(s: Services) {
  const { store, hub, log } = s.deps;

  function handle(ws: WebSocket): void {
    const allow = frameLimiter(s.limits.framesPerSecond);
    let ticketId: string | null = null;
    const live: LiveSocket = { send: (d) => ws.readyState === ws.OPEN && ws.send(d), close: (c, r) => ws.close(c, r) };
    const authTimer = setTimeout(() => ws.close(CLOSE_CODES.authTimeout, 'authenticate first'), AUTH_TIMEOUT_MS);

    ws.on('message', (data, isBinary) => {
      const raw = decodeFrame(ws, data, isBinary, allow);
      if (raw === undefined) return;
      const parsed = CustomerClientFrame.safeParse(raw);
      if (!parsed.success) {
        sendJson(ws, { type: 'error', code: 'bad_request', message: `Unknown or malformed frame: ${parsed.error.issues[0]?.message ?? 'invalid'}.` });
        return;
      }
      const frame = parsed.data;
      try {
        if (frame.type === 'auth') {
          if (ticketId) return;
          const t = s.chats.authenticate(frame.token);
          clearTimeout(authTimer);
          ticketId = t.id;
          hub.addCustomer(t.id, live);
          sendJson(ws, { type: 'ready', ...s.chats.state(t) });
          return;
        }
        if (!ticketId) {
          ws.close(CLOSE_CODES.unauthorized, 'authenticate first');
          return;
        }
        const t = store.tickets.get(ticketId)!;
        switch (frame.type) {
          case 'message': {
            const m = s.chats.send(t, { clientMsgId: frame.clientMsgId, body: frame.body, attachmentIds: frame.attachmentIds });
            sendJson(ws, { type: 'ack', clientMsgId: frame.clientMsgId, messageId: m.id });
            return;
          }
          case 'typing':
            s.chats.typing(t, frame.typing);
            return;
          case 'ping':
            sendJson(ws, { type: 'pong' });
            return;
        }
      } catch (err) {
        if (err instanceof DeskError) {
          // Name the refused message so the page can mark it at once.
          sendJson(ws, { type: 'error', code: err.code, message: err.message, ...(frame.type === 'message' ? { clientMsgId: frame.clientMsgId } : {}) });
          if (err.code === 'unauthorized') ws.close(CLOSE_CODES.unauthorized, 'unauthorized');
        } else {
          log.error({ err }, 'customer gateway: frame failed');
          sendJson(ws, { type: 'error', code: 'internal', message: 'Something went wrong; your message was not sent. Try again.', ...(frame.type === 'message' ? { clientMsgId: frame.clientMsgId } : {}) });
        }
      }
    });
    ws.on('close', () => {
      clearTimeout(authTimer);
      if (ticketId) hub.removeCustomer(ticketId, live);
    });
  }

  return { handle };
}
