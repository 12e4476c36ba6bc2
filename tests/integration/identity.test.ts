/**
 * Customers are who the company's site says they are: a signed identity token, verified with
 * jose against the configured key. Knowing an email address and a reference gives nobody a case.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, PullResponse } from '../../src/shared/protocol/sync';
import { api, clientMsgId } from '../helpers/api';
import { startTestServer, type LoginResult, type TestServer } from '../helpers/server';
import { agentsIn, customerIn, demoIdentityToken, setPresence, startChat, startVisitorChat, type StartedChat } from '../helpers/world';
import { customerSocket } from '../helpers/ws';

const SECRET = 'a-company-secret-of-at-least-32-bytes!!';
const secretKey = new TextEncoder().encode(SECRET);

interface Claims extends JWTPayload {
  name?: string;
  email?: string;
}

/** Signs an identity token the way the company's site would; every part can be spoiled. */
async function sign(
  claims: Claims,
  opts: { key?: Uint8Array | CryptoKey; alg?: string; aud?: string; iss?: string; iat?: number; exp?: number; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', ...(opts.kid ? { kid: opts.kid } : {}) })
    .setAudience(opts.aud ?? 'agent-desk')
    .setIssuedAt(opts.iat ?? now)
    .setExpirationTime(opts.exp ?? now + 600);
  if (opts.iss) jwt.setIssuer(opts.iss);
  return jwt.sign(opts.key ?? secretKey);
}

const customerRow = async (srv: TestServer, id: string) => await srv.sqlOne('SELECT id, name, email, identity FROM customers WHERE id = ?', id) as { id: string; name: string; email: string; identity: string };

const start = (srv: TestServer, body: Record<string, unknown>) =>
  api<StartedChat & { error?: { code: string; message: string } }>(srv.url, 'POST', '/api/chat/start', {
    body: { category: 'payment_delay', description: 'My payment has not shown up.', ...body },
  });

const chatState = (srv: TestServer, token: string) =>
  api<{ chat: { ticketId: string; verified: boolean; linkedReference: string | null }; messages: { body: string; authorKind: string }[] }>(srv.url, 'GET', '/api/chat/state', { token });

describe('identity tokens signed with an HS256 secret', () => {
  let srv: TestServer;
  let customerId: string;

  beforeAll(async () => {
    srv = await startTestServer({ identity: { secret: SECRET, issuer: 'https://shop.example' } });
    customerId = await customerIn(srv, 'eu-north', 3);
  });
  afterAll(async () => srv?.close());

  const good = (over: Claims = {}) => sign({ sub: customerId, name: 'Ava Berg', email: 'ava@example.com', ...over }, { iss: 'https://shop.example' });

  it('a valid token starts a verified chat for exactly that customer, with the name and email the company gives', async () => {
    const res = await start(srv, { identityToken: await good() });
    expect(res.status).toBe(201);
    expect(res.body.chat).toMatchObject({ verified: true, linkedReference: null });
    const t = await srv.sqlOne('SELECT customer_id FROM tickets WHERE id = ?', res.body.chat.ticketId) as { customer_id: string };
    expect(t.customer_id).toBe(customerId);
    expect(await customerRow(srv, customerId)).toMatchObject({ name: 'Ava Berg', email: 'ava@example.com', identity: 'verified' });
  });

  it('a customer the desk has never seen is created under the id the company gives', async () => {
    const res = await start(srv, { identityToken: await sign({ sub: 'shop-cust-77', name: 'New Person', email: 'new@example.com', region: 'uk' }, { iss: 'https://shop.example' }) });
    expect(res.status).toBe(201);
    expect(await customerRow(srv, 'shop-cust-77')).toMatchObject({ name: 'New Person', identity: 'verified' });
  });

  const refused: [string, () => Promise<string>, RegExp][] = [
    ['signed with another secret', () => sign({ sub: 'x1', name: 'A', email: 'a@example.com' }, { key: new TextEncoder().encode('another-secret-another-secret-another'), iss: 'https://shop.example' }), /could not be verified/],
    ['expired', () => sign({ sub: 'x1', name: 'A', email: 'a@example.com' }, { iat: Math.floor(Date.now() / 1000) - 1200, exp: Math.floor(Date.now() / 1000) - 600, iss: 'https://shop.example' }), /expired/],
    ['for another audience', () => sign({ sub: 'x1', name: 'A', email: 'a@example.com' }, { aud: 'some-other-app', iss: 'https://shop.example' }), /could not be verified/],
    ['from another issuer', () => sign({ sub: 'x1', name: 'A', email: 'a@example.com' }, { iss: 'https://evil.example' }), /could not be verified/],
    ['without an issuer', () => sign({ sub: 'x1', name: 'A', email: 'a@example.com' }), /could not be verified/],
    ['living longer than an hour', () => sign({ sub: 'x1', name: 'A', email: 'a@example.com' }, { exp: Math.floor(Date.now() / 1000) + 86_400, iss: 'https://shop.example' }), /could not be verified/],
    ['without a subject', () => sign({ name: 'A', email: 'a@example.com' }, { iss: 'https://shop.example' }), /could not be verified/],
    ['without an email', () => sign({ sub: 'x1', name: 'A' }, { iss: 'https://shop.example' }), /could not be verified/],
    ['with alg none', async () => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x1', name: 'A', email: 'a@example.com', aud: 'agent-desk', iss: 'https://shop.example', iat: now, exp: now + 600 })}.`;
    }, /could not be verified/],
    ['with a tampered payload', async () => {
      const [h, , s] = (await good()).split('.');
      const now = Math.floor(Date.now() / 1000);
      const p = Buffer.from(JSON.stringify({ sub: 'someone-else', name: 'A', email: 'a@example.com', aud: 'agent-desk', iss: 'https://shop.example', iat: now, exp: now + 600 })).toString('base64url');
      return `${h}.${p}.${s}`;
    }, /could not be verified/],
    ['that is not a JWT at all', async () => 'this-is-not-a-jwt-at-all', /could not be verified/],
  ];
  it.each(refused)('a token %s is refused with 401 and nothing is written', async (_name, token, message) => {
    const before = (await srv.sqlOne('SELECT count(*) AS n FROM tickets') as { n: number }).n;
    const res = await start(srv, { identityToken: await token() });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('unauthorized');
    expect(res.body.error?.message).toMatch(message);
    expect((await srv.sqlOne('SELECT count(*) AS n FROM tickets') as { n: number }).n).toBe(before);
    expect(await customerRow(srv, 'x1')).toBeUndefined();
    expect(await customerRow(srv, 'someone-else')).toBeUndefined();
  });

  it('the demo signer does not exist outside the demo world, and a demo-issuer token is refused', async () => {
    const bare = await startTestServer({ demo: false, identity: { secret: SECRET } });
    try {
      expect((await api(bare.url, 'POST', '/api/chat/demo/identity', { body: { customerId } })).status).toBe(404);
      const config = await api<{ demo: boolean; identity: { verification: boolean; demoSigner: boolean } }>(bare.url, 'GET', '/api/chat/config');
      expect(config.body.identity).toEqual({ verification: true, demoSigner: false });
      const forged = await sign({ sub: 'x2', name: 'A', email: 'a@example.com' }, { iss: 'agent-desk-demo-signer', key: new TextEncoder().encode('guessing-the-demo-key-guessing-the-demo') });
      expect((await start(bare, { identityToken: forged })).status).toBe(401);
    } finally {
      await bare.close();
    }
  });
});

describe('identity tokens signed with a public key or a JWKS', () => {
  let jwks: Server;
  let jwksUrl: string;
  let rsa: { publicKey: CryptoKey; privateKey: CryptoKey };
  let ec: { publicKey: CryptoKey; privateKey: CryptoKey };
  let stranger: { publicKey: CryptoKey; privateKey: CryptoKey };

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    stranger = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(ec.publicKey)), kid: 'shop-2026', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => jwks.close(() => r())));

  it('RS256 against a configured public key; another key and HS256-with-the-public-key are refused', async () => {
    const pem = await exportSPKI(rsa.publicKey);
    const srv = await startTestServer({ identity: { publicKeyPem: pem } });
    try {
      const id = await customerIn(srv, 'uk');
      const claims = { sub: id, name: 'Rita Shaw', email: 'rita@example.com' };
      expect((await start(srv, { identityToken: await sign(claims, { key: rsa.privateKey, alg: 'RS256' }) })).status).toBe(201);
      expect((await start(srv, { identityToken: await sign(claims, { key: stranger.privateKey, alg: 'ES256' }) })).status).toBe(401);
      // Algorithm confusion: the public key's PEM used as an HMAC secret.
      expect((await start(srv, { identityToken: await sign(claims, { key: new TextEncoder().encode(pem), alg: 'HS256' }) })).status).toBe(401);
    } finally {
      await srv.close();
    }
  });

  it('ES256 against the company JWKS; an unknown key id is refused', async () => {
    const srv = await startTestServer({ identity: { jwksUrl } });
    try {
      const id = await customerIn(srv, 'na');
      const claims = { sub: id, name: 'Sam Lee', email: 'sam@example.com' };
      expect((await start(srv, { identityToken: await sign(claims, { key: ec.privateKey, alg: 'ES256', kid: 'shop-2026' }) })).status).toBe(201);
      expect((await start(srv, { identityToken: await sign(claims, { key: stranger.privateKey, alg: 'ES256', kid: 'shop-2026' }) })).status).toBe(401);
      expect((await start(srv, { identityToken: await sign(claims, { key: stranger.privateKey, alg: 'ES256', kid: 'rogue' }) })).status).toBe(401);
    } finally {
      await srv.close();
    }
  });

  it('refuses a bad configuration at start with a clear error', async () => {
    await expect(startTestServer({ identity: { secret: 'short' } })).rejects.toThrow(/at least 32 bytes/);
    await expect(startTestServer({ identity: { publicKeyPem: 'not a key' } })).rejects.toThrow(/not a PEM public key/);
    await expect(startTestServer({ identity: { jwksUrl: 'http://keys.example/jwks.json' } })).rejects.toThrow(/https/);
  });
});

describe('visitors and references', () => {
  let srv: TestServer;
  let agent: LoginResult;
  let victimId: string;
  let victim: StartedChat;

  async function pullAll(token: string): Promise<Change[]> {
    const changes: Change[] = [];
    let cursor = '';
    for (let i = 0; i < 200; i++) {
      const r = await api<PullResponse>(srv.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=1000`, { token });
      expect(r.status).toBe(200);
      changes.push(...r.body.changes);
      cursor = r.body.cursor;
      if (!r.body.hasMore) break;
    }
    return changes;
  }

  beforeAll(async () => {
    srv = await startTestServer({ customers: 150, historicTickets: 40 });
    agent = await srv.loginAgent((await agentsIn(srv, 'eu-north'))[0]!.email);
    await setPresence(srv.url, agent.token, 'available', 8);
    victimId = await customerIn(srv, 'eu-north', 5);
    victim = (await startChat(srv.url, victimId, { description: 'My card was charged twice, here is my secret story' })).body;
    // The agent answers the real customer.
    const push = await api<{ acks: { status: string }[] }>(srv.url, 'POST', '/api/sync/push', {
      token: agent.token,
      body: { clientId: 'identity-test', protocol: 1, mutations: [{ kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: victim.chat.ticketId, body: 'Private answer for the real customer' }] },
    });
    expect(push.body.acks[0]?.status).toBe('applied');
  });
  afterAll(async () => srv?.close());

  it('an email address and a reference give a stranger a new linked case, nothing of the old one, and cut nobody off', async () => {
    const email = (await customerRow(srv, victimId)).email;
    const attacker = await startVisitorChat(srv.url, { name: 'Totally Real', email, regionId: 'eu-north', reference: victim.chat.reference });
    expect(attacker.status).toBe(201);
    expect(attacker.body.chat.ticketId).not.toBe(victim.chat.ticketId);
    expect(attacker.body.chat).toMatchObject({ verified: false, linkedReference: victim.chat.reference });

    const seen = await chatState(srv, attacker.body.token);
    expect(seen.status).toBe(200);
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain('secret story');
    expect(text).not.toContain('Private answer');
    // Their own transcript holds only their own case.
    const transcript = await api<string>(srv.url, 'GET', '/api/chat/transcript', { token: attacker.body.token });
    expect(transcript.body).not.toContain('secret story');

    // The real customer's token still works, live and over HTTP.
    const mine = await chatState(srv, victim.token);
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).toContain('Private answer');
    const live = await customerSocket(srv.url, victim.token);
    expect(live.ws.readyState).toBe(live.ws.OPEN); // customerSocket waited for its ready frame
    live.close();

    // The stranger's case belongs to a visitor row of its own, linked to the old case.
    const row = await srv.sqlOne('SELECT customer_id, linked_ticket_id FROM tickets WHERE id = ?', attacker.body.chat.ticketId) as { customer_id: string; linked_ticket_id: string };
    expect(row.linked_ticket_id).toBe(victim.chat.ticketId);
    expect(row.customer_id).not.toBe(victimId);
    expect(await customerRow(srv, row.customer_id)).toMatchObject({ identity: 'visitor', name: 'Totally Real' });
  });

  it('a verified customer quoting someone else’s reference also gets a new linked case', async () => {
    const other = await customerIn(srv, 'eu-north', 6);
    const res = await start(srv, { identityToken: await demoIdentityToken(srv.url, other), reference: victim.chat.reference });
    expect(res.status).toBe(201);
    expect(res.body.chat.ticketId).not.toBe(victim.chat.ticketId);
    expect(res.body.chat).toMatchObject({ verified: true, linkedReference: victim.chat.reference });
    expect(JSON.stringify((await chatState(srv, res.body.token)).body)).not.toContain('secret story');
  });

  it('a verified customer quoting their own reference continues that case with its history', async () => {
    const resolved = await startChat(srv.url, await customerIn(srv, 'eu-north', 7), { description: 'First visit about my refund' });
    await api(srv.url, 'POST', '/api/chat/end', { token: resolved.body.token });
    const back = await startChat(srv.url, await customerIn(srv, 'eu-north', 7), { reference: resolved.body.chat.reference, description: 'Back again' });
    expect(back.status).toBe(201);
    expect(back.body.chat.ticketId).toBe(resolved.body.chat.ticketId);
    const seen = JSON.stringify((await chatState(srv, back.body.token)).body);
    expect(seen).toContain('First visit about my refund');
    expect(seen).toContain('Back again');
    // The earlier token was not revoked.
    expect((await chatState(srv, resolved.body.token)).status).toBe(200);
  });

  it('the same verified customer in a second tab joins their own chat; both tabs stay live', async () => {
    const second = await startChat(srv.url, victimId, { description: 'Opened another tab' });
    expect(second.status).toBe(201);
    expect(second.body.chat.ticketId).toBe(victim.chat.ticketId);
    expect(second.body.token).not.toBe(victim.token);
    const a = await customerSocket(srv.url, victim.token);
    const b = await customerSocket(srv.url, second.body.token);
    await api(srv.url, 'POST', '/api/sync/push', {
      token: agent.token,
      body: { clientId: 'identity-test', protocol: 1, mutations: [{ kind: 'message.reply', clientMsgId: clientMsgId(), ticketId: victim.chat.ticketId, body: 'Seen in both tabs' }] },
    });
    const match = (f: Record<string, unknown>) => f.type === 'message' && (f.message as { body: string }).body === 'Seen in both tabs';
    await a.next(match);
    await b.next(match);
    a.close();
    b.close();
  });

  it('a visitor gets no account data: not in pulls, not in the panel, and agents see them as unverified', async () => {
    // A real customer with no case at all: the demo world's history moves with the clock, so a fixed
    // offset could pick someone whose own (legitimate) case already brings their account to the agent.
    const [untouched] = await srv.sql<{ id: string }>(
      `SELECT c.id FROM customers c WHERE c.region_id = 'eu-north' AND c.identity = 'verified'
         AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id) ORDER BY c.id LIMIT 1`,
    );
    const real = await customerRow(srv, untouched!.id);
    const visitor = await startVisitorChat(srv.url, { name: real.name, email: real.email, regionId: 'eu-north', description: 'Why was I charged a late fee?' });
    expect(visitor.status).toBe(201);
    const ticket = await srv.sqlOne('SELECT customer_id FROM tickets WHERE id = ?', visitor.body.chat.ticketId) as { customer_id: string };
    expect(ticket.customer_id).not.toBe(real.id);

    const changes = await pullAll(agent.token);
    const forVisitor = changes.filter((c) => c.op === 'upsert' && (c.row as { customerId?: string }).customerId === ticket.customer_id);
    // Their ticket and messages, but no account, payment method, order, installment, transaction or return.
    expect(forVisitor.map((c) => c.entity).filter((e) => !['ticket', 'message'].includes(e))).toEqual([]);
    const customer = changes.find((c) => c.entity === 'customer' && c.id === ticket.customer_id);
    expect(customer?.op === 'upsert' && customer.row).toMatchObject({ identity: 'visitor', name: real.name });
    // Nothing of the real customer arrived because of the visitor's chat.
    expect(changes.some((c) => c.op === 'upsert' && (c.entity === 'account' || c.entity === 'order') && (c.row as { customerId: string }).customerId === real.id)).toBe(false);
    // The desk tells agents the chat is unverified, in a note the customer never sees.
    const notes = await srv.sql(`SELECT body FROM messages WHERE ticket_id = ? AND author_kind = 'note'`, visitor.body.chat.ticketId) as { body: string }[];
    expect(notes.map((n) => n.body).join(' ')).toMatch(/Unverified visitor/);
    expect(JSON.stringify((await chatState(srv, visitor.body.token)).body)).not.toMatch(/Unverified visitor: no identity token/);
  });

  it('a visitor can chat and send a screenshot', async () => {
    const visitor = await startVisitorChat(srv.url, { regionId: 'eu-north', category: 'technical_glitch', description: 'The app shows an error' });
    expect(visitor.status).toBe(201);
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366aa' } }).png().toBuffer();
    const up = await api<{ attachment: { id: string } }>(srv.url, 'PUT', '/api/chat/attachments', { token: visitor.body.token, raw: png, contentType: 'image/png', headers: { 'x-filename': 'error.png' } });
    expect(up.status).toBe(201);
    const sent = await api(srv.url, 'POST', '/api/chat/messages', { token: visitor.body.token, body: { clientMsgId: clientMsgId(), body: 'Here it is', attachmentIds: [up.body.attachment.id] } });
    expect(sent.status).toBe(200);
  });

  it('an email ticket follows the same identity rules', async () => {
    const noEmail = await api(srv.url, 'POST', '/api/chat/email', { body: { category: 'other', description: 'Hello' } });
    expect(noEmail.status).toBe(400);
    const visitor = await api<{ reference: string }>(srv.url, 'POST', '/api/chat/email', { body: { name: 'V', email: (await customerRow(srv, victimId)).email, category: 'other', description: 'Hello' } });
    expect(visitor.status).toBe(201);
    const t = await srv.sqlOne('SELECT customer_id FROM tickets WHERE reference = ?', visitor.body.reference) as { customer_id: string };
    expect(t.customer_id).not.toBe(victimId);
    const forged = await api(srv.url, 'POST', '/api/chat/email', { body: { identityToken: await sign({ sub: victimId, name: 'A', email: 'a@example.com' }), category: 'other', description: 'Hello' } });
    expect(forged.status).toBe(401);
  });
});
