import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol/errors';
import { addressKey, createConnections, REFUSAL } from './connections';

/** Just enough of a ws WebSocket: readyState, close, terminate and the close event. */
function fakeSocket() {
  const ws = Object.assign(new EventEmitter(), {
    OPEN: 1,
    readyState: 1,
    closedWith: null as null | { code: number; reason: string },
    close(code: number, reason: string) {
      ws.closedWith = { code, reason };
      ws.readyState = 2;
    },
    terminate() {
      ws.readyState = 3;
      ws.emit('close');
    },
    /** The peer went away. */
    gone() {
      ws.readyState = 3;
      ws.emit('close');
    },
  });
  return ws as typeof ws & WebSocket;
}

const noLog = { error: () => undefined };
const tick = () => new Promise((r) => setImmediate(r));

describe('addressKey', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.0.0.7', '10.0.0.7'],
    ['::FFFF:192.168.1.2', '192.168.1.2'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    [undefined, 'unknown'],
  ])('%s counts as %s', (remote, key) => expect(addressKey(remote)).toBe(key));
});

describe('connection caps', () => {
  it('counts sockets per address until they close, signed in or not', () => {
    const c = createConnections({ perAddress: 2, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, noLog);
    const a = fakeSocket();
    const b = fakeSocket();
    expect(c.opened(a, '10.0.0.1')).toBeNull();
    expect(c.opened(b, '10.0.0.1')).toBeNull();
    expect(c.opened(fakeSocket(), '10.0.0.2')).toBeNull();
    const over = fakeSocket();
    expect(c.opened(over, '10.0.0.1')).toBe(REFUSAL.address);
    over.gone();
    a.gone();
    expect(c.countFor('10.0.0.1')).toEqual({ open: 1, pending: 1 });
    expect(c.opened(fakeSocket(), '10.0.0.1')).toBeNull();
  });

  it('refuses upgrades while an address has too many sockets waiting to sign in', () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 2, perSession: 0, perChatToken: 0 }, noLog);
    const a = fakeSocket();
    c.opened(a, '10.0.0.1');
    c.opened(fakeSocket(), '10.0.0.1');
    expect(c.mayUpgrade('10.0.0.1')).toBe(false);
    expect(c.mayUpgrade('10.0.0.2')).toBe(true);
    expect(c.signIn(a, 'session', 's1')).toBeNull();
    expect(c.mayUpgrade('10.0.0.1')).toBe(true);
  });

  it('caps sockets per session and per chat token, and frees the place when one closes', () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 1, perChatToken: 2 }, noLog);
    const [s1, s2, t1, t2, t3] = [fakeSocket(), fakeSocket(), fakeSocket(), fakeSocket(), fakeSocket()];
    for (const s of [s1, s2, t1, t2, t3]) c.opened(s, '10.0.0.1');
    expect(c.signIn(s1, 'session', 'abc')).toBeNull();
    expect(c.signIn(s2, 'session', 'abc')).toBe(REFUSAL.session);
    expect(c.signIn(t1, 'chatToken', 'abc')).toBeNull(); // a token hash is not a session id
    expect(c.signIn(t2, 'chatToken', 'abc')).toBeNull();
    expect(c.signIn(t3, 'chatToken', 'abc')).toBe(REFUSAL.chatToken);
    s1.gone();
    expect(c.signIn(s2, 'session', 'abc')).toBeNull();
    expect(c.countFor('10.0.0.1')).toEqual({ open: 4, pending: 1 });
  });

  it('refuses with 4008 and cuts a socket that does not finish the close handshake', async () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, noLog);
    const ws = fakeSocket();
    c.opened(ws, '10.0.0.1');
    c.refuse(ws, REFUSAL.chatToken);
    expect(ws.closedWith).toEqual({ code: CLOSE_CODES.tooManyConnections, reason: REFUSAL.chatToken });
    await new Promise((r) => setTimeout(r, 1100));
    expect(ws.readyState).toBe(3);
    expect(c.countFor('10.0.0.1')).toEqual({ open: 0, pending: 0 });
  });

  it('keeps every refusal reason within the 123 bytes a close reason may have', () => {
    for (const reason of Object.values(REFUSAL)) expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
  });
});

describe('admission', () => {
  it('takes turns between addresses, so one address’s burst of sign-ins does not queue everyone else behind it', async () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, noLog);
    const ran: string[] = [];
    for (let i = 0; i < 10; i++) {
      const ws = fakeSocket();
      c.opened(ws, 'attacker');
      c.gate(ws, () => undefined).signIn(() => ran.push(`a${i}`));
    }
    const ws = fakeSocket();
    c.opened(ws, 'customer');
    c.gate(ws, () => undefined).signIn(() => ran.push('customer'));
    for (let i = 0; i < 20 && ran.length < 11; i++) await tick();
    expect(ran.indexOf('customer')).toBe(1);
    expect(ran).toHaveLength(11);
  });

  it('runs sign-ins a few milliseconds per event-loop turn, so other work gets its turn between slices', async () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, noLog);
    let ran = 0;
    for (let i = 0; i < 20; i++) {
      const ws = fakeSocket();
      c.opened(ws, `10.0.0.${i}`);
      c.gate(ws, () => undefined).signIn(() => {
        const until = performance.now() + 2;
        while (performance.now() < until); // a 2 ms sign-in
        ran++;
      });
    }
    await tick();
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThanOrEqual(3);
    for (let i = 0; i < 40 && ran < 20; i++) await tick();
    expect(ran).toBe(20);
  });

  it('holds frames that arrive while the sign-in waits and hands them over in order after it', async () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, noLog);
    const ws = fakeSocket();
    c.opened(ws, '10.0.0.1');
    const seen: string[] = [];
    const gate = c.gate<string>(ws, (f) => seen.push(f));
    gate.signIn(() => seen.push('signed in'));
    gate.frame('first');
    gate.frame('second');
    expect(gate.signingIn()).toBe(true);
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toEqual(['signed in', 'first', 'second']);
    gate.frame('later');
    expect(seen.at(-1)).toBe('later');
  });

  it('an async sign-in (one that reads storage) keeps holding frames until it has settled, then hands them over in order', async () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, noLog);
    const ws = fakeSocket();
    c.opened(ws, '10.0.0.1');
    const seen: string[] = [];
    const gate = c.gate<string>(ws, (f) => seen.push(f));
    let finish!: () => void;
    gate.signIn(async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      seen.push('signed in');
    });
    gate.frame('first');
    await tick(); // the sign-in has started and now waits
    gate.frame('second');
    expect(gate.signingIn()).toBe(true);
    expect(seen).toEqual([]);
    finish();
    for (let i = 0; i < 5 && seen.length < 3; i++) await tick();
    expect(seen).toEqual(['signed in', 'first', 'second']);
    expect(gate.signingIn()).toBe(false);
    gate.frame('later');
    expect(seen.at(-1)).toBe('later');
  });

  it('a failed async sign-in is logged and its held frames still reach the handler (which refuses them)', async () => {
    const errors: unknown[] = [];
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, { error: (obj) => void errors.push(obj) });
    const ws = fakeSocket();
    c.opened(ws, '10.0.0.1');
    const seen: string[] = [];
    const gate = c.gate<string>(ws, (f) => seen.push(f));
    gate.signIn(async () => {
      await tick();
      throw new Error('storage down');
    });
    gate.frame('held');
    for (let i = 0; i < 5 && seen.length < 1; i++) await tick();
    expect(seen).toEqual(['held']);
    expect(errors).toHaveLength(1);
    expect(gate.signingIn()).toBe(false);
  });

  it('closes a socket that piles up frames before its sign-in ran, and skips the sign-in of a closed socket', async () => {
    const c = createConnections({ perAddress: 0, pendingPerAddress: 0, perSession: 0, perChatToken: 0 }, noLog);
    const ws = fakeSocket();
    c.opened(ws, '10.0.0.1');
    let signedIn = false;
    const gate = c.gate<number>(ws, () => undefined);
    gate.signIn(() => (signedIn = true));
    for (let i = 0; i < 17; i++) gate.frame(i);
    expect(ws.closedWith?.code).toBe(CLOSE_CODES.policyViolation);
    ws.gone();
    await tick();
    expect(signedIn).toBe(false);
  });
});
