/** Who is signed in, and the login form's progress. */
import { createStore } from 'zustand/vanilla';
import type { ApiError, DeskApi, SessionState } from '../../../shared/api/contract';
import type { Presence } from '../../../shared/domain';

export type SessionPhase = 'loading' | 'signedOut' | 'signedIn';

export interface SessionStoreState {
  phase: SessionPhase;
  session: SessionState | null;
  loginPending: boolean;
  loginError: ApiError | null;
  /** A failure outside the form (loading the session, signing out, presence). */
  error: ApiError | null;
  load(): Promise<void>;
  login(serverUrl: string, email: string, password: string): Promise<boolean>;
  logout(keepCache?: boolean): Promise<void>;
  setPresence(presence: Presence, reason?: string): Promise<void>;
  /** A `session:changed` event from main. */
  apply(session: SessionState): void;
}

const phaseOf = (s: SessionState): SessionPhase => (s.signedIn ? 'signedIn' : 'signedOut');

export function createSessionStore({ api }: { api: DeskApi }) {
  return createStore<SessionStoreState>()((set, get) => ({
    phase: 'loading',
    session: null,
    loginPending: false,
    loginError: null,
    error: null,

    async load() {
      const r = await api.invoke('session:get', null);
      if (r.ok) set({ session: r.value, phase: phaseOf(r.value), error: null });
      // Without a session answer the login form is the only useful screen.
      else set({ phase: get().session ? get().phase : 'signedOut', error: r.error });
    },

    async login(serverUrl, email, password) {
      if (get().loginPending) return false;
      set({ loginPending: true, loginError: null });
      const r = await api.invoke('session:login', { serverUrl: serverUrl.trim(), email: email.trim(), password });
      if (r.ok) {
        set({ loginPending: false, session: r.value, phase: phaseOf(r.value), error: null });
        return r.value.signedIn;
      }
      set({ loginPending: false, loginError: r.error });
      return false;
    },

    async logout(keepCache = true) {
      const r = await api.invoke('session:logout', { keepCache });
      if (!r.ok) return set({ error: r.error });
      const s = get().session;
      set({ phase: 'signedOut', session: s ? { ...s, signedIn: false } : null, error: null });
    },

    async setPresence(presence, reason) {
      const r = await api.invoke('presence:set', { presence, ...(reason ? { reason } : {}) });
      const s = get().session;
      if (r.ok && s) set({ session: { ...s, agent: r.value }, error: null });
      else if (!r.ok) set({ error: r.error });
    },

    apply(session) {
      set({ session, phase: phaseOf(session) });
    },
  }));
}

export type SessionStore = ReturnType<typeof createSessionStore>;
