/** UI chrome that several panes touch: focus requests between panes, the area shown, the open overlay. */
import { createStore } from 'zustand/vanilla';

export type Pane = 'list' | 'thread' | 'composer' | 'panel';
export const PANES: readonly Pane[] = ['list', 'thread', 'composer', 'panel'];

/** The nav rail's areas. */
export type View = 'chats' | 'board' | 'settings';
/** The modal dialogs over the console: one at a time. */
export type Overlay = 'palette' | 'help' | 'earlierCases' | 'wrapUp' | 'tags' | 'merge' | 'callLog' | 'fromCall';
/** What the palette starts with: everything, only a reference, or only the cached-chat search. */
export type PaletteMode = 'all' | 'reference' | 'search';

export interface UiStoreState {
  /** Bumped to ask a pane to take focus; the pane's effect reacts to the change. */
  focusRequest: { pane: Pane; seq: number } | null;
  /** Bumped to ask the presence menu to take focus (Ctrl+Shift+S). */
  presenceFocus: number;
  view: View;
  overlay: Overlay | null;
  paletteMode: PaletteMode;
  /** A short result said politely (status bar, a live region): "Copied ABCD-EFGH". */
  notice: { text: string; seq: number } | null;
  focus(pane: Pane): void;
  announce(text: string): void;
  /** Clears that notice (a newer one stays). */
  clearNotice(seq: number): void;
  focusPresence(): void;
  showView(view: View): void;
  openOverlay(overlay: Overlay, paletteMode?: PaletteMode): void;
  closeOverlay(): void;
}

export function createUiStore() {
  let seq = 0;
  return createStore<UiStoreState>()((set, get) => ({
    focusRequest: null,
    presenceFocus: 0,
    view: 'chats',
    overlay: null,
    paletteMode: 'all',
    notice: null,
    announce(text) {
      set({ notice: { text, seq: ++seq } });
    },
    clearNotice(n) {
      if (get().notice?.seq === n) set({ notice: null });
    },
    focus(pane) {
      set({ focusRequest: { pane, seq: ++seq } });
    },
    focusPresence() {
      set((s) => ({ presenceFocus: s.presenceFocus + 1 }));
    },
    showView(view) {
      // A pending focus request is for the panes on screen now; remounted panes must not replay it.
      if (get().view !== view) set({ view, focusRequest: null });
    },
    openOverlay(overlay, paletteMode = 'all') {
      set({ overlay, paletteMode });
    },
    closeOverlay() {
      set({ overlay: null });
    },
  }));
}
