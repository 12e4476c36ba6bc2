/**
 * The thread of the open chat, virtualised with measured rows. It sticks to the newest message
 * while the agent is at the bottom, and loads older pages on request.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { LocalMessage } from '../../../shared/api/contract';
import { useConversation, useStores, useUi } from '../../app/hooks';
import { useDelayed } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';
import { SkeletonLine } from '../../ui/Skeleton';
import { ImageViewerProvider } from '../viewer/ImageViewerProvider';
import { MessageItem, type MessageActions } from './MessageItem';

const NEAR_BOTTOM_PX = 48;

export function Thread({ ticketId }: { ticketId: string }) {
  const { conversation, drafts, ui } = useStores();
  const messages = useConversation((s) => s.messages);
  const hasMore = useConversation((s) => s.hasMore);
  const loading = useConversation((s) => s.loading);
  const loadingOlder = useConversation((s) => s.loadingOlder);
  const threadError = useConversation((s) => s.threadError);
  const rowErrors = useConversation((s) => s.rowErrors);
  const showSkeleton = useDelayed(loading);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  const lead = hasMore ? 1 : 0; // row 0 is "Load earlier messages" while there are more
  const count = messages.length + lead;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => 72,
    overscan: 6,
    getItemKey: (i) => (i < lead ? 'older' : (messages[i - lead]?.id ?? i)),
    useFlushSync: false,
  });

  const actions = useMemo<MessageActions>(
    () => ({
      retry: (id) => void conversation.getState().retry(id),
      discard: (id) => void conversation.getState().discard(id),
      edit: (m: LocalMessage) => {
        const current = drafts.getState().drafts[ticketId]?.body ?? '';
        drafts.getState().setMode(ticketId, m.authorKind === 'note' ? 'note' : 'reply');
        drafts.getState().edit(ticketId, current.trim() ? `${current}\n${m.body}` : m.body);
        ui.getState().focus('composer');
      },
    }),
    [conversation, drafts, ui, ticketId],
  );

  // A newly opened chat starts at its newest message.
  useLayoutEffect(() => {
    atBottom.current = true;
  }, [ticketId]);

  const last = messages[messages.length - 1];
  useLayoutEffect(() => {
    if (atBottom.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [ticketId, last?.id, last?.delivery, count, virtualizer]);

  // When the pane shrinks (the composer grows, an alert appears, the window resizes) the
  // newest message stays in view if it was in view.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  }, []);

  const loadOlder = async () => {
    const added = await conversation.getState().loadOlder();
    if (added > 0) virtualizer.scrollToIndex(added + (conversation.getState().hasMore ? 1 : 0), { align: 'start' });
  };

  const focusRequest = useUi((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest?.pane === 'thread') scrollerRef.current?.focus();
  }, [focusRequest]);

  return (
    <ImageViewerProvider ticketId={ticketId}>
    <div className="thread" data-pane="thread" ref={scrollerRef} onScroll={onScroll} role="log" aria-label="Conversation" aria-busy={loading} tabIndex={0}>
      {threadError && messages.length === 0 && (
        <InlineAlert
          actions={
            <Button dense variant="ghost" onClick={() => void conversation.getState().reloadThread()}>
              Retry
            </Button>
          }
        >
          Could not load the messages: {threadError.message}
        </InlineAlert>
      )}
      {loading && showSkeleton && <ThreadSkeleton />}
      {!loading && messages.length === 0 && !threadError && <p className="empty-state">No messages yet.</p>}
      {count > 0 && (
        <div role="none" className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const isOlder = item.index < lead;
            const m = isOlder ? undefined : messages[item.index - lead];
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} role="none" className="virtual-item thread__item" style={{ transform: `translateY(${item.start}px)` }}>
                {isOlder ? (
                  <div className="thread__older">
                    <Button dense variant="ghost" disabled={loadingOlder} onClick={() => void loadOlder()}>
                      {loadingOlder ? 'Loading…' : 'Load earlier messages'}
                    </Button>
                  </div>
                ) : m ? (
                  <MessageItem message={m} actions={actions} rowError={m.clientMsgId ? rowErrors[m.clientMsgId] : undefined} />
                ) : null}
              </div>
            );
          })}
        </div>
      )}
    </div>
    </ImageViewerProvider>
  );
}

const SKELETON_BUBBLES = [
  { side: 'customer', width: 280, height: 56 },
  { side: 'agent', width: 220, height: 40 },
  { side: 'customer', width: 320, height: 76 },
  { side: 'agent', width: 240, height: 56 },
] as const;

function ThreadSkeleton() {
  return (
    <div className="thread__skeleton" aria-hidden="true">
      {SKELETON_BUBBLES.map((b, i) => (
        <div key={i} className={`msg msg--${b.side}`}>
          <SkeletonLine width={b.width} height={b.height} />
        </div>
      ))}
    </div>
  );
}
