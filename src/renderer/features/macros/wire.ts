/**
 * The macros' side effects, wired once from bootstrap: load on sign-in (and when the palette
 * opens: a pull may have brought new ones), forget on sign-out, and the palette's "Macros"
 * entries: the open chat's macros first, each with its Ctrl/Cmd+Shift key.
 */
import { CATEGORY_LABELS, type Macro } from '../../../shared/domain';
import { describeStep } from '../../../shared/macros';
import type { CommandId } from '../../app/keymap';
import type { Stores } from '../../app/stores';
import { languageFor } from '../canned/canned-store';
import { panelStoreFor } from '../customer/use-panel';
import type { PaletteItem } from '../palette/palette-store';
import { openChatSlots } from './macros-store';

/** The palette's rows: this chat's slots in key order, then every other macro by category. */
export function macroPaletteItems(stores: Stores): PaletteItem[] {
  const { macros } = stores.macros.getState();
  const c = stores.conversation.getState();
  const slots = openChatSlots(macros, c.detail);
  const canned = stores.cannedReplies.getState();
  const language = languageFor(canned, c.ticketId, c.detail?.context.customer?.locale, c.detail?.ticket.language).language;
  const replyTitle = (m: Macro) => {
    const step = m.steps.find((s) => s.type === 'insertCannedReply');
    if (!step || step.type !== 'insertCannedReply') return null;
    const rows = canned.replies ?? [];
    return (step.replyId ? rows.find((r) => r.id === step.replyId) : (rows.find((r) => r.shortcut === step.shortcut && r.language === language) ?? rows.find((r) => r.shortcut === step.shortcut)))?.title ?? null;
  };
  const rest = (macros ?? []).filter((m) => !slots.includes(m));
  const noChat = c.ticketId ? null : 'Open a chat to run a macro';
  return [...slots, ...rest].map((m) => {
    const at = slots.indexOf(m);
    const steps = m.steps.map((s) => describeStep(s, { reply: replyTitle(m) }));
    return {
      id: m.id,
      label: m.title,
      detail: `${CATEGORY_LABELS[m.category]}${m.inputs.length ? ` · asks ${m.inputs.map((i) => i.label.toLowerCase()).join(', ')}` : ''}`,
      keywords: ['macro', CATEGORY_LABELS[m.category], ...steps],
      shortcut: at >= 0 ? (`runMacro${at + 1}` as CommandId) : undefined,
      disabled: noChat ?? m.unsupported,
      run: () => {
        stores.ui.getState().showView('chats');
        void stores.macros.getState().run(m.id);
      },
    };
  });
}

/** Whether the macro resolves its chat (a resolve step, or a status step to resolved). */
const resolves = (m: Macro | undefined): boolean => !!m?.steps.some((s) => s.type === 'resolve' || (s.type === 'setStatus' && s.status === 'resolved'));

export function wireMacros(stores: Stores): () => void {
  const { macros, session, ui, palette, tabs } = stores;
  // A macro's reply and inputs are about the row selected in the customer panel, as a canned reply's are.
  macros.getState().setSelectionSource((ticketId) => panelStoreFor(stores).getState().views[ticketId]?.selection ?? null);
  const offs = [
    // A macro that resolved its chat closes its tab, as resolving by hand does (UX.md §2: the
    // next chat that needs a reply is already open when its "next chat" step ran).
    macros.subscribe((s, prev) => {
      for (const run of Object.values(s.runs)) {
        if (run.phase !== 'done' || prev.runs[run.ticketId]?.phase === 'done') continue;
        if (resolves(s.macros?.find((m) => m.id === run.macroId)) && tabs.getState().tabs.some((t) => t.ticketId === run.ticketId)) tabs.getState().close(run.ticketId);
      }
    }),
    palette.getState().registerSource({ id: 'macros', heading: 'Macros', items: () => macroPaletteItems(stores) }),
    session.subscribe((s, prev) => {
      if (s.phase === prev.phase) return;
      if (s.phase === 'signedIn') void macros.getState().load();
      else if (prev.phase === 'signedIn') macros.getState().reset();
    }),
    ui.subscribe((s, prev) => {
      if (s.overlay === 'palette' && prev.overlay !== 'palette' && session.getState().phase === 'signedIn') void macros.getState().load();
    }),
  ];
  if (session.getState().phase === 'signedIn') void macros.getState().load();
  return () => offs.forEach((off) => off());
}
