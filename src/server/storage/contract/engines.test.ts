/** The storage contract suites, run against both engines with the same expectations. */
import { describe } from 'vitest';
import { agentsContract } from './agents.contract';
import { attachmentsContract } from './attachments.contract';
import { chatTokensContract } from './chat-tokens.contract';
import { onEachEngine } from './engines';
import { messagesContract } from './messages.contract';
import { sessionsContract } from './sessions.contract';
import { storeContract } from './store.contract';
import { ticketsContract } from './tickets.contract';

onEachEngine('storage contract', (engine) => {
  describe('transactions', () => storeContract(engine));
  describe('sessions', () => sessionsContract(engine));
  describe('agents', () => agentsContract(engine));
  describe('tickets', () => ticketsContract(engine));
  describe('messages', () => messagesContract(engine));
  describe('attachments', () => attachmentsContract(engine));
  describe('chat tokens', () => chatTokensContract(engine));
});
