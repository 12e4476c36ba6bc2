/**
 * The panel store of the app: one per set of app stores, made on first use and wired once to
 * main's `actions:settled` events and to signing out. (It lives here rather than in
 * app/stores.ts + bootstrap.ts so the panel stays inside its feature folder; moving it there is
 * two lines: `panel: createPanelStore({ api })` and `connectPanel(api, session, panel)`.)
 */
import { useStore } from 'zustand';
import type { DeskApi } from '../../../shared/api/contract';
import { useStores } from '../../app/hooks';
import type { Stores } from '../../app/stores';
import { createPanelStore, type PanelStore, type PanelStoreState } from './panel-store';

/** Main's answers into the store; signing out forgets the chats' view state. */
export function connectPanel(api: DeskApi, session: Stores['session'], panel: PanelStore): () => void {
  const offs = [
    api.on('actions:settled', (e) => panel.getState().settle(e)),
    session.subscribe((s, prev) => {
      if (prev.phase === 'signedIn' && s.phase !== 'signedIn') panel.getState().reset();
    }),
  ];
  return () => offs.forEach((off) => off());
}

const panels = new WeakMap<Stores, PanelStore>();

export function panelStoreFor(stores: Stores): PanelStore {
  let panel = panels.get(stores);
  if (!panel) {
    panel = createPanelStore({ api: stores.api });
    connectPanel(stores.api, stores.session, panel);
    panels.set(stores, panel);
  }
  return panel;
}

export const usePanelStore = (): PanelStore => panelStoreFor(useStores());
export const usePanel = <T>(selector: (s: PanelStoreState) => T): T => useStore(usePanelStore(), selector);
