/**
 * A case from a phone call, through the desktop's typed API on a real desk server (issue 8):
 * `customers:lookup` finds the caller within the agent's regions, `cases:fromCall` opens the case
 * and it reaches the offline cache through sync; the server's refusals arrive as error codes the
 * console shows (403 → forbidden), a malformed email never leaves the desktop, and offline both
 * say they need the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvokeChannel } from '../../src/shared/api/channels';
import { signIn, startDesktop, type TestDesktop } from '../helpers/desktop';
import { startTestServer, type TestServer } from '../helpers/server';
import { agentsIn } from '../helpers/world';

let srv: TestServer;
let d: TestDesktop;
beforeAll(async () => {
  srv = await startTestServer({ customers: 200, historicTickets: 0 });
  d = await startDesktop();
  await signIn(d, srv.url, (await agentsIn(srv, 'eu-north'))[0]!.email);
});
afterAll(async () => {
  await d?.close();
  await srv?.close().catch(() => undefined); // the last test stops it already
});

/** The error a channel answers with, as the renderer gets it (null when it succeeded). */
const errorOf = async (channel: InvokeChannel, input: unknown) => {
  const r = await d.desktop.dispatch(channel, input);
  return r.ok ? null : r.error;
};
const customerWhere = async (where: string) => (await srv.sqlOne(`SELECT id, email, name FROM customers WHERE identity = 'verified' AND ${where} LIMIT 1 OFFSET 7`)) as { id: string; email: string; name: string };

describe('desktop: a case from a call', () => {
  it('finds the caller, opens the case, and the case arrives in the cache', async () => {
    const caller = await customerWhere(`region_id = 'eu-north'`);
    expect(await d.call('customers:lookup', { email: ` ${caller.email.toUpperCase()} ` })).toEqual([{ customerId: caller.id, name: caller.name, regionId: 'eu-north' }]);
    expect(await d.call('customers:lookup', { email: 'nobody-by-this-name@example.test' })).toEqual([]);

    const created = await d.call('cases:fromCall', {
      customerId: caller.id,
      category: 'missed_payment',
      subject: 'Missed the March instalment',
      direction: 'in',
      durationSec: 245,
      outcome: 'follow_up',
      notes: 'Will pay on Friday',
    });
    expect(created.reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await d.waitFor(async () => (await d.call('tickets:summaries', { ticketIds: [created.ticketId] })).length === 1, 'the new case in the cache');
    const [row] = await d.call('tickets:summaries', { ticketIds: [created.ticketId] });
    expect(row).toMatchObject({ reference: created.reference, channel: 'phone', status: 'open', category: 'missed_payment', subject: 'Missed the March instalment', customerName: caller.name });
  });

  it('passes on the server’s refusal, refuses a malformed email itself, and needs the server', async () => {
    const elsewhere = await customerWhere(`region_id <> 'eu-north'`);
    expect(await d.call('customers:lookup', { email: elsewhere.email })).toEqual([]);
    const call = { category: 'other', subject: '', direction: 'out', durationSec: 10, outcome: 'no_answer', notes: '' } as const;
    const refused = await errorOf('cases:fromCall', { customerId: elsewhere.id, ...call });
    expect(refused).toEqual({ code: 'forbidden', message: 'You cannot open a case for that customer.' });
    expect((await errorOf('customers:lookup', { email: 'not an email' }))?.code).toBe('invalid_input');

    await srv.close();
    await d.waitFor(async () => (await d.status()).connection !== 'online', 'the desktop offline');
    const offline = await errorOf('customers:lookup', { email: elsewhere.email });
    expect(offline).toEqual({ code: 'offline', message: 'Finding a caller needs a connection to the desk server.' });
    expect((await errorOf('cases:fromCall', { customerId: elsewhere.id, ...call }))?.code).toBe('offline');
  });
});
