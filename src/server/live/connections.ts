/**
 * The WebSocket gateways' shared set-up: caps on concurrent sockets and the admission queue that
 * runs sign-ins.
 *
 * Caps (QUALITY.md, security): per remote address, counted from the upgrade on whether or not the
 * socket ever signs in; sockets still waiting to sign in, per address (lower); and, once signed
 * in, per agent session and per customer chat token (by token hash, so a chat with several
 * tokens has a cap per token). A socket over a cap is closed with 4008 and a sentence the client
 * shows. Sockets that never sign in are refused before the handshake (HTTP 429) once their
 * address has too many of them waiting: those are the cheap ones to open by the hundred.
 *
 * Admission: signing in is the expensive step of a connection (the customer's `ready` frame
 * carries the chat's whole history). Run inline, a burst of sign-ins monopolised the event loop
 * and delayed everyone else's messages by half a second. Sign-ins therefore wait in a queue
 * that takes turns between addresses and runs for at most a few milliseconds per event-loop
 * turn, so live traffic (message commits, deliveries) runs between slices whatever the burst.
 * A sign-in that reads storage (async) spends its time in the store's queue, not in the slice:
 * so only a few run at once, or a burst would queue its reads ahead of every live write.
 */
import { isIPv6 } from 'node:net';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/protocol/errors';

/** 0 means no cap. */
export interface SocketCaps {
  perAddress: number;
  pendingPerAddress: number;
  perSession: number;
  perChatToken: number;
}

/** What a refused client shows (each at most 123 bytes, the limit of a close reason). */
export const REFUSAL = {
  address: 'Too many connections from your network; close some windows or try again in a minute.',
  session: 'This sign-in is open in too many Agent Desk windows; close one and try again.',
  chatToken: 'Too many chat windows are open for this chat; close one and try again.',
} as const;

/** How long a refused socket may take to finish the close handshake before it is cut. */
const REFUSED_GRACE_MS = 1_000;
/** Sign-in work per event-loop turn before live traffic gets its turn. */
const ADMISSION_SLICE_MS = 4;
/** Async sign-ins (reading storage) in flight at once; the next waits until one has settled. */
const SIGN_INS_IN_FLIGHT = 2;
/** Frames a client may send after `auth` before its sign-in ran (clients wait for `ready`). */
const MAX_HELD_FRAMES = 16;

/**
 * The key a remote address is counted under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64,
 * which one subscriber usually holds whole (counting single IPv6 addresses would cap nobody).
 */
export function addressKey(remote: string | undefined): string {
  if (!remote) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remote);
  if (mapped) return mapped[1]!;
  if (!isIPv6(remote)) return remote;
  const addr = remote.split('%', 1)[0]!.toLowerCase();
  const [head, tail] = addr.includes('::') ? (addr.split('::') as [string, string]) : [addr, null];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0); // an IPv4 tail is two groups
  const groups = [...headGroups, ...Array<string>(tail === null ? 0 : 8 - width(headGroups) - width(tailGroups)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

interface Tracked {
  address: string;
  signedIn: boolean;
  /** `session:<id>` or `chat:<token hash>` once signed in. */
  key: string | null;
}

export function createConnections(caps: SocketCaps, log: { error(obj: object, msg?: string): void }) {
  const sockets = new Map<WebSocket, Tracked>();
  const byAddress = new Map<string, { open: number; pending: number }>();
  const byKey = new Map<string, number>();
  const over = (cap: number, n: number) => cap > 0 && n >= cap;

  function release(ws: WebSocket): void {
    const t = sockets.get(ws);
    if (!t) return;
    sockets.delete(ws);
    const a = byAddress.get(t.address)!;
    a.open--;
    if (!t.signedIn) a.pending--;
    if (a.open === 0) byAddress.delete(t.address);
    if (t.key) {
      const n = byKey.get(t.key)! - 1;
      if (n === 0) byKey.delete(t.key);
      else byKey.set(t.key, n);
    }
  }

  function refuse(ws: WebSocket, reason: string): void {
    ws.close(CLOSE_CODES.tooManyConnections, reason);
    // A client that never answers the close frame does not get to keep the socket.
    setTimeout(() => ws.terminate(), REFUSED_GRACE_MS).unref();
  }

  // ---- admission: round-robin between addresses, a few milliseconds per turn -------------------
  // A job returns a promise when its sign-in is async; it never rejects (the gate reports).
  const waiting = new Map<string, (() => Promise<void> | void)[]>();
  let scheduled = false;
  let inFlight = 0;
  function drain(): void {
    scheduled = false;
    const until = performance.now() + ADMISSION_SLICE_MS;
    for (const [address, jobs] of waiting) {
      if (inFlight >= SIGN_INS_IN_FLIGHT) break;
      // Take one job, then send this address to the back of the line.
      waiting.delete(address);
      const job = jobs.shift()!;
      if (jobs.length > 0) waiting.set(address, jobs);
      try {
        const pending = job();
        if (pending) {
          inFlight++;
          void pending
            .catch((err: unknown) => log.error({ err }, 'gateway: sign-in failed'))
            .finally(() => {
              inFlight--;
              schedule();
            });
        }
      } catch (err) {
        log.error({ err }, 'gateway: sign-in failed');
      }
      if (performance.now() >= until) break;
    }
    schedule();
  }
  function schedule(): void {
    if (scheduled || waiting.size === 0 || inFlight >= SIGN_INS_IN_FLIGHT) return;
    scheduled = true;
    setImmediate(drain);
  }

  return {
    /** Before the handshake: false when this address already has too many sockets waiting to sign in. */
    mayUpgrade(address: string): boolean {
      return !over(caps.pendingPerAddress, byAddress.get(address)?.pending ?? 0);
    },

    /**
     * Counts a socket that completed the handshake until it closes. Returns the reason to refuse
     * it with when its address is over the cap (the socket is then closed by `refuse`).
     */
    opened(ws: WebSocket, address: string): string | null {
      let a = byAddress.get(address);
      if (!a) byAddress.set(address, (a = { open: 0, pending: 0 }));
      const full = over(caps.perAddress, a.open);
      a.open++;
      a.pending++;
      sockets.set(ws, { address, signedIn: false, key: null });
      ws.once('close', () => release(ws));
      return full ? REFUSAL.address : null;
    },

    /**
     * A socket signed in as an agent session or with a chat token (its hash). Returns the reason
     * to refuse it with when that session or token already has its fill of sockets.
     */
    signIn(ws: WebSocket, kind: 'session' | 'chatToken', id: string): string | null {
      const t = sockets.get(ws);
      if (!t || t.signedIn) return null;
      const key = `${kind}:${id}`;
      const n = byKey.get(key) ?? 0;
      if (over(kind === 'session' ? caps.perSession : caps.perChatToken, n)) return kind === 'session' ? REFUSAL.session : REFUSAL.chatToken;
      byKey.set(key, n + 1);
      t.key = key;
      t.signedIn = true;
      byAddress.get(t.address)!.pending--;
      return null;
    },

    refuse,

    /**
     * One socket's frames in order around its sign-in: `signIn` runs when the socket's turn in the
     * admission queue comes (not at all if it closed meanwhile); frames arriving meanwhile are
     * held and handed to `handle` right after, as if the sign-in had run at once. An async
     * sign-in (one that reads storage) keeps holding frames until it has settled; it must not
     * reject (it reports its own errors). The admission slice counts its synchronous part; at most
     * `SIGN_INS_IN_FLIGHT` async sign-ins run at once.
     */
    gate<F>(ws: WebSocket, handle: (frame: F) => void) {
      let held: F[] | null = null;
      const release = (): void => {
        const later = held ?? [];
        held = null;
        for (const f of later) if (ws.readyState === ws.OPEN) handle(f);
      };
      return {
        signingIn: () => held !== null,
        /** `run` may return a promise (an async sign-in): held frames wait for it to settle. */
        signIn(run: () => unknown): void {
          held = [];
          const address = sockets.get(ws)?.address ?? 'unknown';
          let jobs = waiting.get(address);
          if (!jobs) waiting.set(address, (jobs = []));
          jobs.push(() => {
            if (ws.readyState !== ws.OPEN) {
              held = null;
              return;
            }
            const pending = run();
            if (!(pending instanceof Promise)) return release();
            return pending.then(release, (err: unknown) => {
              log.error({ err }, 'gateway: sign-in failed');
              release();
            });
          });
          schedule();
        },
        frame(f: F): void {
          if (!held) return handle(f);
          if (held.length >= MAX_HELD_FRAMES) ws.close(CLOSE_CODES.policyViolation, 'wait for ready');
          else held.push(f);
        },
      };
    },

    /** Open and waiting-to-sign-in sockets of an address (tests, diagnostics). */
    countFor: (address: string) => ({ open: byAddress.get(address)?.open ?? 0, pending: byAddress.get(address)?.pending ?? 0 }),
  };
}
export type Connections = ReturnType<typeof createConnections>;
