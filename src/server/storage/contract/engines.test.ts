/** The storage contract suites, run against both engines with the same expectations. */
import { describe } from 'vitest';
import { agentsContract } from './agents.contract';
import { attachmentsContract } from './attachments.contract';
import { auditLogContract } from './audit-log.contract';
import { cannedRepliesContract } from './canned-replies.contract';
import { chatTokensContract } from './chat-tokens.contract';
import { onEachEngine } from './engines';
import { macrosContract } from './macros.contract';
import { messagesContract } from './messages.contract';
import { metaContract } from './meta.contract';
import { pushAcksContract } from './push-acks.contract';
import { sessionsContract } from './sessions.contract';
import { storeContract } from './store.contract';
import { syncClientsContract } from './sync-clients.contract';
import { ticketsContract } from './tickets.contract';

onEachEngine('storage contract', (engine) => {
  describe('transactions', () => storeContract(engine));
  describe('sessions', () => sessionsContract(engine));
  describe('agents', () => agentsContract(engine));
  describe('tickets', () => ticketsContract(engine));
  describe('messages', () => messagesContract(engine));
  describe('attachments', () => attachmentsContract(engine));
  describe('chat tokens', () => chatTokensContract(engine));
  describe('sync clients', () => syncClientsContract(engine));
  describe('push acks', () => pushAcksContract(engine));
  describe('meta', () => metaContract(engine));
  describe('canned replies', () => cannedRepliesContract(engine));
  describe('macros', () => macrosContract(engine));
  describe('audit log', () => auditLogContract(engine));
});
