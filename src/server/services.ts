/** Builds every service of the desk server from its dependencies, once. */
import { createFileStore } from './attachments/file-store';
import { createUploads } from './attachments/uploads';
import { createOcrScanner } from './assist/ocr/scanner';
import { createPresence } from './agents/presence';
import { createSessions } from './auth/sessions';
import type { Deps } from './deps';
import { createMail, type MailOptions } from './email/mail';
import type { IdentityVerifier } from './identity/verifier';
import { createRouter } from './routing/router';
import { createPull } from './sync/pull';
import { createPush } from './sync/push';
import { createSupervisor } from './supervisor';
import { createAgentActions } from './tickets/agent-actions';
import { createCaseCloser } from './tickets/closer';
import { createPhone } from './tickets/phone';
import { createCustomerChats } from './tickets/customer-chats';
import { DEFAULT_LIFECYCLE, type LifecycleOptions } from './tickets/lifecycle';

export interface Limits {
  loginPerMinute: number;
  requestsPerMinute: number;
  framesPerSecond: number;
  /** Concurrent WebSockets per remote address (IPv6: per /64), signed in or not; 0 = no cap. */
  maxSocketsPerAddress: number;
  /** Of those, sockets not signed in yet; over it, upgrades get 429 before the handshake; 0 = no cap. */
  maxPendingSocketsPerAddress: number;
  /** Concurrent agent sockets per session; 0 = no cap. */
  maxSocketsPerSession: number;
  /** Concurrent customer sockets per chat token; 0 = no cap. */
  maxSocketsPerChat: number;
}

export function createServices(
  deps: Deps,
  limits: Limits,
  identity: IdentityVerifier,
  mailOptions: MailOptions = {},
  lifecycle: LifecycleOptions = DEFAULT_LIFECYCLE,
) {
  const files = createFileStore(deps.dataDir);
  // Screenshots are read in tesseract's own worker thread, started on the first upload.
  const ocr = createOcrScanner({ log: deps.log.child({ module: 'ocr' }) });
  const uploads = createUploads(deps, files, ocr);
  const router = createRouter(deps);
  const mail = createMail(deps, mailOptions, files);
  const actions = createAgentActions(deps, router, mail.out, lifecycle);
  return {
    deps,
    limits,
    files,
    ocr,
    attachments: uploads,
    router,
    sessions: createSessions(deps),
    presence: createPresence(deps, router),
    pull: createPull(deps),
    push: createPush(deps, actions),
    identity,
    chats: createCustomerChats(deps, router, files, uploads, identity, lifecycle),
    supervisor: createSupervisor(deps, router),
    mail,
    closer: createCaseCloser(deps),
    phone: createPhone(deps),
  };
}
export type Services = ReturnType<typeof createServices>;
