/**
 * Agent sessions: opaque random tokens stored hashed, expiring, revocable (closing their sockets).
 * On the async storage interface (docs/storage.md).
 */
import { CLOSE_CODES } from '../../shared/protocol/errors';
import type { Deps } from '../deps';
import type { AsyncStore, AuthTables } from '../storage/async-store';
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

/** Needs only the auth tables (`AuthTables`), so it runs on either engine (docs/storage.md). */
export function createSessions(deps: Pick<Deps, 'hub' | 'clock'> & { storage: AsyncStore<AuthTables> }) {
  const { storage, hub, clock } = deps;

  async function login(email: string, password: string, meta: { ip: string | null; userAgent: string | null }) {
    const creds = await storage.read((tx) => tx.agents.credentials(email));
    // The scrypt time is spent outside any transaction: it must not hold the writer.
    const ok = await verifyPassword(password, creds?.password_hash ?? DUMMY_HASH);
    if (!creds || !ok) {
      await storage.write((tx) => tx.audit({ actorKind: 'agent', actorId: creds?.id ?? null, action: 'auth.login', outcome: 'denied', ip: meta.ip }));
      throw new DeskError('unauthorized', 'Wrong email or password.');
    }
    const token = newToken();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    const sessionId = newId();
    const agent = await storage.write(async (tx) => {
      await tx.sessions.insert({
        id: sessionId,
        agent_id: creds.id,
        token_hash: hashToken(token),
        created_at: tx.now,
        expires_at: expiresAt,
        user_agent: meta.userAgent?.slice(0, 200) ?? null,
        ip: meta.ip,
      });
      await tx.audit({ actorKind: 'agent', actorId: creds.id, action: 'auth.login', outcome: 'ok', ip: meta.ip, details: { sessionId } });
      return (await tx.agents.get(creds.id))!;
    });
    return { token, expiresAt, sessionId, agent: toWireAgent(agent) };
  }

  /** The agent behind a bearer token, or a 401 (unknown, expired or revoked). */
  async function authenticate(token: string | undefined): Promise<AgentPrincipal> {
    const found = await storage.read(async (tx) => {
      const session = token ? await tx.sessions.getByTokenHash(hashToken(token)) : null;
      if (!session || session.revoked_at || session.expires_at <= clock.now().toISOString()) return null;
      const agent = await tx.agents.get(session.agent_id);
      return agent ? { agent, session } : null;
    });
    if (!found) throw new DeskError('unauthorized', 'Your session has ended; sign in again.');
    return found;
  }

  async function revoke(by: AgentPrincipal, sessionId: string): Promise<void> {
    const outcome = await storage.write(async (tx) => {
      const target = await tx.sessions.get(sessionId);
      const allowed = target !== null && (target.agent_id === by.agent.id || by.agent.role === 'supervisor');
      await tx.audit({ actorKind: 'agent', actorId: by.agent.id, action: 'auth.revoke', outcome: allowed ? 'ok' : 'denied', details: { sessionId } });
      if (allowed) await tx.sessions.revoke(sessionId, tx.now);
      return allowed ? 'revoked' : target ? 'forbidden' : 'not_found';
    });
    if (outcome === 'forbidden') throw new DeskError('forbidden', 'You can end only your own sessions.');
    if (outcome === 'not_found') throw new DeskError('not_found', 'No such session.');
    hub.closeSession(sessionId, CLOSE_CODES.sessionRevoked, 'session revoked');
  }

  async function logout(p: AgentPrincipal): Promise<void> {
    await storage.write(async (tx) => {
      await tx.sessions.revoke(p.session.id, tx.now);
      await tx.audit({ actorKind: 'agent', actorId: p.agent.id, action: 'auth.logout', outcome: 'ok' });
    });
    hub.closeSession(p.session.id, CLOSE_CODES.sessionRevoked, 'logged out');
  }

  async function list(p: AgentPrincipal) {
    const sessions = await storage.read((tx) => tx.sessions.activeForAgent(p.agent.id, clock.now().toISOString()));
    return sessions.map((s) => ({
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
