/** The storage contract suites, run against both engines with the same expectations. */
import { describe } from 'vitest';
import { accountsContract } from './accounts.contract';
import { agentsContract } from './agents.contract';
import { customersContract } from './customers.contract';
import { onEachEngine } from './engines';
import { installmentsContract } from './installments.contract';
import { ordersContract } from './orders.contract';
import { paymentMethodsContract } from './payment-methods.contract';
import { regionsContract } from './regions.contract';
import { returnsContract } from './returns.contract';
import { sessionsContract } from './sessions.contract';
import { storeContract } from './store.contract';
import { transactionsContract } from './transactions.contract';

onEachEngine('storage contract', (engine) => {
  describe('transactions', () => storeContract(engine));
  describe('sessions', () => sessionsContract(engine));
  describe('agents', () => agentsContract(engine));
  describe('regions', () => regionsContract(engine));
  describe('customers', () => customersContract(engine));
  describe('accounts', () => accountsContract(engine));
  describe('payment methods', () => paymentMethodsContract(engine));
  describe('orders', () => ordersContract(engine));
  describe('installments', () => installmentsContract(engine));
  describe('transactions table', () => transactionsContract(engine));
  describe('returns', () => returnsContract(engine));
});
