/**
 * The tab strip (UX.md §2): one tab per open chat in a stable order, 120–200 px wide, 36 px high:
 * channel icon, first name + initial, an unread dot or the customer typing "…", and the SLA state
 * as a 2 px bottom border plus icon. One ARIA tablist named "Open chats": ←/→ (Home/End) move
 * and open, Delete closes the focused tab (the draft stays), a click opens, a middle click or the
 * × closes, dragging reorders. Ctrl+W / Ctrl+Shift+T and Ctrl+1…9 come from the keymap.
 */
import { memo, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { TicketSummary } from '../../../shared/api/contract';
import type { Channel } from '../../../shared/domain';
import { useKeymap, useStores, useTabs, useTickets } from '../../app/hooks';
import { ariaKeyShortcuts, shortcutLabel, type CommandId } from '../../app/keymap';
import { slaState, type SlaState } from '../../lib/time';
import { afterNextPaint } from '../../lib/use-after-paint';
import { findSummary } from '../chat-list/tickets-store';
import { useNow } from '../../lib/use-now';
import { Icon, type IconName } from '../../ui/Icon';
import './tabs.css';

export const tabId = (ticketId: string) => `chat-tab-${ticketId}`;
export const CHAT_PANEL_ID = 'chat-panel';

const CHANNEL_ICONS: Record<Channel, IconName> = { chat: 'chats', email: 'mail', phone: 'phone' };
const SLA_WORDS: Record<SlaState, string> = { none: '', ok: '', at_risk: 'reply target at risk', breached: 'reply target breached' };

/** "Anna Kowalska" → "Anna K." */
export function shortName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return parts[0] ?? name;
  return `${parts[0]} ${parts[parts.length - 1]![0]}.`;
}

export function TabStrip() {
  const { tabs: store } = useStores();
  const tabs = useTabs((s) => s.tabs);
  const activeId = useTabs((s) => s.activeId);
  const summaries = useTabs((s) => s.summaries);
  const listTyping = useTickets((s) => s.typing);
  const lists = useTickets((s) => s.lists);
  const keymap = useKeymap();
  const now = useNow();
  const stripRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);

  // The active tab stays in view when the strip overflows (scrolled after the switch is painted).
  useEffect(() => {
    if (!activeId) return;
    return afterNextPaint(() => document.getElementById(tabId(activeId))?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' }));
  }, [activeId]);

  const focusTab = (ticketId: string | null) => {
    if (ticketId) requestAnimationFrame(() => document.getElementById(tabId(ticketId))?.focus());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const current = (e.target as HTMLElement).closest<HTMLElement>('[role="tab"]')?.dataset.ticketId;
    const at = tabs.findIndex((t) => t.ticketId === current);
    if (at < 0) return;
    let target: string | null = null;
    switch (e.key) {
      case 'ArrowRight':
        target = tabs[(at + 1) % tabs.length]!.ticketId;
        break;
      case 'ArrowLeft':
        target = tabs[(at - 1 + tabs.length) % tabs.length]!.ticketId;
        break;
      case 'Home':
        target = tabs[0]!.ticketId;
        break;
      case 'End':
        target = tabs[tabs.length - 1]!.ticketId;
        break;
      case 'Enter':
      case ' ':
        target = current!;
        break;
      case 'Delete':
      case 'Backspace': {
        e.preventDefault();
        store.getState().close(current);
        focusTab(store.getState().activeId);
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    store.getState().activate(target);
    document.getElementById(tabId(target))?.focus();
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    const from = dragging;
    setDragging(null);
    const over = (e.target as HTMLElement).closest<HTMLElement>('[role="tab"]')?.dataset.ticketId;
    if (!from || !over || from === over) return;
    e.preventDefault();
    store.getState().moveTo(from, tabs.findIndex((t) => t.ticketId === over));
  };

  // No tabs, no strip (a tablist must own tabs): the conversation pane says what to do.
  if (tabs.length === 0) return null;

  return (
    <div
      ref={stripRef}
      className="tab-strip"
      role="tablist"
      aria-label="Open chats"
      onKeyDown={onKeyDown}
      onDragOver={(e) => dragging && e.preventDefault()}
      onDrop={onDrop}
      onDragEnd={() => setDragging(null)}
    >
      {tabs.map((t, i) => {
        // The tab's own figures, else the list's (before the first answer, or if main could not say).
        const summary = summaries[t.ticketId] ?? findSummary(lists, t.ticketId) ?? undefined;
        return (
          <ChatTab
            key={t.ticketId}
            ticketId={t.ticketId}
            summary={summary}
            active={t.ticketId === activeId}
            typing={listTyping[t.ticketId] === true}
            sla={summary ? slaState(summary, now) : 'none'}
            keys={i < 9 ? ariaKeyShortcuts(`goToTab${(i + 1) as 1}` as CommandId, keymap) : undefined}
            closeHint={shortcutLabel('closeTab', keymap)}
            dragging={dragging === t.ticketId}
            onDragStart={setDragging}
          />
        );
      })}
    </div>
  );
}

interface ChatTabProps {
  ticketId: string;
  summary: TicketSummary | undefined;
  active: boolean;
  typing: boolean;
  sla: SlaState;
  keys: string | undefined;
  closeHint: string;
  dragging: boolean;
  onDragStart(ticketId: string): void;
}

const ChatTab = memo(function ChatTab({ ticketId, summary, active, typing, sla, keys, closeHint, dragging, onDragStart }: ChatTabProps) {
  const { tabs } = useStores();
  const name = summary ? shortName(summary.customerName) : '…';
  const done = summary?.status === 'resolved' || summary?.status === 'closed';
  const unread = !done && (summary?.unread ?? 0) > 0;
  const offered = summary ? summary.offeredAt !== null && summary.acceptedAt === null && summary.status === 'open' : false;
  const states = [typing ? 'customer typing' : unread ? `${summary!.unread} unread` : '', SLA_WORDS[sla], offered ? 'waiting to be accepted' : '', done ? (summary!.status === 'closed' ? 'closed' : 'resolved') : ''].filter(Boolean);
  // The name is the visible text plus the states (WCAG 2.5.3: the visible label starts the name).
  const hidden = states.length ? `, ${states.join(', ')}` : '';
  const classes = ['chat-tab', `chat-tab--sla-${sla}`, active ? 'is-selected' : '', unread ? 'is-unread' : '', dragging ? 'is-dragging' : '', done ? 'is-done' : ''].filter(Boolean).join(' ');
  return (
    <div
      id={tabId(ticketId)}
      data-ticket-id={ticketId}
      role="tab"
      aria-selected={active}
      aria-controls={active ? CHAT_PANEL_ID : undefined}
      aria-keyshortcuts={keys}
      tabIndex={active ? 0 : -1}
      className={classes}
      title={summary ? `${summary.customerName} · ${summary.reference}` : undefined}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(ticketId);
      }}
      onClick={() => tabs.getState().activate(ticketId)}
      onAuxClick={(e) => {
        if (e.button === 1) tabs.getState().close(ticketId);
      }}
    >
      <Icon name={CHANNEL_ICONS[summary?.channel ?? 'chat']} size={14} className="chat-tab__channel" />
      <span className="chat-tab__name">
        {name}
        {hidden && <span className="visually-hidden">{hidden}</span>}
      </span>
      {typing ? (
        <span className="chat-tab__typing" aria-hidden="true">
          …
        </span>
      ) : unread ? (
        <span className="chat-tab__dot" aria-hidden="true" />
      ) : null}
      {sla === 'at_risk' && <Icon name="clock" size={12} className="chat-tab__sla" />}
      {sla === 'breached' && <Icon name="alert" size={12} className="chat-tab__sla" />}
      {/* Mouse only: keyboard users close with Delete here, or the close-tab key anywhere. */}
      <span
        className="chat-tab__close"
        aria-hidden="true"
        title={closeHint ? `Close tab, the draft stays (${closeHint} or Delete)` : 'Close tab, the draft stays (Delete)'}
        onClick={(e) => {
          e.stopPropagation();
          tabs.getState().close(ticketId);
        }}
      >
        <Icon name="close" size={12} />
      </span>
    </div>
  );
});
