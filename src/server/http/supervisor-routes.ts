/**
 * The supervisor API (docs/api.md, "Supervisor"; docs/figures.md): the board, the figures, and
 * the floor actions, and the formal complaints supervisors work. Supervisors only: anyone else gets a 403, and the refusal is audited as
 * every other denial is (http/agent-routes.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FiguresQuery, ReassignBody, SetAgentBody, TakeOverBody, WhisperBody } from '../../shared/protocol/supervisor';
import type { AgentPrincipal } from '../auth/sessions';
import { DeskError } from '../errors';
import type { Services } from '../services';
import { bearer, parse } from './validate';

const IdParam = z.strictObject({ id: z.string().min(1).max(64) });
const NoQuery = z.strictObject({});

export function registerSupervisorRoutes(app: FastifyInstance, s: Services): void {
  const { board, figures, actions, complaints } = s.supervisor;

  /** The signed-in supervisor; anyone else is refused (audited, committed before the answer). */
  async function supervisor(req: FastifyRequest, action: string, ticketId: string | null = null): Promise<AgentPrincipal['agent']> {
    const p = await s.sessions.authenticate(bearer(req.headers.authorization));
    if (p.agent.role === 'supervisor') return p.agent;
    await s.deps.storage.write((tx) => tx.audit({ actorKind: 'agent', actorId: p.agent.id, action, outcome: 'denied', ticketId }));
    throw new DeskError('forbidden', 'Only supervisors can do that.');
  }
  const ticketParam = (req: FastifyRequest) => parse(IdParam, req.params).id;

  app.get('/api/supervisor/board', async (req) => {
    await supervisor(req, 'supervisor.board');
    parse(NoQuery, req.query);
    return { board: await board.current() };
  });
  app.get('/api/supervisor/figures', async (req) => {
    await supervisor(req, 'supervisor.figures');
    return figures.figures(parse(FiguresQuery, req.query).range);
  });

  app.get('/api/supervisor/complaints', async (req) => {
    await supervisor(req, 'supervisor.complaints');
    parse(NoQuery, req.query);
    return complaints();
  });

  app.post('/api/supervisor/agents/:id', async (req) => {
    const sup = await supervisor(req, 'supervisor.agent');
    return { agent: await actions.setAgent(sup, parse(IdParam, req.params).id, parse(SetAgentBody, req.body)) };
  });
  app.post('/api/supervisor/tickets/:id/reassign', async (req) => {
    const id = ticketParam(req);
    const sup = await supervisor(req, 'supervisor.reassign', id);
    return { ticket: await actions.reassign(sup, id, parse(ReassignBody, req.body)) };
  });
  app.post('/api/supervisor/tickets/:id/whisper', async (req) => {
    const id = ticketParam(req);
    const sup = await supervisor(req, 'supervisor.whisper', id);
    return { message: await actions.whisper(sup, id, parse(WhisperBody, req.body).body) };
  });
  app.post('/api/supervisor/tickets/:id/take-over', async (req) => {
    const id = ticketParam(req);
    const sup = await supervisor(req, 'supervisor.take_over', id);
    return { ticket: await actions.takeOver(sup, id, parse(TakeOverBody, req.body ?? {}).note) };
  });
  app.get('/api/supervisor/tickets/:id', async (req) => {
    const id = ticketParam(req);
    const sup = await supervisor(req, 'supervisor.open', id);
    return actions.openSilently(sup, id);
  });
}
