/** Agent sessions: opaque random tokens stored hashed, expiring, revocable (closing their sockets). */
import { CLOSE_CODES } from '../../shared/protocol/errors';
import type { Deps } from '../deps';
import { DeskError } from '../errors';
import type { Agent } from '../storage/tables/agents';
import { toWireAgent } from '../storage/tables/agents';
import type { SessionRow } from '../storage/tables/sessions';
import { hashToken, newId, newToken } from '../util/ids';
import { verifyPassword } from './password';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000; // one long shift

export interface AgentPrincipal {
  agent: Agent;
  session: SessionRow;
}

// Spend the same scrypt time on unknown emails so timing does not reveal which exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function createSessions(deps: Deps) {
  const { store, hub, clock } = deps;

  async function login(email: string, password: string, meta: { ip: string | null; userAgent: string | null }) {
    const creds = store.agents.credentials(email);
    const ok = await verifyPassword(password, creds?.password_hash ?? DUMMY_HASH);
    if (!creds || !ok) {
      store.write((ctx) => ctx.audit({ actorKind: 'agent', actorId: creds?.id ?? null, action: 'auth.login', outcome: 'denied', ip: meta.ip }));
      throw new DeskError('unauthorized', 'Wrong email or password.');
    }
    const token = newToken();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    const sessionId = newId();
    store.write((ctx) => {
      store.sessions.insert({
        id: sessionId,
        agent_id: creds.id,
        token_hash: hashToken(token),
        created_at: ctx.now,
        expires_at: expiresAt,
        user_agent: meta.userAgent?.slice(0, 200) ?? null,
        ip: meta.ip,
      });
      ctx.audit({ actorKind: 'agent', actorId: creds.id, action: 'auth.login', outcome: 'ok', ip: meta.ip, details: { sessionId } });
    });
    const agent = store.agents.get(creds.id)!;
    return { token, expiresAt, sessionId, agent: toWireAgent(agent) };
  }

  /** The agent behind a bearer token, or a 401 (unknown, expired or revoked). */
  function authenticate(token: string | undefined): AgentPrincipal {
    const session = token ? store.sessions.getByTokenHash(hashToken(token)) : null;
    if (!session || session.revoked_at || session.expires_at <= clock.now().toISOString())
      throw new DeskError('unauthorized', 'Your session has ended; sign in again.');
    const agent = store.agents.get(session.agent_id);
    if (!agent) throw new DeskError('unauthorized', 'Your session has ended; sign in again.');
    return { agent, session };
  }

  function revoke(by: AgentPrincipal, sessionId: string): void {
    const target = store.sessions.get(sessionId);
    const allowed = target && (target.agent_id === by.agent.id || by.agent.role === 'supervisor');
    store.write((ctx) => {
      ctx.audit({ actorKind: 'agent', actorId: by.agent.id, action: 'auth.revoke', outcome: allowed ? 'ok' : 'denied', details: { sessionId } });
      if (allowed) store.sessions.revoke(sessionId, ctx.now);
    });
    if (!allowed) throw new DeskError(target ? 'forbidden' : 'not_found', target ? 'You can end only your own sessions.' : 'No such session.');
    hub.closeSession(sessionId, CLOSE_CODES.sessionRevoked, 'session revoked');
  }

  function logout(p: AgentPrincipal): void {
    store.write((ctx) => {
      store.sessions.revoke(p.session.id, ctx.now);
      ctx.audit({ actorKind: 'agent', actorId: p.agent.id, action: 'auth.logout', outcome: 'ok' });
    });
    hub.closeSession(p.session.id, CLOSE_CODES.sessionRevoked, 'logged out');
  }

  function list(p: AgentPrincipal) {
    return store.sessions.activeForAgent(p.agent.id, clock.now().toISOString()).map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      expiresAt: s.expires_at,
      userAgent: s.user_agent,
      current: s.id === p.session.id,
    }));
  }

  return { login, authenticate, revoke, logout, list };
}
export type Sessions = ReturnType<typeof createSessions>;
