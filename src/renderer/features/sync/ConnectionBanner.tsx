/**
 * The full-width banner under the header (UX.md §5): offline with the reconnect attempt, the
 * outbox and Retry now; "Back online · N sent" for 3 s; the browser host's own link to main.
 */
import { useSync } from '../../app/hooks';
import { useNow } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { isReconnecting } from './sync-store';

export function ConnectionBanner() {
  const status = useSync((s) => s.status);
  const host = useSync((s) => s.host);
  const backOnline = useSync((s) => s.backOnline);
  const retryPending = useSync((s) => s.retryPending);
  const retryNow = useSync((s) => s.retryNow);

  if (host === 'refused') {
    return (
      <div className="banner banner--error" role="alert">
        <Icon name="alert" size={14} />
        <span>Agent Desk was restarted; reload this page to continue.</span>
        <Button dense onClick={() => location.reload()}>
          Reload
        </Button>
      </div>
    );
  }
  if (host === 'down') {
    return (
      <div className="banner banner--offline" role="status">
        <Icon name="offline" size={14} />
        <span>Lost the link to the Agent Desk service – reconnecting…</span>
      </div>
    );
  }
  if (status && isReconnecting(status)) {
    return (
      <div className="banner banner--offline" role="status">
        <Icon name="offline" size={14} />
        <span>
          Offline – reconnecting (<RetryCountdown attempt={status.attempt} nextRetryAt={status.nextRetryAt} />) · Outbox <span className="tabular">{status.outbox}</span>
        </span>
        <Button dense className="banner__action" disabled={retryPending} onClick={() => void retryNow()}>
          Retry now
        </Button>
      </div>
    );
  }
  if (backOnline) {
    return (
      <div className="banner banner--online" role="status">
        <Icon name="check" size={14} />
        <span>
          Back online · <span className="tabular">{backOnline.sent}</span> sent
        </span>
      </div>
    );
  }
  return null;
}

function RetryCountdown({ attempt, nextRetryAt }: { attempt: number; nextRetryAt: string | null }) {
  const now = useNow();
  const tryLabel = `try ${Math.max(1, attempt)}`;
  if (!nextRetryAt) return <>{tryLabel}, connecting…</>;
  const seconds = Math.max(0, Math.ceil((Date.parse(nextRetryAt) - now) / 1000));
  return (
    <>
      {tryLabel}, next in <span className="tabular">{seconds}</span> s
    </>
  );
}
