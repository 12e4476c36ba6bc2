/** UI chrome that several panes touch: focus requests between panes. */
import { createStore } from 'zustand/vanilla';

export type Pane = 'list' | 'thread' | 'composer' | 'panel';
export const PANES: readonly Pane[] = ['list', 'thread', 'composer', 'panel'];

export interface UiStoreState {
  /** Bumped to ask a pane to take focus; the pane's effect reacts to the change. */
  focusRequest: { pane: Pane; seq: number } | null;
  focus(pane: Pane): void;
}

export function createUiStore() {
  let seq = 0;
  return createStore<UiStoreState>()((set) => ({
    focusRequest: null,
    focus(pane) {
      set({ focusRequest: { pane, seq: ++seq } });
    },
  }));
}
