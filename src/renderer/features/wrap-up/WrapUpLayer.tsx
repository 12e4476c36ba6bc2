/** The wrap-up and tags dialogs over the open chat, as the console's overlays ('wrapUp', 'tags'). */
import { useConversation, useStores, useUi } from '../../app/hooks';
import type { WrapUp } from '../conversation/conversation-store';
import { TagsDialog } from './TagsDialog';
import { WrapUpDialog } from './WrapUpDialog';

export function WrapUpLayer() {
  const stores = useStores();
  const overlay = useUi((s) => s.overlay);
  const ticket = useConversation((s) => s.detail?.ticket ?? null);
  const customerName = useConversation((s) => s.detail?.context.customer?.name ?? 'Customer');
  const close = () => stores.ui.getState().closeOverlay();
  if (!ticket) return null;

  if (overlay === 'wrapUp') {
    const confirm = (wrapUp: WrapUp) => {
      close();
      stores.tabs.getState().resolveWithUndo(ticket.id, wrapUp);
    };
    return <WrapUpDialog ticket={ticket} customerName={customerName} onConfirm={confirm} onCancel={close} />;
  }
  if (overlay === 'tags') {
    const save = (tags: string[]) => {
      close();
      void stores.api.invoke('actions:run', { kind: 'ticket.setTags', ticketId: ticket.id, tags }).then((r) => {
        stores.ui.getState().announce(r.ok ? (tags.length ? `Tags saved: ${tags.join(', ')}` : 'Tags removed') : `Tags not saved: ${r.error.message}`);
      });
    };
    return <TagsDialog ticket={ticket} onSave={save} onCancel={close} />;
  }
  return null;
}
