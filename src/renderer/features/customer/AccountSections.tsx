/**
 * The context panel's sections: account & verification, device, arrears, payment methods,
 * orders with their installments (a keyboard tree), returns, transactions (a filtered,
 * virtualised list) and previous chats. Presentational: data and view state in, callbacks out.
 * Everything fits a 320 px panel: long text truncates or wraps, nothing scrolls sideways.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CustomerContext } from '../../../shared/api/contract';
import { maskedCard } from '../../../shared/card-mask';
import type { AccountRow, CustomerRow, InstallmentRow, OrderRow, ReturnRow, TicketRow, TransactionRow } from '../../../shared/domain';
import { TRANSACTION_KINDS, TRANSACTION_STATUSES } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatDate, formatTime } from '../../lib/time';
import { Chip } from '../../ui/Chip';
import { Icon } from '../../ui/Icon';
import { STATUS_LABELS } from '../conversation/permissions';
import { OPEN_RETURN, PAUSABLE } from './actions';
import { ACCOUNT_STATUS, INSTALLMENT_STATUS, ORDER_STATUS, PLAN_LABELS, RETURN_STATUS, TRANSACTION_KIND, TRANSACTION_STATUS, VERIFICATION } from './labels';
import { Chevron } from './PanelSection';
import { filterTransactions, isInArrears, type TxFilter } from './sections';
import { nextDue, type RowRef } from './summary';

const DAY_MS = 86_400_000;
/** Whole days from a `YYYY-MM-DD` due date to now (positive when past). */
export const daysPast = (day: string, now: number) => Math.floor((now - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
const byNumber = (a: InstallmentRow, b: InstallmentRow) => a.number - b.number;
const sameRef = (a: RowRef | null, kind: RowRef['kind'], id: string) => a?.kind === kind && a.id === id;

// ---- account, device, arrears, payment methods ------------------------------------------------

export function AccountDetails({ account, locale, action }: { account: AccountRow; locale: string; action?: ReactNode }) {
  const v = VERIFICATION[account.verificationStatus];
  const s = ACCOUNT_STATUS[account.status];
  return (
    <>
      <dl className="facts facts--wrap">
        <dt>Status</dt>
        <dd>
          <Chip tone={s.tone}>{s.label}</Chip>
        </dd>
        <dt>Verification</dt>
        <dd>
          <Chip tone={v.tone}>{v.label}</Chip>{' '}
          <span className="muted">
            {account.verificationAttempts} {account.verificationAttempts === 1 ? 'attempt' : 'attempts'}
          </span>
        </dd>
        {account.verificationFailureReason && (
          <>
            <dt>Last failure</dt>
            <dd className="facts__reason">{account.verificationFailureReason}</dd>
          </>
        )}
        <dt>Spending limit</dt>
        <dd className="money">{formatMoney(account.spendingLimitMinor, account.currency, locale)}</dd>
      </dl>
      {action}
    </>
  );
}

export function DeviceDetails({ device }: { device: NonNullable<CustomerRow['device']> }) {
  return (
    <dl className="facts">
      <dt>App version</dt>
      <dd className="mono">{device.appVersion}</dd>
      <dt>OS</dt>
      <dd>{device.os}</dd>
      <dt>Browser</dt>
      <dd>{device.browser}</dd>
      <dt>Last seen</dt>
      <dd>{formatTime(device.lastSeenAt)}</dd>
    </dl>
  );
}

/** What is behind: overdue or failed installments, their amount, the oldest days past due, the late fees. */
export function Arrears({ installments, orders, locale, now }: { installments: InstallmentRow[]; orders: OrderRow[]; locale: string; now: number }) {
  const behind = installments.filter((i) => isInArrears(i.status));
  if (behind.length === 0) return null;
  const currency = behind[0]!.currency;
  const total = behind.reduce((sum, i) => sum + i.amountMinor, 0);
  const fees = installments.reduce((sum, i) => sum + (i.status === 'paid' ? 0 : i.lateFeeMinor), 0);
  const oldest = behind.reduce((a, b) => (a.dueDate < b.dueDate ? a : b));
  const orderCount = new Set(behind.map((i) => i.orderId)).size;
  const days = Math.max(0, daysPast(oldest.dueDate, now));
  const orderNumber = orders.find((o) => o.id === oldest.orderId)?.orderNumber;
  return (
    <dl className="facts facts--wrap">
      <dt>Overdue</dt>
      <dd>
        <span className="money arrears__amount">{formatMoney(total, currency, locale)}</span>{' '}
        <span className="muted">
          {behind.length} {behind.length === 1 ? 'installment' : 'installments'}
          {orderCount > 1 ? `, ${orderCount} orders` : ''}
        </span>
      </dd>
      <dt>Days past due</dt>
      <dd>
        <Chip tone="danger">{days} d</Chip>{' '}
        <span className="muted">
          since {formatDate(oldest.dueDate)}
          {orderNumber ? ` · ${orderNumber}` : ''}
        </span>
      </dd>
      <dt>Late fees</dt>
      <dd className="money">{fees > 0 ? formatMoney(fees, currency, locale) : 'None charged'}</dd>
    </dl>
  );
}

export function PaymentMethods({ methods }: { methods: CustomerContext['paymentMethods'] }) {
  return (
    <ul className="plain-list">
      {methods.map((p) => (
        <li key={p.id} className="pm-row">
          <Icon name="card" size={14} />
          <span className="pm-row__name">
            {p.kind === 'bank_account' ? `${p.brand} account` : p.brand} <span className="mono">{maskedCard(p.last4)}</span>
          </span>
          {p.expiry && <span className="muted">exp {p.expiry}</span>}
          {p.isDefault && <Chip>Default</Chip>}
          {p.status !== 'active' && <Chip tone="danger">{p.status === 'expired' ? 'Expired' : 'Failed verification'}</Chip>}
          {p.lastDeclineReason && <span className="pm-row__decline">Last decline: {p.lastDeclineReason}</span>}
        </li>
      ))}
    </ul>
  );
}

// ---- orders and installments: a tree ----------------------------------------------------------

/** The order the customer named in the pre-chat form first, then active orders, newest first. */
export function orderedOrders(orders: readonly OrderRow[], namedOrder: string | null): OrderRow[] {
  const named = namedOrder?.trim().toUpperCase() ?? null;
  const rank = (o: OrderRow) => (named && o.orderNumber.toUpperCase() === named ? 0 : o.status === 'active' ? 1 : 2);
  return [...orders].sort((a, b) => rank(a) - rank(b) || (a.placedAt < b.placedAt ? 1 : a.placedAt > b.placedAt ? -1 : 0));
}

export const isNamed = (o: OrderRow, namedOrder: string | null) => !!namedOrder && o.orderNumber.toUpperCase() === namedOrder.trim().toUpperCase();

/** Expanded unless the agent closed it: the named order and active orders; others start closed. */
export const isExpanded = (o: OrderRow, namedOrder: string | null, expanded: Record<string, boolean>) => expanded[o.id] ?? (isNamed(o, namedOrder) || o.status === 'active');

type TreeItem = { key: string; ref: RowRef; level: 1 | 2; order: OrderRow; installment: InstallmentRow | null; hasChildren: boolean };

export interface OrdersTreeProps {
  orders: OrderRow[];
  installments: InstallmentRow[];
  returns: ReturnRow[];
  locale: string;
  namedOrder: string | null;
  now: number;
  expanded: Record<string, boolean>;
  selection: RowRef | null;
  /** Items and the return window, for refund / return chats (UX.md §2). */
  showItems: boolean;
  onExpand(orderId: string, expanded: boolean): void;
  onSelect(ref: RowRef): void;
}

export function OrdersTree(p: OrdersTreeProps) {
  const refs = useRef(new Map<string, HTMLLIElement>());
  const [active, setActive] = useState<string | null>(null);
  const items: TreeItem[] = [];
  for (const order of orderedOrders(p.orders, p.namedOrder)) {
    const plan = p.installments.filter((i) => i.orderId === order.id).sort(byNumber);
    const open = plan.length > 0 && isExpanded(order, p.namedOrder, p.expanded);
    items.push({ key: `order:${order.id}`, ref: { kind: 'order', id: order.id }, level: 1, order, installment: null, hasChildren: plan.length > 0 });
    if (open) for (const i of plan) items.push({ key: `installment:${i.id}`, ref: { kind: 'installment', id: i.id }, level: 2, order, installment: i, hasChildren: false });
  }
  const selectedKey = p.selection ? `${p.selection.kind}:${p.selection.id}` : null;
  const activeKey = items.find((i) => i.key === active)?.key ?? items.find((i) => i.key === selectedKey)?.key ?? items[0]?.key ?? null;

  const focus = (key: string | undefined) => {
    if (!key) return;
    setActive(key);
    refs.current.get(key)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const at = items.findIndex((i) => i.key === activeKey);
    const item = items[at];
    if (!item) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focus(items[Math.min(items.length - 1, at + 1)]?.key);
        break;
      case 'ArrowUp':
        focus(items[Math.max(0, at - 1)]?.key);
        break;
      case 'Home':
        focus(items[0]?.key);
        break;
      case 'End':
        focus(items[items.length - 1]?.key);
        break;
      case 'ArrowRight':
        if (item.level === 1 && item.hasChildren) {
          if (!isExpanded(item.order, p.namedOrder, p.expanded)) p.onExpand(item.order.id, true);
          else focus(items[at + 1]?.key);
        }
        break;
      case 'ArrowLeft':
        if (item.level === 2) focus(`order:${item.order.id}`);
        else if (item.hasChildren && isExpanded(item.order, p.namedOrder, p.expanded)) p.onExpand(item.order.id, false);
        break;
      case 'Enter':
      case ' ':
        p.onSelect(item.ref);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  return (
    <ul className="tree" role="tree" aria-label="Orders and installments" onKeyDown={onKeyDown}>
      {items.map((item) => {
        const selected = item.key === selectedKey;
        const common = {
          ref: (el: HTMLLIElement | null) => {
            if (el) refs.current.set(item.key, el);
            else refs.current.delete(item.key);
          },
          role: 'treeitem',
          'aria-level': item.level,
          'aria-selected': selected,
          tabIndex: item.key === activeKey ? 0 : -1,
          onFocus: () => setActive(item.key),
          onClick: () => {
            setActive(item.key);
            p.onSelect(item.ref);
          },
        } as const;
        if (item.installment)
          return (
            <li key={item.key} {...common} className={`tree-row tree-inst${selected ? ' is-selected' : ''}${isInArrears(item.installment.status) ? ' tree-inst--late' : ''}`}>
              <InstallmentLine i={item.installment} locale={p.locale} now={p.now} />
            </li>
          );
        const open = item.hasChildren && isExpanded(item.order, p.namedOrder, p.expanded);
        return (
          <li key={item.key} {...common} aria-expanded={item.hasChildren ? open : undefined} className={`tree-row tree-order${selected ? ' is-selected' : ''}`}>
            <OrderLine
              order={item.order}
              plan={p.installments.filter((i) => i.orderId === item.order.id)}
              ret={p.returns.find((r) => r.orderId === item.order.id) ?? null}
              named={isNamed(item.order, p.namedOrder)}
              open={open}
              hasChildren={item.hasChildren}
              showItems={p.showItems}
              locale={p.locale}
              now={p.now}
              onToggle={() => p.onExpand(item.order.id, !open)}
            />
          </li>
        );
      })}
    </ul>
  );
}

function OrderLine({
  order: o,
  plan,
  ret,
  named,
  open,
  hasChildren,
  showItems,
  locale,
  now,
  onToggle,
}: {
  order: OrderRow;
  plan: InstallmentRow[];
  ret: ReturnRow | null;
  named: boolean;
  open: boolean;
  hasChildren: boolean;
  showItems: boolean;
  locale: string;
  now: number;
  onToggle(): void;
}) {
  const paid = plan.filter((i) => i.status === 'paid').length;
  const next = nextDue(plan);
  const late = next && isInArrears(next.status);
  const windowOpen = Date.parse(o.returnWindowEndsAt) > now;
  return (
    <div className="tree-order__body">
      <div className="tree-order__head">
        {hasChildren ? (
          // A mouse affordance; the keyboard uses ← / → on the row (tree pattern).
          <span
            className="tree-order__twisty"
            aria-hidden="true"
            onClick={(e) => {
              e.stopPropagation();
              onToggle();
            }}
          >
            <Chevron open={open} />
          </span>
        ) : (
          <span className="tree-order__twisty" aria-hidden="true" />
        )}
        <span className="tree-order__merchant">{o.merchant}</span>
        <span className="money tabular">{formatMoney(o.totalMinor, o.currency, locale)}</span>
      </div>
      <div className="tree-order__meta">
        <span className="mono">{o.orderNumber}</span>
        <span>{PLAN_LABELS[o.plan]}</span>
        <span>{formatDate(o.placedAt)}</span>
        <Chip tone={ORDER_STATUS[o.status].tone}>{ORDER_STATUS[o.status].label}</Chip>
        {named && (
          <Chip tone="accent">
            <Icon name="chats" size={11} />
            Pre-chat form
          </Chip>
        )}
        {ret && <Chip tone={RETURN_STATUS[ret.status].tone}>Return: {RETURN_STATUS[ret.status].label}</Chip>}
      </div>
      {plan.length > 0 && (
        <div className={`tree-order__plan${late ? ' is-late' : ''}`}>
          {paid}/{plan.length} paid
          {next && (
            <>
              {' · '}
              {late ? 'overdue ' : 'next '}
              <span className="money">{formatMoney(next.amountMinor, next.currency, locale)}</span> {late ? 'since' : 'due'} {formatDate(next.dueDate)}
            </>
          )}
        </div>
      )}
      {showItems && (
        <div className="tree-order__items" title={o.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}>
          {o.items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.name}` : i.name)).join(', ')}
          {' · '}
          {windowOpen ? `return window until ${formatDate(o.returnWindowEndsAt)}` : `return window closed ${formatDate(o.returnWindowEndsAt)}`}
        </div>
      )}
    </div>
  );
}

function InstallmentLine({ i, locale, now }: { i: InstallmentRow; locale: string; now: number }) {
  const status = INSTALLMENT_STATUS[i.status];
  const late = isInArrears(i.status);
  const days = late ? Math.max(0, daysPast(i.dueDate, now)) : 0;
  return (
    <>
      <span className="tree-inst__n tabular">#{i.number}</span>
      <span className="tree-inst__due tabular">{i.status === 'paid' && i.paidAt ? `paid ${formatDate(i.paidAt)}` : formatDate(i.dueDate)}</span>
      <span className="tree-inst__amount money tabular">
        {formatMoney(i.amountMinor, i.currency, locale)}
        {i.lateFeeMinor > 0 && <span className="late-fee">+{formatMoney(i.lateFeeMinor, i.currency, locale)} fee</span>}
      </span>
      <span className="tree-inst__status">
        <Chip tone={status.tone}>
          {late && <Icon name="alert" size={11} />}
          {status.label}
          {late ? ` ${days} d` : ''}
        </Chip>
      </span>
    </>
  );
}

// ---- returns ---------------------------------------------------------------------------------

export function Returns({
  returns,
  orders,
  installments,
  locale,
  renderAction,
}: {
  returns: ReturnRow[];
  orders: OrderRow[];
  installments: InstallmentRow[];
  locale: string;
  renderAction(r: ReturnRow, pausable: number): ReactNode;
}) {
  const sorted = [...returns].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <ul className="plain-list">
      {sorted.map((r) => {
        const order = orders.find((o) => o.id === r.orderId);
        const plan = installments.filter((i) => i.orderId === r.orderId);
        const paused = plan.filter((i) => i.status === 'paused').length;
        const pausable = OPEN_RETURN.includes(r.status) ? plan.filter((i) => PAUSABLE.includes(i.status)).length : 0;
        const st = RETURN_STATUS[r.status];
        return (
          <li key={r.id} className="return-row">
            <div className="return-row__head">
              <span className="return-row__order">
                {order ? (
                  <>
                    <span className="mono">{order.orderNumber}</span> · {order.merchant}
                  </>
                ) : (
                  'Order not in cache'
                )}
              </span>
              <Chip tone={st.tone}>{st.label}</Chip>
            </div>
            <div className="return-row__meta">
              Refund <span className="money">{formatMoney(r.refundAmountMinor, r.currency, locale)}</span>
              {r.refundDate ? ` · ${r.status === 'refunded' ? 'paid' : 'expected'} ${formatDate(r.refundDate)}` : ' · no refund date yet'}
              {` · ${r.reason}`}
            </div>
            {plan.length > 0 && (
              <div className="return-row__pause">
                {paused > 0 ? (
                  <Chip tone="warning">
                    {paused} {paused === 1 ? 'installment' : 'installments'} paused
                  </Chip>
                ) : pausable > 0 ? (
                  <span className="muted">Payments not paused</span>
                ) : null}
                {pausable > 0 && renderAction(r, pausable)}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

// ---- transactions ----------------------------------------------------------------------------

const TX_ROW = 44;
const TX_ROW_WITH_REASON = 60;
const TX_VISIBLE = 264;

export function Transactions({
  rows,
  orders,
  installments,
  locale,
  filter,
  selection,
  onFilter,
  onSelect,
}: {
  rows: TransactionRow[];
  orders: OrderRow[];
  installments: InstallmentRow[];
  locale: string;
  filter: TxFilter;
  selection: RowRef | null;
  onFilter(f: TxFilter): void;
  onSelect(ref: RowRef): void;
}) {
  const base = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const shown = filterTransactions(rows, filter);
  const selectedIndex = shown.findIndex((t) => sameRef(selection, 'transaction', t.id));
  const [activeId, setActiveId] = useState<string | null>(null);
  const activeIndex = Math.max(0, shown.findIndex((t) => t.id === activeId) >= 0 ? shown.findIndex((t) => t.id === activeId) : selectedIndex);
  const size = (i: number) => (shown[i]?.failureReason ? TX_ROW_WITH_REASON : TX_ROW);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: size,
    getItemKey: (i) => shown[i]?.id ?? i,
    overscan: 6,
    initialRect: { width: 320, height: TX_VISIBLE },
    useFlushSync: false,
  });
  const optionId = (id: string) => `${base}-tx-${id}`;
  const active = shown[activeIndex];

  useEffect(() => {
    virtualizer.measure();
  }, [filter.kind, filter.status]);

  const move = (index: number) => {
    const t = shown[Math.max(0, Math.min(shown.length - 1, index))];
    if (!t) return;
    setActiveId(t.id);
    virtualizer.scrollToIndex(shown.indexOf(t), { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    let handled = true;
    if (e.key === 'ArrowDown') move(activeIndex + 1);
    else if (e.key === 'ArrowUp') move(activeIndex - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(shown.length - 1);
    else if (e.key === 'PageDown') move(activeIndex + 5);
    else if (e.key === 'PageUp') move(activeIndex - 5);
    else if ((e.key === 'Enter' || e.key === ' ') && active) onSelect({ kind: 'transaction', id: active.id });
    else handled = false;
    if (handled) e.preventDefault();
  };

  return (
    <>
      <div className="tx-filters">
        <label className="tx-filter">
          <span>Status</span>
          <select className="input input--dense" value={filter.status} onChange={(e) => onFilter({ ...filter, status: e.target.value as TxFilter['status'] })}>
            <option value="all">All</option>
            {TRANSACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {TRANSACTION_STATUS[s].label}
              </option>
            ))}
          </select>
        </label>
        <label className="tx-filter">
          <span>Kind</span>
          <select className="input input--dense" value={filter.kind} onChange={(e) => onFilter({ ...filter, kind: e.target.value as TxFilter['kind'] })}>
            <option value="all">All</option>
            {TRANSACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {TRANSACTION_KIND[k]}
              </option>
            ))}
          </select>
        </label>
        <span className="tx-filters__count muted tabular" aria-live="polite">
          {shown.length === rows.length ? `${rows.length}` : `${shown.length} of ${rows.length}`}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted tx-empty">
          No transactions match.{' '}
          <button type="button" className="link-button" onClick={() => onFilter({ status: 'all', kind: 'all' })}>
            Show all
          </button>
        </p>
      ) : (
        <div
          ref={scrollerRef}
          className="tx-list"
          role="listbox"
          aria-label="Transactions"
          tabIndex={0}
          aria-activedescendant={active ? optionId(active.id) : undefined}
          onKeyDown={onKeyDown}
          style={{ height: Math.min(virtualizer.getTotalSize(), TX_VISIBLE) }}
        >
          <div role="none" className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const t = shown[item.index];
              if (!t) return null;
              const status = TRANSACTION_STATUS[t.status];
              const credit = t.kind === 'refund' || t.kind === 'payment';
              const order = t.orderId ? orders.find((o) => o.id === t.orderId) : undefined;
              const inst = t.installmentId ? installments.find((i) => i.id === t.installmentId) : undefined;
              const selected = sameRef(selection, 'transaction', t.id);
              return (
                <div
                  key={item.key}
                  id={optionId(t.id)}
                  role="option"
                  aria-selected={selected}
                  className={`virtual-item tx-row${selected ? ' is-selected' : ''}${t.id === active?.id ? ' is-active' : ''}`}
                  style={{ height: size(item.index), transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setActiveId(t.id);
                    onSelect({ kind: 'transaction', id: t.id });
                  }}
                >
                  <div className="tx-row__line">
                    <span className="tx-row__kind">
                      {TRANSACTION_KIND[t.kind]}
                      {(inst || order) && (
                        <span className="tx-row__for">
                          {inst ? ` #${inst.number}` : ''} {order?.orderNumber ?? ''}
                        </span>
                      )}
                    </span>
                    <span className={`money tabular${credit ? ' money--credit' : ''}`}>
                      {credit ? '−' : ''}
                      {formatMoney(t.amountMinor, t.currency, locale)}
                    </span>
                  </div>
                  <div className="tx-row__line tx-row__meta">
                    <span>
                      {formatTime(t.createdAt)} · {t.rail.replace(/_/g, ' ')} · <span className="mono">{t.reference}</span>
                    </span>
                    <Chip tone={status.tone}>{status.label}</Chip>
                  </div>
                  {t.failureReason && <div className="tx-row__reason">{t.failureReason}</div>}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </>
  );
}

// ---- previous chats ------------------------------------------------------------------------------

export function PreviousChats({ tickets }: { tickets: TicketRow[] }) {
  return (
    <ul className="plain-list">
      {tickets.slice(0, 5).map((t) => (
        <li key={t.id} className="prev-row">
          <span className="mono">{t.reference}</span>
          <span className="prev-row__subject">{t.subject}</span>
          <span className="muted">{STATUS_LABELS[t.status]}</span>
        </li>
      ))}
    </ul>
  );
}
