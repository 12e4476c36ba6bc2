/**
 * The panel's two global keys (panel-keys.ts) until they join the shared keymap: insert the
 * selected row's summary into the reply, and show/hide the panel. One document listener, like
 * the console's; a key another handler already took (defaultPrevented) is left alone.
 */
import { useEffect, useRef } from 'react';
import { useStores } from '../../app/hooks';
import type { Stores } from '../../app/stores';
import { languageFor } from '../canned/canned-store';
import { canAccept, canWrite } from '../conversation/permissions';
import { matchPanelKey } from './panel-keys';
import type { PanelStore } from './panel-store';
import { summarise } from './summary';
import { panelStoreFor } from './use-panel';

/** Puts the selected row's one-line summary into the open chat's reply; says why not when it can't. */
export function insertSelectedSummary(stores: Stores, panel: PanelStore, now = new Date()): boolean {
  const { detail } = stores.conversation.getState();
  if (!detail) return false;
  const { ticket, context } = detail;
  const say = panel.getState().say.bind(null, ticket.id);
  if (context.customer?.identity === 'visitor') {
    say('No account is linked to this visitor; nothing to insert.', 'warning');
    return true;
  }
  const selection = panel.getState().views[ticket.id]?.selection ?? null;
  if (!selection) {
    say('Select an order, installment or transaction first: click it, or use the arrow keys and Enter.', 'warning');
    return true;
  }
  const agent = stores.session.getState().session?.agent ?? null;
  if (!canWrite(ticket, agent)) {
    say(canAccept(ticket) ? 'Accept this chat to reply.' : 'This chat is assigned to someone else.', 'warning');
    return true;
  }
  const language = languageFor(stores.cannedReplies.getState(), ticket.id, context.customer?.locale).language;
  const text = summarise(selection, context, { language, locale: context.customer?.locale ?? null, timeZone: context.customer?.timeZone ?? 'UTC', now });
  if (!text) {
    say('That row is no longer in the customer data; select another.', 'warning');
    return true;
  }
  if (stores.cannedReplies.getState().insertText(text)) say(`Inserted the ${selection.kind} into the reply.`);
  return true;
}

export function usePanelKeys({ shown, setShown }: { shown: boolean; setShown(value: boolean): void }): void {
  const stores = useStores();
  const latest = useRef({ shown, setShown });
  latest.current = { shown, setShown };
  useEffect(() => {
    const panel = panelStoreFor(stores);
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const id = matchPanelKey(e);
      if (!id) return;
      if (id === 'customer.togglePanel') {
        e.preventDefault();
        latest.current.setShown(!latest.current.shown);
        return;
      }
      if (insertSelectedSummary(stores, panel)) e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}
