/** The storage contract suites, run against both engines with the same expectations. */
import { describe } from 'vitest';
import { agentsContract } from './agents.contract';
import { changeFeedContract } from './change-feed.contract';
import { onEachEngine } from './engines';
import { sessionsContract } from './sessions.contract';
import { storeContract } from './store.contract';

onEachEngine('storage contract', (engine) => {
  describe('transactions', () => storeContract(engine));
  describe('sessions', () => sessionsContract(engine));
  describe('agents', () => agentsContract(engine));
  describe('change feed', () => changeFeedContract(engine));
});
