/** Payment methods, orders with their instalments, transactions and previous chats. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { CustomerContext } from '../../../shared/api/contract';
import { maskedCard } from '../../../shared/card-mask';
import type { InstallmentRow, OrderRow, TicketRow, TransactionRow } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatDate } from '../../lib/time';
import { Chip } from '../../ui/Chip';
import { Icon } from '../../ui/Icon';
import { Section } from '../../ui/Section';
import { STATUS_LABELS } from '../conversation/permissions';
import { INSTALLMENT_STATUS, ORDER_STATUS, PLAN_LABELS, TRANSACTION_KIND, TRANSACTION_STATUS } from './labels';

export function PaymentMethods({ methods }: { methods: CustomerContext['paymentMethods'] }) {
  if (methods.length === 0) return null;
  return (
    <Section title="Payment methods">
      <ul className="plain-list">
        {methods.map((p) => (
          <li key={p.id} className="pm-row">
            <Icon name="card" size={14} />
            <span className="pm-row__name">
              {p.brand} <span className="mono">{maskedCard(p.last4)}</span>
            </span>
            {p.expiry && <span className="muted">exp {p.expiry}</span>}
            {p.isDefault && <Chip>Default</Chip>}
            {p.status !== 'active' && <Chip tone="danger">{p.status === 'expired' ? 'Expired' : 'Failed verification'}</Chip>}
            {p.lastDeclineReason && <span className="pm-row__decline">Last decline: {p.lastDeclineReason}</span>}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function Orders({ orders, installments, locale }: { orders: OrderRow[]; installments: InstallmentRow[]; locale: string }) {
  if (orders.length === 0) return null;
  return (
    <Section title="Orders" aside={<span className="tabular">{orders.length}</span>}>
      <ul className="plain-list">
        {orders.map((o) => (
          <li key={o.id} className="order">
            <div className="order__head">
              <span className="order__merchant">{o.merchant}</span>
              <span className="money tabular">{formatMoney(o.totalMinor, o.currency, locale)}</span>
            </div>
            <div className="order__meta">
              <span className="mono">{o.orderNumber}</span>
              <span>{PLAN_LABELS[o.plan]}</span>
              <span>{formatDate(o.placedAt)}</span>
              <Chip tone={ORDER_STATUS[o.status].tone}>{ORDER_STATUS[o.status].label}</Chip>
            </div>
            <Installments rows={installments.filter((i) => i.orderId === o.id)} locale={locale} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Installments({ rows, locale }: { rows: InstallmentRow[]; locale: string }) {
  if (rows.length === 0) return null;
  const sorted = [...rows].sort((a, b) => a.number - b.number);
  const paid = sorted.filter((r) => r.status === 'paid').length;
  return (
    <table className="installments">
      <caption className="visually-hidden">Instalments</caption>
      <thead>
        <tr>
          <th scope="col">
            {paid}/{sorted.length} paid
          </th>
          <th scope="col">Due</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((i) => (
          <tr key={i.id}>
            <td className="tabular">#{i.number}</td>
            <td className="tabular">{formatDate(i.dueDate)}</td>
            <td className="num money tabular">
              {formatMoney(i.amountMinor, i.currency, locale)}
              {i.lateFeeMinor > 0 && <span className="late-fee">+{formatMoney(i.lateFeeMinor, i.currency, locale)} fee</span>}
            </td>
            <td>
              <Chip tone={INSTALLMENT_STATUS[i.status].tone}>{INSTALLMENT_STATUS[i.status].label}</Chip>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const TX_ROW = 44;

export function Transactions({ rows, locale }: { rows: TransactionRow[]; locale: string }) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const sorted = [...rows].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => TX_ROW,
    overscan: 6,
    useFlushSync: false,
  });
  if (rows.length === 0) return null;
  return (
    <Section title="Transactions" aside={<span className="tabular">{rows.length}</span>}>
      <div ref={scrollerRef} className="tx-list" role="list" aria-label="Transactions" tabIndex={0} style={{ height: Math.min(sorted.length, 6) * TX_ROW }}>
        <div role="none" className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const t = sorted[item.index];
            if (!t) return null;
            const status = TRANSACTION_STATUS[t.status];
            const credit = t.kind === 'refund' || t.kind === 'payment';
            return (
              <div key={item.key} role="listitem" className="virtual-item tx-row" style={{ height: TX_ROW, transform: `translateY(${item.start}px)` }}>
                <div className="tx-row__line">
                  <span className="tx-row__kind">{TRANSACTION_KIND[t.kind]}</span>
                  <span className={`money tabular${credit ? ' money--credit' : ''}`}>
                    {credit ? '−' : ''}
                    {formatMoney(t.amountMinor, t.currency, locale)}
                  </span>
                </div>
                <div className="tx-row__line tx-row__meta">
                  <span>
                    {formatDate(t.createdAt)} · {t.rail} · <span className="mono">{t.reference}</span>
                  </span>
                  <Chip tone={status.tone} title={t.failureReason ?? undefined}>
                    {status.label}
                  </Chip>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </Section>
  );
}

export function PreviousChats({ tickets }: { tickets: TicketRow[] }) {
  if (tickets.length === 0) return null;
  return (
    <Section title="Previous conversations">
      <ul className="plain-list">
        {tickets.slice(0, 5).map((t) => (
          <li key={t.id} className="prev-row">
            <span className="mono">{t.reference}</span>
            <span className="prev-row__subject">{t.subject}</span>
            <span className="muted">{STATUS_LABELS[t.status]}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
