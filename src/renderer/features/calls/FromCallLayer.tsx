/** "New case from a call" over the console (the 'fromCall' overlay): the case opens in a tab once sync brings it. */
import { showChat } from '../../app/commands';
import { useStores } from '../../app/hooks';
import { NewCaseFromCallDialog, type CreatedCase } from './NewCaseFromCallDialog';
import { openWhenSynced } from './open-when-synced';

export function FromCallLayer() {
  const stores = useStores();
  const close = () => stores.ui.getState().closeOverlay();
  const created = ({ ticketId, reference, customerName }: CreatedCase) => {
    close();
    stores.ui.getState().announce(`Case ${reference} opened for ${customerName}`);
    openWhenSynced(stores.api, ticketId, {
      open: (id) => showChat(stores, id),
      onLate: () => stores.ui.getState().announce(`Case ${reference} is not on this computer yet; it will be in My chats once it syncs.`),
    });
  };
  return <NewCaseFromCallDialog api={stores.api} onCreated={created} onCancel={close} />;
}
