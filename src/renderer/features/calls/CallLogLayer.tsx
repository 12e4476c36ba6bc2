/** The call log over the open chat (the console's 'callLog' overlay): the call goes through the outbox as `call.log`. */
import { useConversation, useStores } from '../../app/hooks';
import { CallLogDialog, type LoggedCall } from './CallLogDialog';

export function CallLogLayer() {
  const stores = useStores();
  const ticket = useConversation((s) => s.detail?.ticket ?? null);
  const close = () => stores.ui.getState().closeOverlay();
  if (!ticket) return null;
  const log = (call: LoggedCall) => {
    close();
    void stores.api.invoke('actions:run', { kind: 'call.log', ticketId: ticket.id, ...call }).then((r) => {
      stores.ui.getState().announce(r.ok ? 'Call logged' : `Call not logged: ${r.error.message}`);
    });
  };
  return <CallLogDialog reference={ticket.reference} onLog={log} onCancel={close} />;
}
