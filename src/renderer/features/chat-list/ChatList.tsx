/**
 * The chat list column: view switcher with counts and a virtualised list of fixed-height rows,
 * as long as the view (100,000 chats in All): the rows on screen are loaded by page, the others
 * are placeholders of the same height. The list is one listbox: ↑/↓ or J/K move the cursor,
 * Enter opens, Home/End jump (End loads the last page).
 * Below 1366 px it is a 64 px strip of avatars (SLA ring, unread dot) that opens over the
 * conversation while the pointer or the focus is in it (UX.md §2).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useKeymap, useSession, useSettings, useStores, useTickets, useUi } from '../../app/hooks';
import { matchShortcut } from '../../app/keymap';
import { useValueAfterPaint } from '../../lib/use-after-paint';
import { useMediaQuery } from '../../lib/use-media-query';
import { useDelayed, useNow } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';
import { SkeletonLine } from '../../ui/Skeleton';
import { ChatRow, ROW_HEIGHTS } from './ChatRow';
import { indexOfRow, LIST_VIEWS, rowAt, VIEW_LABELS, viewCount, type ListView } from './tickets-store';

const rowId = (ticketId: string) => `chat-row-${ticketId}`;

/** Below this width the list is a strip (UX.md §2: 48 + 64 + 480 + 320 fits 1280 px with room). */
export const STRIP_QUERY = '(max-width: 1365px)';

export function ChatList() {
  const view = useTickets((s) => s.view);
  const rows = useTickets((s) => s.lists[s.view]);
  const pages = useTickets((s) => s.pages[s.view]);
  const total = useTickets((s) => s.totals[s.view] ?? s.lists[s.view]?.length ?? 0);
  const error = useTickets((s) => s.errors[s.view]);
  // The highlight follows a chat switch a frame later: the switched chat paints first.
  const selectedId = useValueAfterPaint(useTickets((s) => s.selectedId));
  const typing = useTickets((s) => s.typing);
  const { tickets } = useStores();
  const now = useNow();
  const showSkeleton = useDelayed(rows === null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  // The keyboard cursor, for the selection it was set under: a new selection (Alt+J/K, a tab)
  // takes the cursor with it in the same render, without an effect that renders again.
  const [cursor, setCursor] = useState<{ id: string; under: string | null } | null>(null);
  const cursorId = cursor && cursor.under === selectedId ? cursor.id : selectedId;
  const setCursorId = useCallback((id: string) => setCursor({ id, under: tickets.getState().selectedId }), [tickets]);
  const keymap = useKeymap();
  const rowHeight = useSettings((s) => ROW_HEIGHTS[s.settings.density]);
  const strip = useMediaQuery(STRIP_QUERY);

  const count = rows === null ? 0 : total;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // Rows keyed by index (the default): a key function that changes with the pages would make
    // the virtualizer measure every row of the view again on each change.
    useFlushSync: false,
  });

  // The rows on screen: their pages load (the store waits for the scroll to settle).
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const lastShown = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) tickets.getState().showRows(view, firstShown, lastShown);
  }, [tickets, view, count, firstShown, lastShown]);

  const cursorIndex = indexOfRow(pages, cursorId);
  const select = useCallback((ticketId: string) => {
    tickets.getState().select(ticketId);
  }, [tickets]);

  // Alt+J/K and other selection changes keep the row in view. Read from what the virtualizer
  // already knows: a row on screen needs no scroll, and no layout is forced to find that out.
  useEffect(() => {
    if (!selectedId) return;
    const at = indexOfRow(tickets.getState().pages[tickets.getState().view], selectedId);
    if (at < 0) return;
    const item = virtualizer.getVirtualItems().find((i) => i.index === at);
    const top = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    if (item && height > 0 && item.start >= top && item.end <= top + height) return;
    virtualizer.scrollToIndex(at, { align: 'auto' });
  }, [selectedId, tickets, virtualizer]);

  // Density changed: every row has the other height.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  const focusRequest = useUi((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest?.pane === 'list') scrollerRef.current?.focus();
  }, [focusRequest]);

  const moveCursor = (index: number) => {
    if (count === 0) return;
    const at = Math.max(0, Math.min(count - 1, index));
    virtualizer.scrollToIndex(at, { align: 'auto' });
    const row = rowAt(pages, at);
    if (row) return setCursorId(row.id);
    // Not loaded yet (End, or a page boundary): the cursor lands once its page is in.
    void tickets
      .getState()
      .loadRow(view, at)
      .then((r) => r && setCursorId(r.id));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = cursorIndex < 0 ? -1 : cursorIndex;
    // J / K from the keymap (the agent may change them); the arrows always work.
    const command = matchShortcut(e.nativeEvent, false, keymap, ['list']);
    if (command === 'listDown' || command === 'listUp') {
      e.preventDefault();
      return moveCursor(command === 'listDown' ? at + 1 : at < 0 ? 0 : at - 1);
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case 'ArrowDown':
        moveCursor(at + 1);
        break;
      case 'ArrowUp':
        moveCursor(at < 0 ? 0 : at - 1);
        break;
      case 'Home':
        moveCursor(0);
        break;
      case 'End':
        moveCursor(count - 1);
        break;
      case 'Enter':
      case ' ': {
        const row = rowAt(pages, at);
        if (row) select(row.id);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const activeRow = cursorIndex >= 0 ? rowAt(pages, cursorIndex) : undefined;

  return (
    <section className={strip ? 'chat-list chat-list--strip' : 'chat-list'} aria-label="Chats">
      <ViewTabs view={view} />
      {error && (
        <InlineAlert
          actions={
            <Button dense variant="ghost" onClick={() => void tickets.getState().reload([view])}>
              Retry
            </Button>
          }
        >
          Could not load this list: {error.message}
        </InlineAlert>
      )}
      <div
        ref={scrollerRef}
        className="chat-list__scroller"
        data-pane="list"
        role="listbox"
        aria-label={`${VIEW_LABELS[view]} chats`}
        tabIndex={0}
        aria-activedescendant={activeRow ? rowId(activeRow.id) : undefined}
        onKeyDown={onKeyDown}
      >
        {rows === null && showSkeleton && <ListSkeleton />}
        {rows !== null && rows.length === 0 && <EmptyList view={view} />}
        {count > 0 && (
          <div role="none" className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const t = rowAt(pages, item.index);
              if (!t)
                return (
                  <div key={item.key} role="none" className="virtual-item" style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}>
                    <SkeletonRow />
                  </div>
                );
              return (
                <div key={item.key} role="none" className="virtual-item" style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}>
                  <ChatRow
                    id={rowId(t.id)}
                    ticket={t}
                    now={now}
                    selected={t.id === selectedId}
                    active={t.id === activeRow?.id}
                    typing={typing[t.id] === true}
                    onSelect={select}
                    position={item.index + 1}
                    setSize={count}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

function ViewTabs({ view }: { view: ListView }) {
  const totals = useTickets((s) => s.totals);
  const setView = useTickets((s) => s.setView);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = LIST_VIEWS[(LIST_VIEWS.indexOf(view) + delta + LIST_VIEWS.length) % LIST_VIEWS.length] ?? view;
    setView(next);
    document.getElementById(`view-tab-${next}`)?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Chat views" onKeyDown={onKeyDown}>
      {LIST_VIEWS.map((v) => (
        <button
          key={v}
          id={`view-tab-${v}`}
          type="button"
          role="tab"
          aria-selected={v === view}
          tabIndex={v === view ? 0 : -1}
          className={`view-tab${v === view ? ' is-selected' : ''}`}
          onClick={() => setView(v)}
        >
          {VIEW_LABELS[v]}
          <span className="view-tab__count tabular">{viewCount(totals[v])}</span>
        </button>
      ))}
    </div>
  );
}

function EmptyList({ view }: { view: ListView }) {
  const agent = useSession((s) => s.session?.agent ?? null);
  if (view === 'mine') {
    const away = agent?.presence !== 'available';
    return (
      <p className="empty-state">
        No live chats ·{' '}
        {away ? `You're ${agent?.presence === 'offline' ? 'Offline' : 'Away'}; set yourself Available to get chats.` : `You're Available, new chats arrive automatically (0/${agent?.capacity ?? 0})`}
      </p>
    );
  }
  return <p className="empty-state">{view === 'queue' ? 'Nobody is waiting in your queues.' : 'No chats in your cache yet.'}</p>;
}

function ListSkeleton() {
  return (
    <div aria-hidden="true">
      {Array.from({ length: 8 }, (_, i) => (
        <SkeletonRow key={i} />
      ))}
    </div>
  );
}

/** A row whose page is not loaded yet: the shape of a chat row, at the same height. */
function SkeletonRow() {
  return (
    <div className="chat-row chat-row--skeleton" aria-hidden="true">
      <span className="chat-row__avatar" />
      <span className="chat-row__main">
        <SkeletonLine width="55%" />
        <SkeletonLine width="85%" />
        <SkeletonLine width="35%" height={10} />
      </span>
    </div>
  );
}
