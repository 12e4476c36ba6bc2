/**
 * The thread of one open chat, virtualised with measured rows. It sticks to the newest message
 * while the agent is at the bottom, and loads older pages on request.
 *
 * Every open tab keeps its thread mounted (ConversationPane stacks them, only the active one
 * visible), so switching tabs repaints nothing but two slots and each tab keeps its scroll
 * position; the position is also kept in the tab (anchor message + offset) for a restart. The
 * active thread marks the chat read while the newest message is in view and the window is in front.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { LocalMessage } from '../../../shared/api/contract';
import { useConversation, useStores, useUi } from '../../app/hooks';
import { differentDays, formatDay } from '../../lib/time';
import { useDelayed } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';
import { SkeletonLine } from '../../ui/Skeleton';
import { ImageViewerProvider } from '../viewer/ImageViewerProvider';
import { chatOf, type ChatData } from './conversation-store';
import { MessageItem, type MessageActions } from './MessageItem';
import './merged-thread.css';
import { ThreadTicketContext } from './thread-ticket';

const NEAR_BOTTOM_PX = 48;
const SCROLL_SAVE_MS = 300;

const NO_MESSAGES: LocalMessage[] = [];
const EMPTY_ERRORS: ChatData['rowErrors'] = {};

/** Whether the agent can see the window now (not hidden, not behind another window). */
const windowInFront = () => typeof document !== 'undefined' && document.visibilityState !== 'hidden' && document.hasFocus();

/** Memoised: switching tabs re-renders only the two threads whose `active` changed. */
export const Thread = memo(function Thread({ ticketId, active = true }: { ticketId: string; active?: boolean }) {
  const { conversation, drafts, ui, tabs } = useStores();
  const messages = useConversation((s) => chatOf(s, ticketId)?.messages ?? NO_MESSAGES);
  const hasMore = useConversation((s) => chatOf(s, ticketId)?.hasMore ?? false);
  const loading = useConversation((s) => chatOf(s, ticketId)?.loading ?? true);
  const loadingOlder = useConversation((s) => chatOf(s, ticketId)?.loadingOlder ?? false);
  const threadError = useConversation((s) => chatOf(s, ticketId)?.threadError ?? null);
  const rowErrors = useConversation((s) => chatOf(s, ticketId)?.rowErrors ?? EMPTY_ERRORS);
  // Cases merged into this one: their messages are in this thread, each run under a divider.
  const mergedFrom = useConversation((s) => chatOf(s, ticketId)?.detail?.mergedFrom ?? NO_SOURCES);
  const ownReference = useConversation((s) => chatOf(s, ticketId)?.detail?.ticket.reference ?? '');
  const language = useConversation((s) => chatOf(s, ticketId)?.detail?.ticket.language ?? null);
  const showSkeleton = useDelayed(loading);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const restored = useRef(false);

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

  const markRead = useCallback(() => {
    if (active && atBottom.current && windowInFront()) conversation.getState().markRead(ticketId);
  }, [active, conversation, ticketId]);

  // The first time the thread has messages: where the tab was left (a restart), else the newest.
  useLayoutEffect(() => {
    if (restored.current || count === 0) return;
    restored.current = true;
    const saved = tabs.getState().tabs.find((t) => t.ticketId === ticketId)?.scroll ?? null;
    const at = saved ? messages.findIndex((m) => m.id === saved.anchorId) : -1;
    if (saved && at >= 0) {
      atBottom.current = false;
      virtualizer.scrollToIndex(at + lead, { align: 'start' });
      const el = scrollerRef.current;
      if (el) requestAnimationFrame(() => (el.scrollTop -= saved.offset));
    } else {
      atBottom.current = true;
      virtualizer.scrollToIndex(count - 1, { align: 'end' });
    }
  }, [count, lead, messages, tabs, ticketId, virtualizer]);

  const last = messages[messages.length - 1];
  useLayoutEffect(() => {
    if (restored.current && atBottom.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [last?.id, last?.delivery, count, virtualizer]);

  // New messages while the agent looks at the newest, or coming back to the window: read.
  useEffect(() => {
    markRead();
  }, [markRead, last?.id]);
  useEffect(() => {
    if (!active) return;
    window.addEventListener('focus', markRead);
    document.addEventListener('visibilitychange', markRead);
    return () => {
      window.removeEventListener('focus', markRead);
      document.removeEventListener('visibilitychange', markRead);
    };
  }, [active, markRead]);

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

  // Where the agent left the thread, kept in the tab a moment after scrolling stops.
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (saveTimer.current && clearTimeout(saveTimer.current)), []);
  const saveScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    if (atBottom.current) return tabs.getState().setScroll(ticketId, null);
    const first = virtualizer.getVirtualItems().find((item) => item.end > el.scrollTop && item.index >= lead);
    const m = first ? messages[first.index - lead] : undefined;
    if (first && m) tabs.getState().setScroll(ticketId, { anchorId: m.id, offset: Math.round(el.scrollTop - first.start) });
  }, [lead, messages, tabs, ticketId, virtualizer]);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const wasAtBottom = atBottom.current;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current && !wasAtBottom) markRead();
    if (saveTimer.current) clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(saveScroll, SCROLL_SAVE_MS);
  }, [markRead, saveScroll]);

  const loadOlder = async () => {
    const added = await conversation.getState().loadOlder();
    if (added > 0) virtualizer.scrollToIndex(added + (conversation.getState().hasMore ? 1 : 0), { align: 'start' });
  };

  const focusRequest = useUi((s) => s.focusRequest);
  useEffect(() => {
    if (active && focusRequest?.pane === 'thread') scrollerRef.current?.focus();
  }, [focusRequest, active]);

  return (
    <ThreadTicketContext.Provider value={ticketId}>
      <ImageViewerProvider ticketId={ticketId}>
        <div
          className="thread"
          data-pane={active ? 'thread' : undefined}
          ref={scrollerRef}
          onScroll={onScroll}
          role="log"
          aria-label="Conversation"
          aria-busy={loading}
          tabIndex={active ? 0 : -1}
        >
          {threadError && messages.length === 0 && (
            <InlineAlert
              actions={
                <Button dense variant="ghost" onClick={() => void conversation.getState().reloadThread(ticketId)}>
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
                      <>
                        {startsDay(messages, item.index - lead) && <DaySeparator at={m.createdAt} />}
                        {mergedFrom.length > 0 && startsCase(messages, item.index - lead) && (
                          <CaseSeparator label={m.ticketId === ticketId ? `This case · ${ownReference}` : `Merged from ${mergedFrom.find((c) => c.ticketId === m.ticketId)?.reference ?? 'another case'}`} />
                        )}
                        <MessageItem message={m} actions={actions} rowError={m.clientMsgId ? rowErrors[m.clientMsgId] : undefined} ticketLanguage={language} />
                      </>
                    ) : null}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </ImageViewerProvider>
    </ThreadTicketContext.Provider>
  );
});

/** The first message of the thread, and each first message of a later day, opens with the day's name. */
function startsDay(messages: readonly LocalMessage[], index: number): boolean {
  const m = messages[index];
  if (!m) return false;
  const before = messages[index - 1];
  return !before || differentDays(before.createdAt, m.createdAt);
}

/** In a merged thread: the first message, and each message of another case than the one before it. */
function startsCase(messages: readonly LocalMessage[], index: number): boolean {
  const m = messages[index];
  const before = messages[index - 1];
  return !!m && (before ? before.ticketId !== m.ticketId : true);
}

const NO_SOURCES: readonly { ticketId: string; reference: string }[] = [];

function CaseSeparator({ label }: { label: string }) {
  return (
    <div className="thread__day thread__case" role="separator" aria-label={label}>
      <span>{label}</span>
    </div>
  );
}

function DaySeparator({ at }: { at: string }) {
  return (
    <div className="thread__day" role="separator" aria-label={formatDay(at)}>
      <span>{formatDay(at)}</span>
    </div>
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
