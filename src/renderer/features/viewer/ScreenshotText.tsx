/**
 * What the desk read in a screenshot (the server's OCR; card numbers already masked there): a
 * "Card number hidden" badge when a card number was blurred out of the image before it was
 * stored, and the text itself, selectable, rendered as text (never markup). The thread shows a
 * few lines under the thumbnail; the image viewer shows all of it under the picture.
 */
import type { AttachmentRow } from '../../../shared/domain';
import { Icon } from '../../ui/Icon';

export function cardsHiddenLabel(count: number): string {
  return count === 1 ? 'Card number hidden' : `${count} card numbers hidden`;
}

export function CardsHiddenBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="chip chip--warning screenshot-badge" title="The desk blurred a card number in this screenshot before storing it; nobody can see it, including you" data-testid="cards-hidden">
      <Icon name="shield" size={12} />
      {cardsHiddenLabel(count)}
    </span>
  );
}

export function ScreenshotText({ attachment, variant }: { attachment: Pick<AttachmentRow, 'ocrText' | 'cardsHidden'>; variant: 'thread' | 'viewer' }) {
  const text = attachment.ocrText.trim();
  if (text === '' && attachment.cardsHidden <= 0) return null;
  return (
    // In the viewer the text scrolls: focusable, so the keyboard can scroll it too (axe: scrollable-region-focusable).
    <div
      className={`screenshot-text screenshot-text--${variant}`}
      {...(variant === 'viewer' ? { tabIndex: 0, role: 'region', 'aria-label': 'Text in the screenshot' } : {})}
    >
      {variant === 'thread' && <CardsHiddenBadge count={attachment.cardsHidden} />}
      {text !== '' && (
        <>
          <span className="screenshot-text__label">Text in the screenshot</span>
          <p className="screenshot-text__body" data-testid="screenshot-text">
            {text}
          </p>
        </>
      )}
    </div>
  );
}
