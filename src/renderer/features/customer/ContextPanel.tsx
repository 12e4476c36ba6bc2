/** The context panel: customer card first, then the account sections, previous chats last. */
import { useConversation, useUi } from '../../app/hooks';
import { useDelayed } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';
import { SkeletonLine } from '../../ui/Skeleton';
import { useStores } from '../../app/hooks';
import { useEffect, useRef } from 'react';
import { CustomerCard } from './CustomerCard';
import { Orders, PaymentMethods, PreviousChats, Transactions } from './AccountSections';

export function ContextPanel({ fallbackName }: { fallbackName: string }) {
  const { conversation } = useStores();
  const detail = useConversation((s) => s.detail);
  const error = useConversation((s) => s.detailError);
  const ticketId = useConversation((s) => s.ticketId);
  const showSkeleton = useDelayed(!detail && !error && ticketId !== null);
  const ref = useRef<HTMLElement>(null);
  const focusRequest = useUi((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest?.pane === 'panel') ref.current?.focus();
  }, [focusRequest]);

  let body;
  if (detail) {
    const { context } = detail;
    const locale = context.customer?.locale ?? navigator.language;
    // An unverified visitor has no account: nothing but what they told us about themselves.
    const visitor = context.customer?.identity === 'visitor';
    body = visitor ? (
      <CustomerCard customer={context.customer} account={null} fallbackName={fallbackName} />
    ) : (
      <>
        <CustomerCard customer={context.customer} account={context.account} fallbackName={fallbackName} />
        <PaymentMethods methods={context.paymentMethods} />
        <Orders orders={context.orders} installments={context.installments} locale={locale} />
        <Transactions rows={context.transactions} locale={locale} />
        <PreviousChats tickets={detail.previous} />
      </>
    );
  } else if (error) {
    body = (
      <InlineAlert
        actions={
          <Button dense variant="ghost" onClick={() => void conversation.getState().reloadDetail()}>
            Retry
          </Button>
        }
      >
        Could not load the customer: {error.message}
      </InlineAlert>
    );
  } else if (showSkeleton) {
    body = <PanelSkeleton />;
  }

  return (
    <aside className="context-panel" data-pane="panel" aria-label="Customer context" ref={ref} tabIndex={-1}>
      {body}
    </aside>
  );
}

function PanelSkeleton() {
  return (
    <div className="panel-skeleton" aria-hidden="true">
      <SkeletonLine width="50%" height={16} />
      <SkeletonLine width="70%" />
      <SkeletonLine width="60%" />
      <SkeletonLine width="100%" height={64} />
      <SkeletonLine width="100%" height={96} />
    </div>
  );
}
