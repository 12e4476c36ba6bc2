/** The public customer API (docs/api.md): what the chat page and the customer simulator use. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CsatRequest, CustomerSendRequest, DemoIdentityTokenRequest, EmailTicketRequest, StartChatRequest } from '../../shared/protocol/customer';
import { DeskError } from '../errors';
import type { Services } from '../services';
import { toWireAttachment } from '../storage/tables/attachments';
import { sendImage } from './images';
import { bearer, parse } from './validate';

const IdParam = z.strictObject({ id: z.string().min(1).max(64) });

export function registerCustomerRoutes(app: FastifyInstance, s: Services): void {
  const chat = (req: FastifyRequest) => s.chats.authenticate(bearer(req.headers.authorization));

  app.get('/api/chat/config', async () => s.chats.config());
  app.get('/api/chat/demo-identities', async () => s.chats.demoIdentities());
  const startLimit = { config: { rateLimit: { max: s.limits.loginPerMinute * 6, timeWindow: 60_000 } } };
  app.post('/api/chat/demo/identity', startLimit, async (req) => s.chats.demoIdentityToken(parse(DemoIdentityTokenRequest, req.body).customerId));
  app.post('/api/chat/start', startLimit, async (req, reply) => {
    const res = await s.chats.startChat(parse(StartChatRequest, req.body), req.ip);
    reply.code(201);
    return res;
  });
  app.post('/api/chat/email', async (req, reply) => {
    const res = await s.chats.emailTicket(parse(EmailTicketRequest, req.body), req.ip);
    reply.code(201);
    return res;
  });
  app.get('/api/chat/state', async (req) => s.chats.state(await chat(req)));
  app.post('/api/chat/messages', async (req) => ({ message: await s.chats.send(await chat(req), parse(CustomerSendRequest, req.body)) }));
  app.put('/api/chat/attachments', async (req, reply) => {
    const t = await chat(req);
    if (!Buffer.isBuffer(req.body)) throw new DeskError('unsupported_media_type', 'Upload the image itself as the body.');
    const row = await s.chats.upload(t, req.body, String(req.headers['x-filename'] ?? 'screenshot'));
    reply.code(201);
    const a = toWireAttachment(row);
    return { attachment: { id: a.id, mime: a.mime, width: a.width, height: a.height, bytes: a.bytes, filename: a.filename } };
  });
  app.get('/api/chat/attachments/:id', async (req, reply) => {
    const { row, data } = await s.chats.attachmentFor(await chat(req), parse(IdParam, req.params).id);
    return sendImage(reply, row, data);
  });
  app.post('/api/chat/csat', async (req) => ({ chat: await s.chats.rate(await chat(req), parse(CsatRequest, req.body)) }));
  app.post('/api/chat/end', async (req) => ({ chat: await s.chats.end(await chat(req)) }));
  app.get('/api/chat/transcript', async (req, reply) => {
    const t = await chat(req);
    const text = await s.chats.transcript(t);
    return reply
      .header('Content-Type', 'text/plain; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="agent-desk-${t.reference}.txt"`)
      .send(text);
  });
}
