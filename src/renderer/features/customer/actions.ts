/**
 * The panel's actions: what each may act on, who may run it, and in which order the quick-actions
 * row offers them per category (UX.md §2, ⚡ row). The server decides for real (role, assignment,
 * limits); these rules only keep the UI from offering what it would refuse.
 */
import type { CustomerContext } from '../../../shared/api/contract';
import type { AgentRow, Category, InstallmentRow, OrderRow, ReturnRow, TicketRow } from '../../../shared/domain';

/** Returns still open (the server pauses payments only for these). */
export const OPEN_RETURN: readonly ReturnRow['status'][] = ['requested', 'in_transit', 'received'];
/** Installments still to collect: what a due date move or a pause applies to. */
export const PAUSABLE: readonly InstallmentRow['status'][] = ['scheduled', 'overdue', 'failed'];

export type ActionKind = 'extend' | 'pause' | 'resend' | 'transfer' | 'escalate' | 'category' | 'priority';

export type DialogRequest =
  | { kind: 'extend'; installmentId?: string }
  | { kind: 'pause'; returnId?: string }
  | { kind: 'resend' }
  | { kind: 'transfer' }
  | { kind: 'escalate' }
  | { kind: 'category' }
  | { kind: 'priority' };

/** Account actions move money or identity: confirm step, and never offline (main refuses them too). */
export const ACCOUNT_ACTIONS: readonly ActionKind[] = ['extend', 'pause', 'resend'];

export const ACTION_LABELS: Record<ActionKind, string> = {
  extend: 'Extend due date',
  pause: 'Pause payments',
  resend: 'Resend verification link',
  transfer: 'Transfer',
  escalate: 'Escalate',
  category: 'Category',
  priority: 'Priority',
};

const FIRST: Record<Category, readonly ActionKind[]> = {
  payment_delay: ['extend'],
  account_verification: ['resend', 'escalate'],
  refund_return: ['pause'],
  missed_payment: ['extend'],
  technical_glitch: [],
  other: [],
};

/** Installments whose due date can move (the server refuses paid and paused ones). */
export function extendTargets(c: CustomerContext): InstallmentRow[] {
  return c.installments.filter((i) => PAUSABLE.includes(i.status)).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number - b.number));
}

/** Open returns whose order still has installments to pause. */
export function pauseTargets(c: CustomerContext): { ret: ReturnRow; order: OrderRow | null; installments: InstallmentRow[] }[] {
  return c.returns
    .filter((r) => OPEN_RETURN.includes(r.status))
    .map((ret) => ({ ret, order: c.orders.find((o) => o.id === ret.orderId) ?? null, installments: c.installments.filter((i) => i.orderId === ret.orderId && PAUSABLE.includes(i.status)) }))
    .filter((t) => t.installments.length > 0);
}

export const canResend = (c: CustomerContext) => c.account !== null && c.account.verificationStatus !== 'verified';

/** How far a due date may move: 14 days for tier-1 agents, 30 for seniors and supervisors (as the server's access rules). */
export function maxExtensionDays(agent: AgentRow | null): number {
  if (!agent || agent.role === 'agent' || agent.tier === 1) return 14;
  return 30;
}

/**
 * The quick-actions row: the category's own actions (UX.md §2 ⚡), then the case's (transfer,
 * escalate, category, priority). Account actions outside the category sit in their sections:
 * resend in Account, pause on each open return, extend under the orders.
 */
export function quickActions(ticket: TicketRow, c: CustomerContext): ActionKind[] {
  const applies: Record<ActionKind, boolean> = {
    extend: extendTargets(c).length > 0,
    pause: pauseTargets(c).length > 0,
    resend: canResend(c),
    transfer: true,
    escalate: ticket.tier < 3 || !ticket.isComplaint,
    category: true,
    priority: true,
  };
  const order: ActionKind[] = [...FIRST[ticket.category], 'transfer', 'escalate', 'category', 'priority'];
  return [...new Set(order)].filter((k) => applies[k]);
}

/** `YYYY-MM-DD` plus n days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
