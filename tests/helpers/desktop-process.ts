/**
 * A desktop main process for the kill -9 tests: the real desktop services on a real cache file,
 * with the token in a file so a restart resumes the session. Modes:
 *   burst <serverUrl> <userDataDir> <email> <round>  — send replies as fast as possible, print each enqueued id
 *   drain <serverUrl> <userDataDir> <email>          — send nothing; print "drained" when the outbox is empty
 *   reply <serverUrl> <userDataDir> <email> <ticketId> <count> — send `reply 0` … `reply <count-1>` to one
 *       chat as fast as possible, print each enqueued id, then "drained" when the outbox is empty;
 *       keeps running (syncing) until killed
 */
import path from 'node:path';
import { createDesktop } from '../../src/main/desktop';
import { createFileSecretStore } from '../../src/main/services/file-secret-store';
import { DEMO_PASSWORD } from '../../src/server/demo/seed';

const [mode, serverUrl, userDataDir, email, round] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const log = { info: () => {}, warn: () => {}, error: (o: object, m?: string) => console.error(m, JSON.stringify(o)) };
const desktop = await createDesktop({
  userDataDir,
  secrets: createFileSecretStore(path.join(userDataDir, 'token')),
  log,
  heartbeatMs: 1000,
  pongTimeoutMs: 1000,
  random: () => 0,
});
const call = async (channel: string, input: unknown) => {
  const r = await desktop.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as never;
};

const session = (await call('session:get', null)) as { signedIn: boolean };
if (!session.signedIn) await call('session:login', { serverUrl, email, password: DEMO_PASSWORD });
// The first time, wait for the first sync so there are tickets to answer.
for (let i = 0; i < 400; i++) {
  const status = (await call('sync:status', null)) as { connection: string };
  const mine = (await call('tickets:list', { view: 'mine', limit: 1 })) as unknown[];
  if (mine.length > 0 || status.connection === 'online') break;
  await new Promise((r) => setTimeout(r, 25));
}
console.log(JSON.stringify({ ready: true }));

if (mode === 'reply') {
  const ticketId = process.argv[6]!;
  const count = Number(process.argv[7]);
  for (let i = 0; ; i++) {
    if ((await desktop.dispatch('tickets:get', { ticketId })).ok) break;
    if (i > 800) throw new Error(`ticket ${ticketId} never reached the cache`);
    await new Promise((r) => setTimeout(r, 25));
  }
  for (let i = 0; i < count; i++) {
    const body = `reply ${i}`;
    const m = (await call('messages:send', { ticketId, body, kind: 'reply', attachmentIds: [] })) as { clientMsgId: string };
    console.log(JSON.stringify({ enqueued: body, ticketId, clientMsgId: m.clientMsgId }));
  }
  for (;;) {
    const status = (await call('sync:status', null)) as { outbox: number; connection: string };
    if (status.outbox === 0 && status.connection === 'online') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(JSON.stringify({ drained: true }));
  setInterval(() => {}, 60_000); // keep syncing until the test stops us
} else if (mode === 'burst') {
  const tickets = (await call('tickets:list', { view: 'mine', limit: 10 })) as { id: string }[];
  if (tickets.length === 0) throw new Error('no tickets to reply to');
  for (let i = 0; ; i++) {
    const ticketId = tickets[i % tickets.length]!.id;
    const body = `burst ${round}-${i}`;
    const m = (await call('messages:send', { ticketId, body, kind: 'reply', attachmentIds: [] })) as { clientMsgId: string };
    // Printed only after the local transaction committed: the test holds us to every line.
    console.log(JSON.stringify({ enqueued: body, ticketId, clientMsgId: m.clientMsgId }));
  }
} else {
  for (;;) {
    const status = (await call('sync:status', null)) as { outbox: number; connection: string };
    if (status.outbox === 0 && status.connection === 'online') {
      console.log(JSON.stringify({ drained: true }));
      await desktop.close();
      process.exit(0);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
