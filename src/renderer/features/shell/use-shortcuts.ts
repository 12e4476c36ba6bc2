/** The console's key handler: one listener, reading the keymap table. */
import { useEffect } from 'react';
import { useStores } from '../../app/hooks';
import { isTextField, matchShortcut, type ShortcutId } from '../../app/keymap';
import { PANES, type Pane } from '../../app/ui-store';
import type { Stores } from '../../app/stores';
import { assertNever } from '../../lib/assert-never';
import { canAccept, canResolve } from '../conversation/permissions';

export function useShortcuts(): void {
  const stores = useStores();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const id = matchShortcut(e, isTextField(document.activeElement));
      if (id && run(stores, id)) e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}

/** Runs a shortcut; false when it does not apply here (the key then does what it normally does). */
function run(stores: Stores, id: ShortcutId): boolean {
  const { tickets, conversation, drafts, ui, session } = stores;
  const c = conversation.getState();
  const ticket = c.detail?.ticket ?? null;
  const agent = session.getState().session?.agent ?? null;
  switch (id) {
    case 'nextChat':
      tickets.getState().selectRelative(1);
      return true;
    case 'prevChat':
      tickets.getState().selectRelative(-1);
      return true;
    case 'accept':
      if (!ticket || !canAccept(ticket)) return false;
      void c.accept();
      return true;
    case 'resolve':
      if (!ticket || !canResolve(ticket, agent)) return false;
      void c.resolve();
      return true;
    case 'toggleNote': {
      if (!c.ticketId) return false;
      const mode = drafts.getState().drafts[c.ticketId]?.mode ?? 'reply';
      drafts.getState().setMode(c.ticketId, mode === 'note' ? 'reply' : 'note');
      ui.getState().focus('composer');
      return true;
    }
    case 'reply':
    case 'note':
      if (!c.ticketId) return false;
      drafts.getState().setMode(c.ticketId, id);
      ui.getState().focus('composer');
      return true;
    case 'nextPane':
    case 'prevPane': {
      const current = (document.activeElement?.closest('[data-pane]')?.getAttribute('data-pane') ?? null) as Pane | null;
      const available = PANES.filter((p) => document.querySelector(`[data-pane="${p}"]`));
      if (available.length === 0) return false;
      const at = current ? available.indexOf(current) : -1;
      const step = id === 'nextPane' ? 1 : -1;
      const next = available[(at + step + available.length) % available.length];
      if (next) ui.getState().focus(next);
      return true;
    }
    case 'leaveField': {
      const el = document.activeElement;
      if (!isTextField(el)) return false;
      (el as HTMLElement).blur();
      ui.getState().focus('thread');
      return true;
    }
    default:
      return assertNever(id);
  }
}
