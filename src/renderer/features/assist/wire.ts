/**
 * When assist asks main again: a chat opens (the active tab changes), and a message arrives in the
 * open chat (`messages:changed`). Tabs that close are forgotten; signing out forgets everything.
 */
import type { Stores } from '../../app/stores';

export function wireAssist(stores: Stores): () => void {
  const { api, assist, conversation, session, tabs } = stores;
  const open = () => conversation.getState().ticketId;
  const offs = [
    conversation.subscribe((s, prev) => {
      if (s.ticketId !== prev.ticketId && s.ticketId && session.getState().phase === 'signedIn') void assist.getState().load(s.ticketId);
    }),
    api.on('messages:changed', ({ ticketId }) => {
      if (ticketId === open() && session.getState().phase === 'signedIn') void assist.getState().load(ticketId);
    }),
    tabs.subscribe((s, prev) => {
      if (s.tabs === prev.tabs) return;
      const kept = new Set(s.tabs.map((t) => t.ticketId));
      assist.getState().forget(prev.tabs.map((t) => t.ticketId).filter((id) => !kept.has(id) && id !== open()));
    }),
    session.subscribe((s, prev) => {
      if (prev.phase === 'signedIn' && s.phase !== 'signedIn') assist.getState().reset();
    }),
  ];
  return () => offs.forEach((off) => off());
}
