/** What the keymap's macro commands do (wired into app/commands.ts): Ctrl/Cmd+Shift+1…9 and Undo. */
import type { Stores } from '../../app/stores';
import { openChatSlots } from './macros-store';

interface MacroRunner {
  available(s: Stores): string | null;
  run(s: Stores): boolean;
}

/** Why the Nth macro key does nothing now, or null. */
export function slotAvailability(s: Stores, n: number): string | null {
  const c = s.conversation.getState();
  if (!c.ticketId) return 'Open a chat first';
  const macros = s.macros.getState().macros;
  if (macros !== null && !openChatSlots(macros, c.detail)[n - 1]) return 'No macro on this key for this chat';
  return null;
}

const slot = (n: number): MacroRunner => ({
  available: (s) => slotAvailability(s, n),
  run(s) {
    if (!s.conversation.getState().ticketId) return false;
    s.ui.getState().showView('chats');
    void s.macros.getState().runSlot(n);
    return true;
  },
});

const openRun = (s: Stores) => {
  const ticketId = s.conversation.getState().ticketId;
  return ticketId ? s.macros.getState().runs[ticketId] : undefined;
};

export const MACRO_RUNNERS = {
  runMacro1: slot(1),
  runMacro2: slot(2),
  runMacro3: slot(3),
  runMacro4: slot(4),
  runMacro5: slot(5),
  runMacro6: slot(6),
  runMacro7: slot(7),
  runMacro8: slot(8),
  runMacro9: slot(9),
  undoMacro: {
    available: (s) => (openRun(s)?.phase === 'waiting' ? null : 'No macro to undo in this chat'),
    run: (s) => {
      const run = openRun(s);
      return run ? s.macros.getState().undo(run.ticketId) : false;
    },
  },
} satisfies Record<string, MacroRunner>;
