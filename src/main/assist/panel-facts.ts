/**
 * The facts of the side panels a handover summary carries (issue 9): the account's state and the
 * case's order with its installments and return, in plain English for the next agent (never for
 * the customer). Payment methods stay out: a card is never more than its last four anyway, and the
 * next agent has the panel.
 */
import type { TicketDetail } from '../../shared/api/contract';
import { formatMoney } from '../../shared/money';

const LOCALE = 'en-GB';
const label = (s: string) => s.replace(/_/g, ' ');

export function panelFacts(detail: Pick<TicketDetail, 'ticket' | 'context'>): string[] {
  const { ticket, context } = detail;
  const facts: string[] = [];
  const account = context.account;
  if (account) {
    const attempts = account.verificationAttempts > 0 && account.verificationStatus !== 'verified' ? ` (${account.verificationAttempts} attempts)` : '';
    facts.push(`Account ${label(account.status)} · verification ${label(account.verificationStatus)}${attempts}`);
  }
  const order = ticket.orderNumber ? context.orders.find((o) => o.orderNumber === ticket.orderNumber) : undefined;
  if (order) {
    const inst = context.installments.filter((i) => i.orderId === order.id);
    const paid = inst.filter((i) => i.status === 'paid').length;
    const late = inst.filter((i) => i.status === 'overdue' || i.status === 'failed');
    const parts = [`Order ${order.orderNumber} at ${order.merchant}`, `${formatMoney(order.totalMinor, order.currency, LOCALE)} ${label(order.plan)}`, label(order.status)];
    if (inst.length > 0) parts.push(`${paid} of ${inst.length} installments paid`);
    if (late.length > 0) {
      const fees = late.reduce((n, i) => n + i.lateFeeMinor, 0);
      parts.push(`${late.length} ${late.length === 1 ? 'installment' : 'installments'} overdue or failed${fees > 0 ? ` (late fees ${formatMoney(fees, order.currency, LOCALE)})` : ''}`);
    }
    facts.push(parts.join(' · '));
    const ret = context.returns.find((r) => r.orderId === order.id);
    if (ret) facts.push(`Return ${label(ret.status)} · refund ${formatMoney(ret.refundAmountMinor, ret.currency, LOCALE)}${ret.refundDate ? ` on ${ret.refundDate}` : ''}`);
  }
  return facts;
}
