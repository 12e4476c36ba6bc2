/**
 * What deserves the agent's attention outside the window: the unread count (dock/taskbar badge,
 * tray tooltip) and which changes raise an OS notification. Pure: it compares one snapshot of
 * the agent's own tickets with the previous one, so it is tested without Electron.
 */
import type { TicketSummary } from '../../shared/api/contract';

export type AttentionTicket = Pick<TicketSummary, 'id' | 'reference' | 'customerName' | 'unread' | 'lastMessageAuthor'>;

export interface AttentionUpdate {
  unreadTotal: number;
  /** Tickets whose unread count rose with a customer message since the previous snapshot. */
  newCustomerMessages: AttentionTicket[];
}

export interface AttentionTracker {
  /** The first snapshot only sets the baseline: starting the app notifies nothing. */
  update(tickets: readonly AttentionTicket[]): AttentionUpdate;
  reset(): void;
}

export function createAttentionTracker(): AttentionTracker {
  let previous: Map<string, { unread: number }> | null = null;
  return {
    update(tickets) {
      let unreadTotal = 0;
      const newCustomerMessages: AttentionTicket[] = [];
      const next = new Map<string, { unread: number }>();
      for (const t of tickets) {
        const unread = Math.max(0, t.unread);
        unreadTotal += unread;
        next.set(t.id, { unread });
        if (!previous || t.lastMessageAuthor !== 'customer' || unread === 0) continue;
        const before = previous.get(t.id);
        if (unread > (before?.unread ?? 0)) newCustomerMessages.push(t);
      }
      previous = next;
      return { unreadTotal, newCustomerMessages };
    },
    reset() {
      previous = null;
    },
  };
}

/** The badge text for a count: nothing at zero, `99+` beyond 99. */
export function badgeLabel(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** The window title with the unread count (Windows shows it in the taskbar). */
export function titleWithUnread(base: string, count: number): string {
  return count > 0 ? `(${badgeLabel(count)}) ${base}` : base;
}

/**
 * A filled red dot as a raw BGRA bitmap (the taskbar overlay icon on Windows), drawn in code so
 * the app needs no extra asset.
 */
export function redDotBitmap(size = 16): Buffer {
  const buf = Buffer.alloc(size * size * 4);
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - r, y + 0.5 - r);
      const alpha = Math.round(255 * Math.max(0, Math.min(1, r - d)));
      const i = (y * size + x) * 4;
      // Premultiplied BGRA: #E5383B
      buf[i] = Math.round((0x3b * alpha) / 255);
      buf[i + 1] = Math.round((0x38 * alpha) / 255);
      buf[i + 2] = Math.round((0xe5 * alpha) / 255);
      buf[i + 3] = alpha;
    }
  }
  return buf;
}
