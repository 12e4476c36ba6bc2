/**
 * The context panel: the customer card first, then the quick actions, then the sections in the
 * order of the chat's category (sections.ts), previous chats last. An unverified visitor gets
 * the visitor card only. The panel remembers per chat what the agent opened and selected;
 * a selected order, installment or transaction goes into the reply with Ctrl+Shift+I.
 *
 * Width: a 320-480 px column; below 1200 px it folds into a 40 px strip with a toggle
 * (Ctrl+Shift+O at any width) and opens as a drawer over the conversation.
 */
import { useEffect, useRef, useState } from 'react';
import type { TicketDetail } from '../../../shared/api/contract';
import { useAssist, useConversation, useKeymap, useSession, useStores, useSync, useUi } from '../../app/hooks';
import { ariaKeyShortcuts, shortcutLabel } from '../../app/keymap';
import { useMediaQuery } from '../../lib/use-media-query';
import { useDelayed } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { InlineAlert } from '../../ui/InlineAlert';
import { SkeletonLine } from '../../ui/Skeleton';
import { canAccept, canWrite } from '../conversation/permissions';
import { AccountDetails, Arrears, DeviceDetails, OrdersTree, PaymentMethods, PreviousChats, Returns, Transactions } from './AccountSections';
import { ActionDialog, type RunRequest } from './ActionDialogs';
import { canResend, extendTargets, quickActions, type DialogRequest } from './actions';
import { CustomerCard } from './CustomerCard';
import { SimilarCases } from '../assist/SimilarCases';
import { NARROW_QUERY } from './panel-commands';
import { EMPTY_VIEW, type ActionEntry } from './panel-store';
import { PanelSection } from './PanelSection';
import { ActionResults, QuickActions } from './QuickActions';
import { defaultTxFilter, SECTION_TITLES, sectionPlan, type PanelSectionKey, type SectionId } from './sections';
import { usePanel, usePanelStore } from './use-panel';

const RESULTS_SHOWN = 4;
const NOTICE_MS = 5_000;
const NO_ACTIONS: ActionEntry[] = [];

/** Now, to the minute: days past due and return windows do not need a ticking clock. */
function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function ContextPanel({ fallbackName }: { fallbackName: string }) {
  const { conversation } = useStores();
  const panel = usePanelStore();
  const detail = useConversation((s) => s.detail);
  const error = useConversation((s) => s.detailError);
  const ticketId = useConversation((s) => s.ticketId);
  const showSkeleton = useDelayed(!detail && !error && ticketId !== null);
  const narrow = useMediaQuery(NARROW_QUERY);
  const override = usePanel((s) => s.panelOverride);
  const shown = override ?? !narrow;
  const ref = useRef<HTMLElement>(null);
  const focusRequest = useUi((s) => s.focusRequest);

  // Crossing the width threshold goes back to the automatic choice.
  const wasNarrow = useRef(narrow);
  useEffect(() => {
    if (wasNarrow.current !== narrow) panel.getState().setPanelOverride(null);
    wasNarrow.current = narrow;
  }, [narrow, panel]);
  useEffect(() => {
    if (focusRequest?.pane !== 'panel') return;
    if (shown) return ref.current?.focus();
    panel.getState().setPanelOverride(true);
    setTimeout(() => ref.current?.focus(), 0);
  }, [focusRequest]);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const setShown = (value: boolean) => {
    // Focus follows: into the panel when it opens, to the strip's toggle when it closes from inside.
    const inside = !!ref.current?.contains(document.activeElement);
    panel.getState().setPanelOverride(value);
    setTimeout(() => (value ? ref.current?.focus() : inside && toggleRef.current?.focus()), 0);
  };
  // The show/hide command (Ctrl+Shift+O unless remapped): answered here, where focus can follow.
  const toggleSeq = usePanel((s) => s.toggleSeq);
  const seenToggle = useRef(toggleSeq);
  useEffect(() => {
    if (seenToggle.current === toggleSeq) return;
    seenToggle.current = toggleSeq;
    setShown(!shown);
  }, [toggleSeq]);

  const keymap = useKeymap();
  const keyHint = shortcutLabel('customer.togglePanel', keymap);
  const withKey = (text: string) => (keyHint ? `${text} (${keyHint})` : text);
  const toggleAria = ariaKeyShortcuts('customer.togglePanel', keymap);
  const strip = (
    <button
      ref={toggleRef}
      type="button"
      className="context-panel-toggle"
      aria-expanded={shown}
      aria-keyshortcuts={toggleAria}
      title={withKey(`${shown ? 'Hide' : 'Show'} the customer panel`)}
      onClick={() => setShown(!shown)}
    >
      <Icon name="card" size={16} />
      <span className="visually-hidden">{shown ? 'Hide' : 'Show'} the customer panel</span>
    </button>
  );
  if (!shown) return <div className="context-panel-strip">{strip}</div>;

  let body;
  if (detail) body = <PanelBody detail={detail} fallbackName={fallbackName} />;
  else if (error) {
    body = (
      <InlineAlert
        actions={
          <Button dense variant="ghost" onClick={() => void conversation.getState().reloadDetail()}>
            Retry
          </Button>
        }
      >
        Could not load the customer: {error.message}
      </InlineAlert>
    );
  } else if (showSkeleton) body = <PanelSkeleton />;

  const aside = (
    <aside className={`context-panel${narrow ? ' context-panel--drawer' : ''}`} data-pane="panel" aria-label="Customer context" ref={ref} tabIndex={-1}>
      <button
        type="button"
        className="icon-button context-panel__hide"
        aria-keyshortcuts={toggleAria}
        title={withKey('Hide the customer panel')}
        onClick={() => setShown(false)}
      >
        <Icon name="close" size={14} />
        <span className="visually-hidden">Hide the customer panel</span>
      </button>
      {body}
    </aside>
  );
  if (!narrow) return aside;
  // Narrow window: the strip keeps its place in the grid; the panel opens over the conversation.
  return (
    <div className="context-panel-strip context-panel-strip--open">
      {strip}
      {aside}
    </div>
  );
}

function PanelBody({ detail, fallbackName }: { detail: TicketDetail; fallbackName: string }) {
  const panel = usePanelStore();
  const { ticket, context } = detail;
  const agent = useSession((s) => s.session?.agent ?? null);
  const connection = useSync((s) => s.status?.connection ?? 'online');
  const host = useSync((s) => s.host);
  const online = connection === 'online' && host === 'up';
  const view = usePanel((s) => s.views[ticket.id] ?? EMPTY_VIEW);
  const assist = useAssist((s) => s.forTicket[ticket.id] ?? null);
  const allActions = usePanel((s) => s.actions);
  const notice = usePanel((s) => (s.notice?.ticketId === ticket.id ? s.notice : null));
  // Opened by a quick action's button or by its key (panel-commands.ts): one place, one dialog.
  const dialog = usePanel((s) => (s.dialog?.ticketId === ticket.id ? s.dialog.request : null));
  const setDialog = (request: DialogRequest | null) => (request ? panel.getState().openDialog(ticket.id, request) : panel.getState().closeDialog());
  const keymap = useKeymap();
  const insertKey = shortcutLabel('customer.insertSummary', keymap);
  const caseKey = (id: 'case.assign' | 'case.escalate' | 'case.category' | 'case.priority') => ({ label: shortcutLabel(id, keymap), aria: ariaKeyShortcuts(id, keymap) });
  const quickKeys = { transfer: caseKey('case.assign'), escalate: caseKey('case.escalate'), category: caseKey('case.category'), priority: caseKey('case.priority') };
  // A dialog belongs to its chat: a tab switch or the panel going away closes it.
  useEffect(() => () => panel.getState().closeDialog(), [ticket.id, panel]);
  const now = useMinute();
  const locale = context.customer?.locale ?? navigator.language;
  const plan = sectionPlan(ticket.category, context);

  // A notice (inserted / select a row first) gives way to the key hint after a few seconds.
  const noticeSeq = notice?.seq ?? null;
  useEffect(() => {
    if (noticeSeq === null) return;
    const t = setTimeout(() => panel.getState().clearNotice(noticeSeq), NOTICE_MS);
    return () => clearTimeout(t);
  }, [noticeSeq, panel]);

  // A re-order by a new category never collapses what was open a moment ago.
  const lastCategory = useRef({ ticketId: ticket.id, category: ticket.category });
  useEffect(() => {
    const last = lastCategory.current;
    if (last.ticketId === ticket.id && last.category !== ticket.category) {
      const before = sectionPlan(last.category, context);
      const v = panel.getState().views[ticket.id] ?? EMPTY_VIEW;
      panel.getState().keepOpen(
        ticket.id,
        before.filter((p) => v.open[p.id] ?? p.defaultOpen).map((p) => p.id),
      );
    }
    lastCategory.current = { ticketId: ticket.id, category: ticket.category };
  }, [ticket.id, ticket.category]);

  // An unverified visitor has no account: nothing but what they told us about themselves.
  if (context.customer?.identity === 'visitor') return <CustomerCard customer={context.customer} account={null} fallbackName={fallbackName} />;

  const actions = allActions === NO_ACTIONS ? NO_ACTIONS : allActions.filter((a) => a.ticketId === ticket.id);
  const recent = actions.slice(-RESULTS_SHOWN).reverse();
  const writable = canWrite(ticket, agent);
  const blocked = writable ? null : canAccept(ticket, agent) ? 'Accept this chat to act on it.' : 'This chat is assigned to someone else.';
  const isOpen = (id: PanelSectionKey, byDefault: boolean) => view.open[id] ?? byDefault;
  const toggle = (id: PanelSectionKey) => (open: boolean) => panel.getState().setSectionOpen(ticket.id, id, open);
  const select = panel.getState().select.bind(null, ticket.id);
  const run = (r: RunRequest) => panel.getState().run(r.input, { target: r.target, summary: r.summary });
  const forTarget = (target: string) => actions.filter((a) => a.target === target).slice(-1);
  const extendResults = actions.filter((a) => a.kind === 'account.extendDueDate').slice(-1);
  const dismiss = (k: number) => panel.getState().dismiss(k);
  const quick = quickActions(ticket, context);
  const txFilter = view.txFilter ?? defaultTxFilter(ticket.category, context.transactions);

  const section = (id: SectionId, defaultOpen: boolean) => {
    const common = { id, title: SECTION_TITLES[id], open: isOpen(id, defaultOpen), onToggle: toggle(id) };
    switch (id) {
      case 'account': {
        const account = context.account!;
        const resend = forTarget('account');
        return (
          <PanelSection key={id} {...common}>
            <AccountDetails
              account={account}
              locale={locale}
              action={
                canResend(context) &&
                !quick.includes('resend') && (
                  <div className="section-action">
                    <Button dense disabled={blocked !== null || !online} title={blocked ?? (online ? undefined : 'Needs connection')} onClick={() => setDialog({ kind: 'resend' })}>
                      Resend verification link…
                    </Button>
                    {!online && <span className="muted">Needs connection</span>}
                    {resend.length > 0 && <ActionResults entries={resend} online={online} onDismiss={dismiss} label="Verification link" />}
                  </div>
                )
              }
            />
          </PanelSection>
        );
      }
      case 'device':
        return (
          <PanelSection key={id} {...common}>
            <DeviceDetails device={context.customer!.device!} />
          </PanelSection>
        );
      case 'arrears':
        return (
          <PanelSection key={id} {...common}>
            <Arrears installments={context.installments} orders={context.orders} locale={locale} now={now} />
          </PanelSection>
        );
      case 'paymentMethods':
        return (
          <PanelSection key={id} {...common} aside={context.paymentMethods.length}>
            <PaymentMethods methods={context.paymentMethods} />
          </PanelSection>
        );
      case 'orders':
        return (
          <PanelSection key={id} {...common} aside={context.orders.length}>
            <OrdersTree
              orders={context.orders}
              installments={context.installments}
              returns={context.returns}
              locale={locale}
              namedOrder={ticket.orderNumber}
              now={now}
              expanded={view.expanded}
              selection={view.selection}
              showItems={ticket.category === 'refund_return'}
              onExpand={(orderId, expanded) => panel.getState().setExpanded(ticket.id, orderId, expanded)}
              onSelect={select}
            />
            {extendTargets(context).length > 0 && !quick.includes('extend') && (
              <div className="section-action">
                <Button
                  dense
                  disabled={blocked !== null || !online}
                  title={blocked ?? (online ? undefined : 'Needs connection')}
                  onClick={() => setDialog({ kind: 'extend', ...(view.selection?.kind === 'installment' ? { installmentId: view.selection.id } : {}) })}
                >
                  Extend due date…
                </Button>
                {!online && <span className="muted">Needs connection</span>}
                {extendResults.length > 0 && <ActionResults entries={extendResults} online={online} onDismiss={dismiss} label="Due date" />}
              </div>
            )}
          </PanelSection>
        );
      case 'returns':
        return (
          <PanelSection key={id} {...common} aside={context.returns.length}>
            <Returns
              returns={context.returns}
              orders={context.orders}
              installments={context.installments}
              locale={locale}
              renderAction={(r) => (
                <>
                  <Button
                    dense
                    disabled={blocked !== null || !online}
                    title={blocked ?? (online ? undefined : 'Needs connection')}
                    aria-label={`Pause payments… (${context.orders.find((o) => o.id === r.orderId)?.orderNumber ?? 'this return'})`}
                    onClick={() => setDialog({ kind: 'pause', returnId: r.id })}
                  >
                    Pause payments…
                  </Button>
                  {!online && <span className="muted">Needs connection</span>}
                  {forTarget(`return:${r.id}`).length > 0 && <ActionResults entries={forTarget(`return:${r.id}`)} online={online} onDismiss={dismiss} label="Pause" />}
                </>
              )}
            />
          </PanelSection>
        );
      case 'transactions':
        return (
          <PanelSection key={id} {...common} aside={context.transactions.length}>
            <Transactions
              rows={context.transactions}
              orders={context.orders}
              installments={context.installments}
              locale={locale}
              filter={txFilter}
              selection={view.selection}
              onFilter={(f) => panel.getState().setTxFilter(ticket.id, f)}
              onSelect={select}
            />
          </PanelSection>
        );
    }
  };

  const selectable = plan.some((p) => p.id === 'orders' || p.id === 'transactions');
  return (
    <>
      <CustomerCard customer={context.customer} account={context.account} fallbackName={fallbackName} />
      <QuickActions actions={quick} blocked={blocked} online={online} onOpen={setDialog} keys={quickKeys} />
      {recent.length > 0 && (
        <div className="panel-results">
          <ActionResults entries={recent} online={online} onDismiss={dismiss} />
        </div>
      )}
      {selectable && (
        <p className={`panel-hint${notice?.tone === 'warning' ? ' panel-hint--warning' : ''}`} role="status">
          {notice ? (
            notice.text
          ) : view.selection ? (
            insertKey ? (
              <>
                <kbd>{insertKey}</kbd> inserts this {view.selection.kind} into the reply
              </>
            ) : (
              <>“Insert the selected…” in the command palette puts this {view.selection.kind} into the reply</>
            )
          ) : insertKey ? (
            <>
              Select a row · <kbd>{insertKey}</kbd> inserts it into the reply
            </>
          ) : (
            <>Select a row to insert it into the reply (command palette)</>
          )}
        </p>
      )}
      {plan.map((p) => section(p.id, p.defaultOpen))}
      {assist && (
        <PanelSection id="similar" title="Similar resolved cases" open={isOpen('similar', true)} onToggle={toggle('similar')} aside={assist.similar.length}>
          <SimilarCases assist={assist} />
        </PanelSection>
      )}
      {detail.previous.length > 0 && (
        <PanelSection id="previous" title="Previous conversations" open={isOpen('previous', true)} onToggle={toggle('previous')} aside={Math.min(5, detail.previous.length)}>
          <PreviousChats tickets={detail.previous} />
        </PanelSection>
      )}
      {dialog && <ActionDialog request={dialog} ticket={ticket} context={context} agent={agent} locale={locale} onRun={run} onClose={() => setDialog(null)} />}
    </>
  );
}

function PanelSkeleton() {
  return (
    <div className="panel-skeleton" aria-hidden="true">
      <SkeletonLine width="50%" height={16} />
      <SkeletonLine width="70%" />
      <SkeletonLine width="60%" />
      <SkeletonLine width="100%" height={64} />
      <SkeletonLine width="100%" height={96} />
    </div>
  );
}
