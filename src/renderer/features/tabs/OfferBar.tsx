/**
 * Chats routing offered to the agent (UX.md §5): a prominent row over the tab strip with the
 * customer, their first question and how long they have waited, and Accept / Decline, each with
 * its key from the keymap. Accepting opens the chat in a tab; declining hands it to routing.
 * The chime plays in bootstrap (it respects presence and the sound setting).
 */
import { useKeymap, useSession, useStores, useTabs, useTickets } from '../../app/hooks';
import { acceptChat, declineChat } from '../../app/commands';
import { ariaKeyShortcuts, shortcutLabel } from '../../app/keymap';
import { formatWait } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { canDecline, pendingOffers } from './tabs-store';

export function OfferBar() {
  const stores = useStores();
  const agentId = useSession((s) => s.session?.agent?.id ?? null);
  const mine = useTickets((s) => s.lists.mine);
  const answered = useTabs((s) => s.answeredOffers);
  const list = pendingOffers(mine, agentId, answered);
  const keymap = useKeymap();
  const now = useNow();
  const offer = list[0];
  return (
    <>
      {/* Said once per new offer, politely. */}
      <span className="visually-hidden" role="status">
        {offer ? `Chat offered: ${offer.customerName}` : ''}
      </span>
      {offer && (
        <section className="offer-bar" aria-label="Chat offered to you">
          <span className="offer-bar__icon">
            <Icon name="bell" size={18} />
          </span>
          <span className="offer-bar__text">
            <span className="offer-bar__title">{offer.customerName}</span>
            <span className="offer-bar__preview">{offer.lastMessagePreview ?? offer.subject}</span>
            <span className="offer-bar__wait tabular">waiting {formatWait((now - Date.parse(offer.waitingSince ?? offer.offeredAt ?? offer.createdAt)) / 1000)}</span>
          </span>
          {list.length > 1 && <span className="offer-bar__more">+{list.length - 1} more offered</span>}
          <span className="offer-bar__actions">
            <Button variant="primary" icon="accept" onClick={() => acceptChat(stores, offer.id)} aria-keyshortcuts={ariaKeyShortcuts('accept', keymap)}>
              Accept{shortcutLabel('accept', keymap) && <kbd>{shortcutLabel('accept', keymap)}</kbd>}
            </Button>
            {/* A chat a colleague already answered (transferred or escalated here) cannot go back. */}
            {canDecline(offer, agentId) && (
              <Button onClick={() => declineChat(stores, offer.id)} aria-keyshortcuts={ariaKeyShortcuts('decline', keymap)}>
                Decline{shortcutLabel('decline', keymap) && <kbd>{shortcutLabel('decline', keymap)}</kbd>}
              </Button>
            )}
          </span>
        </section>
      )}
    </>
  );
}
