/**
 * Canned replies as the demo history's agents send them: the reply of the customer's language,
 * filled the way the console fills it (src/shared/templates.ts: the same catalogue, formatting and
 * fallbacks) from what the case is about, the error code typed in by hand as an agent does. The
 * shortcut recorded with it follows the console's rule (src/shared/canned-usage.ts), so an agent
 * who reworded most of the reply sends a hand-written one.
 */
import type { CannedLanguage, Category } from '../../shared/domain';
import { cannedShortcutFor } from '../../shared/canned-usage';
import { formattingFor, renderTemplate, type Formatting, type Segment, type TemplateContext } from '../../shared/templates';
import { toWireAccount } from '../storage/tables/accounts';
import { toWireCustomer } from '../storage/tables/customers';
import { toWireInstallment } from '../storage/tables/installments';
import { toWireOrder } from '../storage/tables/orders';
import { toWirePaymentMethod } from '../storage/tables/payment-methods';
import { toWireReturn } from '../storage/tables/returns';
import { toWireTransaction } from '../storage/tables/transactions';
import { CANNED_REPLIES } from './canned-content';
import type { DemoCustomer } from './commerce';
import type { Topic } from './threads';

const BY_KEY = new Map(CANNED_REPLIES.map((r) => [`${r.language}:${r.shortcut}`, r]));

export interface CaseFacts {
  customer: DemoCustomer;
  topic: Topic;
  agentName: string;
  reference: string;
  category: Category;
}

const v1 = <T extends object>(row: T) => ({ ...row, version: 1 });

/** formattingFor asks Intl which locales it supports: once per locale, zone and language is enough. */
const formattings = new Map<string, Formatting>();
function formatting(c: DemoCustomer, language: CannedLanguage): Formatting {
  const key = `${c.row.locale}|${c.row.time_zone}|${language}`;
  let f = formattings.get(key);
  if (!f) formattings.set(key, (f = formattingFor({ locale: c.row.locale, timeZone: c.row.time_zone }, language)));
  return f;
}

/** What the console would show for the case: the customer, the agent, and the records the topic is about. */
function contextOf(f: CaseFacts): TemplateContext {
  const c = f.customer;
  const t = f.topic;
  const order = 'order' in t ? t.order : null;
  const inst = 'inst' in t ? t.inst : null;
  const txn = 'txn' in t ? t.txn : inst?.payment ?? null;
  const ret = t.kind === 'rr_return' ? t.ret : null;
  const pm = t.kind === 'av_bank' ? t.pm : order?.method ?? c.paymentMethods.find((p) => p.is_default === 1) ?? c.paymentMethods[0] ?? null;
  return {
    customer: toWireCustomer(v1(c.row)),
    agent: { name: f.agentName },
    ticket: { reference: f.reference, category: f.category },
    account: toWireAccount(v1(c.account)),
    order: order ? toWireOrder(v1(order.row)) : null,
    installment: inst ? toWireInstallment(v1(inst.row)) : null,
    transaction: txn ? toWireTransaction(v1(txn)) : null,
    return: ret ? toWireReturn(v1(ret.row)) : null,
    paymentMethod: pm ? toWirePaymentMethod(v1(pm)) : null,
  };
}

/** The agent's text for a segment the context could not fill: the error code they type, the reply's fallback, or nothing usable. */
function unresolvedText(s: Extract<Segment, { kind: 'unresolved' }>, f: CaseFacts): string | null {
  if (s.path === 'incident.errorCode' && f.topic.kind === 'tg_incident') return f.topic.incident.spec.errorCode;
  return s.fallback;
}

/** The reply `shortcut` in `language` filled for the case, or null when it has no such reply or a value is missing. */
export function filledCanned(shortcut: string, language: CannedLanguage, f: CaseFacts): string | null {
  const reply = BY_KEY.get(`${language}:${shortcut}`);
  if (!reply) return null;
  let text = '';
  for (const s of renderTemplate(reply.body, contextOf(f), formatting(f.customer, language))) {
    if (s.kind !== 'unresolved') text += s.text;
    else {
      const typed = unresolvedText(s, f);
      if (typed === null) return null;
      text += typed;
    }
  }
  return text;
}

/** The shortcut to record for `sent`, which started as `filled` (the console's 60% rule). */
export const recordedShortcut = (sent: string, shortcut: string, filled: string): string | null => cannedShortcutFor(sent, [{ shortcut, text: filled }]);
