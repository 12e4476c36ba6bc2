/** Always first in the panel: who the customer is and the state of their account. */
import type { AccountRow, CustomerRow } from '../../../shared/domain';
import { useNow } from '../../lib/use-now';
import { maskEmail, maskPhone } from '../../lib/text';
import { Chip } from '../../ui/Chip';
import { Icon } from '../../ui/Icon';
import { ACCOUNT_STATUS, riskLabel, VERIFICATION } from './labels';

export function CustomerCard({ customer, account, fallbackName }: { customer: CustomerRow | null; account: AccountRow | null; fallbackName: string }) {
  const now = useNow();
  if (!customer) {
    return (
      <section className="customer-card" aria-label="Customer">
        <h3 className="customer-card__name">{fallbackName}</h3>
        <p className="muted">No customer record is linked to this chat.</p>
      </section>
    );
  }
  if (customer.identity === 'visitor') return <VisitorCard customer={customer} />;
  const verification = account ? VERIFICATION[account.verificationStatus] : null;
  const status = account ? ACCOUNT_STATUS[account.status] : null;
  return (
    <section className="customer-card" aria-label="Customer">
      <h3 className="customer-card__name">{customer.name}</h3>
      <div className="customer-card__chips">
        {verification && (
          <Chip tone={verification.tone}>
            {account?.verificationStatus === 'verified' && <Icon name="shield" size={11} />}
            {verification.label}
          </Chip>
        )}
        {status && <Chip tone={status.tone}>{status.label}</Chip>}
        {customer.riskFlags.map((f) => (
          <Chip key={f} tone="danger">
            {riskLabel(f)}
          </Chip>
        ))}
      </div>
      <dl className="facts">
        <dt>Customer ID</dt>
        <dd className="mono facts__id">{customer.id}</dd>
        <dt>Email</dt>
        <dd title="Masked">{maskEmail(customer.email)}</dd>
        <dt>Phone</dt>
        <dd title="Masked">{maskPhone(customer.phone)}</dd>
        <dt>Language</dt>
        <dd>
          {customer.locale} · {customer.country}
        </dd>
        <dt>Local time</dt>
        <dd>
          <LocalTime timeZone={customer.timeZone} now={now} /> <span className="muted">({customer.timeZone})</span>
        </dd>
      </dl>
    </section>
  );
}

/**
 * Someone who chatted without an identity token from the company's site: what they typed about
 * themselves is shown as stated, and no account is linked, so the account panels stay empty.
 */
function VisitorCard({ customer }: { customer: CustomerRow }) {
  return (
    <section className="customer-card" aria-label="Customer">
      <h3 className="customer-card__name">Unverified visitor</h3>
      <div className="customer-card__chips">
        <Chip tone="warning">Identity not verified</Chip>
      </div>
      <dl className="facts">
        <dt>Stated name</dt>
        <dd>{customer.name}</dd>
        <dt>Stated email</dt>
        <dd title="Masked">{customer.email ? maskEmail(customer.email) : '—'}</dd>
      </dl>
      <p className="muted">
        They did not sign in on the help pages, so no account is linked. Do not discuss account details; ask them to sign in and start the chat again.
      </p>
    </section>
  );
}

function LocalTime({ timeZone, now }: { timeZone: string; now: number }) {
  try {
    return <span className="tabular">{new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone }).format(now)}</span>;
  } catch {
    return <span>—</span>;
  }
}
