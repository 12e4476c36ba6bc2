/** The merge dialog over the open chat (the console's 'merge' overlay): candidates from the cache, the merge through the outbox. */
import { useEffect, useState } from 'react';
import { useConversation, useStores } from '../../app/hooks';
import { MergeDialog, type MergeCandidates } from './MergeDialog';

export function MergeLayer() {
  const stores = useStores();
  const ticket = useConversation((s) => s.detail?.ticket ?? null);
  const customerName = useConversation((s) => s.detail?.context.customer?.name ?? 'this customer');
  const [candidates, setCandidates] = useState<MergeCandidates>({ status: 'loading' });
  const close = () => stores.ui.getState().closeOverlay();

  useEffect(() => {
    if (!ticket) return;
    let live = true;
    void stores.api.invoke('tickets:ofCustomer', { customerId: ticket.customerId, exceptTicketId: ticket.id, limit: 50 }).then((r) => {
      if (live) setCandidates(r.ok ? { status: 'done', cases: r.value } : { status: 'error', message: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [stores, ticket?.id, ticket?.customerId]);

  if (!ticket) return null;
  const merge = (targetId: string) => {
    close();
    void stores.api.invoke('actions:run', { kind: 'ticket.merge', ticketId: ticket.id, targetId }).then((r) => {
      stores.ui.getState().announce(r.ok ? `Merging ${ticket.reference}…` : `Not merged: ${r.error.message}`);
    });
  };
  return <MergeDialog reference={ticket.reference} customerName={customerName} candidates={candidates} onMerge={merge} onCancel={close} />;
}
