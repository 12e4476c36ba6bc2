/** The agent API (docs/api.md): auth, presence, sync pull/push, lookups, attachments. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Presence } from '../../shared/domain';
import { PushRequest, PullQuery } from '../../shared';
import { parseReference } from '../../shared/reference';
import { UPLOAD_MIME_TYPES } from '../../shared/protocol/customer';
import { toWireAgent } from '../storage/tables/agents';
import { toWireTicket } from '../storage/tables/tickets';
import { toWireAttachment } from '../storage/tables/attachments';
import type { Services } from '../services';
import { DeskError } from '../errors';
import { bearer, parse } from './validate';
import type { AgentPrincipal } from '../auth/sessions';
import { canReadTicket, canWriteTicket } from '../tickets/access';
import { sendImage } from './images';
import { followMerges } from '../tickets/merge';
import { CaseFromCallBody, CustomerLookupQuery } from '../tickets/phone';

const LoginBody = z.strictObject({ email: z.string().trim().max(200), password: z.string().min(1).max(200) });
const PresenceBody = z.strictObject({ presence: Presence, reason: z.string().trim().max(100).optional(), capacity: z.number().int().min(0).max(20).optional() });
const IdParam = z.strictObject({ id: z.string().min(1).max(64) });
const RefParam = z.strictObject({ reference: z.string().min(1).max(20) });
const UploadQuery = z.strictObject({ ticketId: z.string().min(1).max(64) });

export function registerAgentRoutes(app: FastifyInstance, s: Services): void {
  const principal = (req: FastifyRequest): Promise<AgentPrincipal> => s.sessions.authenticate(bearer(req.headers.authorization));

  app.post('/api/auth/login', { config: { rateLimit: { max: s.limits.loginPerMinute, timeWindow: 60_000 } } }, async (req) => {
    const body = parse(LoginBody, req.body);
    return s.sessions.login(body.email, body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
  });
  app.post('/api/auth/logout', async (req) => {
    await s.sessions.logout(await principal(req));
    return { ok: true };
  });
  app.get('/api/auth/me', async (req) => ({ agent: toWireAgent((await principal(req)).agent) }));
  app.get('/api/auth/sessions', async (req) => ({ sessions: await s.sessions.list(await principal(req)) }));
  app.post('/api/auth/sessions/:id/revoke', async (req) => {
    await s.sessions.revoke(await principal(req), parse(IdParam, req.params).id);
    return { ok: true };
  });

  app.put('/api/agents/me/presence', async (req) => {
    const p = await principal(req);
    const body = parse(PresenceBody, req.body);
    return { agent: toWireAgent(await s.presence.set(p.agent, body.presence, body.reason ?? null, body.capacity)) };
  });

  app.get('/api/sync/pull', async (req) => s.pull.pull((await principal(req)).agent, parse(PullQuery, req.query)));
  app.post('/api/sync/push', async (req) => {
    const p = await principal(req);
    return s.push.push(p, parse(PushRequest, req.body));
  });

  app.get('/api/tickets/by-reference/:reference', async (req) => {
    const p = await principal(req);
    const parsed = parseReference(parse(RefParam, req.params).reference);
    if (!parsed.ok)
      throw new DeskError('bad_request', parsed.reason === 'check' ? 'That reference has a mistyped character (the check character does not match).' : 'That is not a reference number.');
    // A merged case's reference leads to the case it was merged into.
    const t = await s.deps.storage.read(async (tx) => followMerges(tx, await tx.tickets.getByReference(parsed.reference)));
    if (!t || !canReadTicket(p.agent, t)) throw await denied(p, 'ticket.lookup', t?.id ?? null);
    return { ticket: toWireTicket(t) };
  });

  // Assist (docs/assist.md): the resolved cases of the agent's regions, for suggestions and similar cases on the desktop.
  app.get('/api/assist/corpus', async (req) => s.corpus.forAgent((await principal(req)).agent));

  // Phone: find the caller by email, then open a case from the call (tickets/phone.ts).
  app.get('/api/customers/lookup', async (req) => ({ customers: await s.phone.lookup((await principal(req)).agent, parse(CustomerLookupQuery, req.query).email) }));
  app.post('/api/cases/from-call', async (req, reply) => {
    const p = await principal(req);
    const created = await s.phone.caseFromCall(p.agent, parse(CaseFromCallBody, req.body));
    reply.code(201);
    return created;
  });

  app.put('/api/attachments', async (req, reply) => {
    const p = await principal(req);
    const { ticketId } = parse(UploadQuery, req.query);
    const t = await s.deps.storage.read((tx) => tx.tickets.get(ticketId));
    if (!t || !canWriteTicket(p.agent, t)) throw await denied(p, 'attachment.upload', ticketId);
    if (!Buffer.isBuffer(req.body)) throw new DeskError('unsupported_media_type', `Upload the image itself as the body (${UPLOAD_MIME_TYPES.join(', ')}).`);
    const row = await s.attachments.uploadForAgent(p.agent, t, req.body, String(req.headers['x-filename'] ?? 'image'));
    reply.code(201);
    return { attachment: toWireAttachment(row) };
  });
  app.get('/api/attachments/:id', async (req, reply) => {
    const p = await principal(req);
    const { id } = parse(IdParam, req.params);
    const { row, t } = await s.deps.storage.read(async (tx) => {
      const row = await tx.attachments.get(id);
      return { row, t: row ? await tx.tickets.get(row.ticket_id) : null };
    });
    if (!row || !t || !canReadTicket(p.agent, t)) throw await denied(p, 'attachment.download', t?.id ?? null);
    return sendImage(reply, row, s.files.get(row.sha256));
  });

  app.get('/api/queues', async (req) => {
    const p = await principal(req);
    if (p.agent.role !== 'supervisor') throw await denied(p, 'queues.read', null);
    return { queues: await s.router.figures() };
  });

  /** A refusal is audited (committed before it is answered) and says nothing about whether the thing exists. */
  async function denied(p: AgentPrincipal, action: string, ticketId: string | null): Promise<DeskError> {
    await s.deps.storage.write((tx) => tx.audit({ actorKind: 'agent', actorId: p.agent.id, action, outcome: 'denied', ticketId }));
    return new DeskError('forbidden', 'You do not have access to that case.');
  }
}
