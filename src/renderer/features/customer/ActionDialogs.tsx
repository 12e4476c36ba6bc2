/**
 * The confirm step of every panel action (UX.md §7.9): a small modal that restates what will
 * happen in words (amount, date, plan), Enter confirms, Esc cancels, focus stays inside and
 * returns to where it was. Confirming hands the action to the panel store, which shows it
 * pending, then done or refused with the server's reason.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { ActionInput, CustomerContext } from '../../../shared/api/contract';
import { CATEGORIES, CATEGORY_LABELS, PRIORITIES, type AgentRow, type Category, type Priority, type TicketRow } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { maskEmail } from '../../lib/text';
import { formatDate } from '../../lib/time';
import { useSync } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { addDays, daysBetween, extendTargets, maxExtensionDays, pauseTargets, type DialogRequest } from './actions';
import { isNamed } from './AccountSections';
import { PLAN_LABELS, RETURN_STATUS, VERIFICATION } from './labels';
import type { ActionEntry } from './panel-store';
import { QUEUE_KEY, TransferTargets, useTransferCandidates } from './TransferTargets';
import { HandoverSummaryView, useCommandKey, useHandoverSummary } from '../assist/HandoverSummary';
import { noteWithSummary } from '../assist/handover-text';
import { usePanel } from './use-panel';

export interface RunRequest {
  input: ActionInput;
  target: string;
  summary: string;
}

export interface DialogProps {
  ticket: TicketRow;
  context: CustomerContext;
  agent: AgentRow | null;
  /** The customer's locale, for money. */
  locale: string;
  /** Starts the action; resolves with its entry, which follows it to done or refused (the transfer dialog waits for it). */
  onRun(run: RunRequest): Promise<ActionEntry> | void;
  onClose(): void;
}

/** A labelled control with optional help text (described-by, so the label stays just the label). */
function Field({ label, help, children }: { label: string; help?: string; children(props: { id: string; 'aria-describedby'?: string }): ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, ...(help ? { 'aria-describedby': `${id}-help` } : {}) })}
      {help && (
        <span className="field__help" id={`${id}-help`}>
          {help}
        </span>
      )}
    </div>
  );
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

export function ConfirmDialog({
  title,
  confirmLabel,
  canConfirm,
  restate,
  problem,
  onConfirm,
  onCancel,
  onKey,
  children,
}: {
  title: string;
  confirmLabel: string;
  canConfirm: boolean;
  /** What will happen, in words: read by screen readers as the dialog's description. */
  restate: ReactNode;
  /** Why it cannot be confirmed yet, when it cannot. */
  problem?: string | null;
  onConfirm(): void;
  onCancel(): void;
  /** The dialog's own keys before the shared ones (a command key of the dialog); true when handled. */
  onKey?(e: KeyboardEvent<HTMLDivElement>): boolean;
  children?: ReactNode;
}) {
  const titleId = useId();
  const descId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = ref.current;
    // The first field, else the confirm button (so Enter confirms), else whatever can take focus.
    const first = el?.querySelector<HTMLElement>('[data-autofocus]') ?? el?.querySelector<HTMLElement>('.panel-dialog__confirm:not(:disabled)') ?? el?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // A modal: the console's own shortcuts wait until it is closed.
    e.stopPropagation();
    if (e.nativeEvent.isComposing) return;
    if (onKey?.(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key === 'Enter') {
      const t = e.target as HTMLElement;
      if (t instanceof HTMLButtonElement) return; // the button's own Enter
      if (t instanceof HTMLTextAreaElement && e.shiftKey) return; // a new line
      e.preventDefault();
      if (canConfirm) onConfirm();
      return;
    }
    if (e.key === 'Tab') {
      const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return createPortal(
    <div
      className="panel-dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onCancel();
      }}
    >
      <div ref={ref} className="panel-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={descId} onKeyDown={onKeyDown}>
        <h2 className="panel-dialog__title" id={titleId}>
          {title}
        </h2>
        {children && <div className="panel-dialog__fields">{children}</div>}
        <p className="panel-dialog__restate" id={descId}>
          {restate}
        </p>
        {problem && <p className="panel-dialog__problem">{problem}</p>}
        <div className="panel-dialog__buttons">
          <Button onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </Button>
          <Button variant="primary" className="panel-dialog__confirm" disabled={!canConfirm} onClick={onConfirm}>
            {confirmLabel} <kbd>Enter</kbd>
          </Button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

const longDay = (day: string) => new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

// ---- account actions ---------------------------------------------------------------------------

function ExtendDueDate({ installmentId, ticket, context, agent, locale, onRun, onClose }: DialogProps & { installmentId?: string }) {
  const targets = useMemo(() => {
    const all = extendTargets(context);
    const named = (id: string) => {
      const o = context.orders.find((x) => x.id === id);
      return o ? isNamed(o, ticket.orderNumber) : false;
    };
    return [...all.filter((i) => named(i.orderId)), ...all.filter((i) => !named(i.orderId))];
  }, [context, ticket.orderNumber]);
  const [chosen, setChosen] = useState(targets.find((i) => i.id === installmentId)?.id ?? targets[0]?.id ?? '');
  const inst = targets.find((i) => i.id === chosen) ?? null;
  const max = maxExtensionDays(agent);
  const [date, setDate] = useState(inst ? addDays(inst.dueDate, Math.min(7, max)) : '');
  const order = inst ? context.orders.find((o) => o.id === inst.orderId) : undefined;
  const total = inst ? context.installments.filter((i) => i.orderId === inst.orderId).length : 0;
  const days = inst && date ? daysBetween(inst.dueDate, date) : NaN;
  const valid = inst !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) && days >= 1 && days <= max;
  const amount = inst ? formatMoney(inst.amountMinor, inst.currency, locale) : '';
  const orderWords = order ? `order ${order.orderNumber} (${order.merchant}, ${PLAN_LABELS[order.plan]})` : 'its order';

  const pick = (id: string) => {
    setChosen(id);
    const next = targets.find((i) => i.id === id);
    if (next) setDate(addDays(next.dueDate, Math.min(7, max)));
  };

  const confirm = () => {
    if (!valid || !inst) return;
    onRun({
      input: { kind: 'account.extendDueDate', ticketId: ticket.id, installmentId: inst.id, newDueDate: date },
      target: `installment:${inst.id}`,
      summary: `Extend installment ${inst.number}${order ? ` of ${order.orderNumber}` : ''} to ${formatDate(date)}`,
    });
    onClose();
  };

  return (
    <ConfirmDialog
      title="Extend a due date"
      confirmLabel="Extend due date"
      canConfirm={valid}
      onConfirm={confirm}
      onCancel={onClose}
      problem={inst && !valid ? `Pick a date from ${formatDate(addDays(inst.dueDate, 1))} to ${formatDate(addDays(inst.dueDate, max))}: up to ${max} days later for your role; escalate for more.` : null}
      restate={
        inst ? (
          <>
            Move installment {inst.number} of {total} of {orderWords}, <strong>{amount}</strong>, from <strong>{longDay(inst.dueDate)}</strong>
            {valid ? (
              <>
                {' '}
                to <strong>{longDay(date)}</strong>: {days} {days === 1 ? 'day' : 'days'} later.
              </>
            ) : (
              ' to a later date.'
            )}{' '}
            The customer is told in the chat.
          </>
        ) : (
          'No installment on this account can be moved: paid and paused ones stay as they are.'
        )
      }
    >
      {targets.length > 0 && (
        <>
          <Field label="Installment">
            {(f) => (
            <select {...f} className="input" value={chosen} onChange={(e) => pick(e.target.value)}>
              {targets.map((i) => {
                const o = context.orders.find((x) => x.id === i.orderId);
                return (
                  <option key={i.id} value={i.id}>
                    {o?.orderNumber ?? 'Order'} #{i.number} · {formatMoney(i.amountMinor, i.currency, locale)} · due {formatDate(i.dueDate)}
                    {i.status !== 'scheduled' ? ` (${i.status})` : ''}
                  </option>
                );
              })}
            </select>
            )}
          </Field>
          <Field label="New due date" help={`Up to ${max} days after the current due date.`}>
            {(f) => (
              <input {...f} className="input" type="date" data-autofocus value={date} min={inst ? addDays(inst.dueDate, 1) : undefined} max={inst ? addDays(inst.dueDate, max) : undefined} onChange={(e) => setDate(e.target.value)} required />
            )}
          </Field>
        </>
      )}
    </ConfirmDialog>
  );
}

function PausePayments({ returnId, ticket, context, locale, onRun, onClose }: DialogProps & { returnId?: string }) {
  const targets = pauseTargets(context);
  const [chosen, setChosen] = useState(targets.find((t) => t.ret.id === returnId)?.ret.id ?? targets[0]?.ret.id ?? '');
  const t = targets.find((x) => x.ret.id === chosen) ?? null;
  const sum = t ? t.installments.reduce((s, i) => s + i.amountMinor, 0) : 0;
  const confirm = () => {
    if (!t) return;
    onRun({
      input: { kind: 'account.pauseInstallments', ticketId: ticket.id, orderId: t.ret.orderId, returnId: t.ret.id },
      target: `return:${t.ret.id}`,
      summary: `Pause payments on ${t.order?.orderNumber ?? 'the order'} during the return`,
    });
    onClose();
  };
  return (
    <ConfirmDialog
      title="Pause payments for a return"
      confirmLabel="Pause payments"
      canConfirm={t !== null}
      onConfirm={confirm}
      onCancel={onClose}
      restate={
        t ? (
          <>
            Pause the {t.installments.length} unpaid {t.installments.length === 1 ? 'installment' : 'installments'}, <strong>{formatMoney(sum, t.installments[0]!.currency, locale)}</strong> in
            total, of {t.order ? `order ${t.order.orderNumber} (${t.order.merchant}, ${PLAN_LABELS[t.order.plan]})` : 'the order'} while the return ({t.ret.reason},{' '}
            {RETURN_STATUS[t.ret.status].label.toLowerCase()}) is open. Nothing is collected on them while they are paused. The customer is told in the chat.
          </>
        ) : (
          'No open return has installments left to pause.'
        )
      }
    >
      {targets.length > 1 && (
        <Field label="Return">
          {(f) => (
          <select {...f} className="input" value={chosen} onChange={(e) => setChosen(e.target.value)} data-autofocus>
            {targets.map((x) => (
              <option key={x.ret.id} value={x.ret.id}>
                {x.order?.orderNumber ?? 'Order'} · {RETURN_STATUS[x.ret.status].label} · {x.installments.length} to pause
              </option>
            ))}
          </select>
          )}
        </Field>
      )}
    </ConfirmDialog>
  );
}

function ResendVerification({ ticket, context, onRun, onClose }: DialogProps) {
  const account = context.account;
  const email = context.customer?.email ? maskEmail(context.customer.email) : 'the email on file';
  const confirm = () => {
    onRun({ input: { kind: 'account.resendVerification', ticketId: ticket.id }, target: 'account', summary: 'Resend the verification link' });
    onClose();
  };
  return (
    <ConfirmDialog
      title="Resend the verification link"
      confirmLabel="Send link"
      canConfirm={account !== null}
      onConfirm={confirm}
      onCancel={onClose}
      restate={
        <>
          Send a new verification link by email to <strong>{email}</strong>.{' '}
          {account && (
            <>
              Now: {VERIFICATION[account.verificationStatus].label}, {account.verificationAttempts} {account.verificationAttempts === 1 ? 'attempt' : 'attempts'}
              {account.verificationFailureReason ? `; last failure: ${account.verificationFailureReason}` : ''}.
            </>
          )}{' '}
          The customer is told in the chat.
        </>
      }
    />
  );
}

// ---- case actions ------------------------------------------------------------------------------

const NOTE_MAX = 2000;

/** The handover summary of the chat, and how to put it into a dialog's note field (then focused, to edit). */
function useSummaryIntoNote(ticketId: string, setNote: (update: (note: string) => string) => void) {
  const summary = useHandoverSummary(ticketId);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const use = useCallback(() => {
    if (summary.status !== 'ready') return;
    setNote((note) => noteWithSummary(note, summary.summary, NOTE_MAX));
    setTimeout(() => {
      const el = noteRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(el.value.length, el.value.length);
    }, 0);
  }, [summary, setNote]);
  const onKey = useCommandKey('assist.useSummary', use);
  return { summary, use, onKey, noteRef };
}

function Transfer({ ticket, onRun, onClose }: DialogProps) {
  const [note, setNote] = useState('');
  const handover = useSummaryIntoNote(ticket.id, setNote);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState<string>(QUEUE_KEY);
  const candidates = useTransferCandidates(ticket.id);
  const online = useSync((s) => (s.status?.connection ?? 'online') === 'online' && s.host === 'up');
  // The run this dialog waits for: it closes once the server took it, and shows a refusal here.
  const [runKey, setRunKey] = useState<number | null>(null);
  const run = usePanel((s) => (runKey === null ? null : (s.actions.find((a) => a.key === runKey) ?? null)));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);

  const colleague = active === QUEUE_KEY ? null : (candidates.candidates.find((c) => c.id === active) ?? null);
  const waiting = runKey !== null && (run === null || run.state === 'sending' || run.state === 'pending');
  const canConfirm = !waiting && (colleague === null || colleague.available);
  const who = colleague ? colleague.name.split(' ')[0] || colleague.name : null;

  useEffect(() => {
    if (!run) return;
    if (run.state === 'done') onClose();
    else if (run.state === 'refused' || run.state === 'failed') {
      setRefusal(run.reason ?? 'The transfer was refused.');
      setRefusals((n) => n + 1);
      setRunKey(null);
      candidates.reload();
    }
    // React to the run's state only: onClose and reload are fresh functions every render.
  }, [run?.state]);

  const confirm = () => {
    if (!canConfirm) return;
    const text = note.trim() ? { note: note.trim() } : {};
    const request: RunRequest = colleague
      ? { input: { kind: 'ticket.transfer', ticketId: ticket.id, toAgentId: colleague.id, ...text }, target: 'ticket', summary: `Transfer to ${colleague.name}` }
      : { input: { kind: 'ticket.transfer', ticketId: ticket.id, toAgentId: null, ...text }, target: 'ticket', summary: 'Transfer to the queue' };
    setRefusal(null);
    const started = onRun(request);
    // Offline the transfer waits in the outbox: the panel's results line follows it from here.
    if (!online || !started) return onClose();
    void started.then((entry) => setRunKey(entry.key));
  };

  const restate = colleague ? (
    <>
      Offer {ticket.reference} to <strong>{colleague.name}</strong>
      {colleague.openChats !== null ? ` (${colleague.openChats}/${colleague.capacity} chats now)` : ''}. It leaves your chats; {who} accepts it or declines it back to the team queue, and
      the customer is told {who} takes over.
      {note.trim() ? ' Your note is added as an internal note.' : ''}
    </>
  ) : (
    <>
      Send {ticket.reference} back to the <strong>team queue</strong> for the next available agent. It leaves your chats, and the customer is told they are being transferred.
      {note.trim() ? ' Your note is added as an internal note.' : ''}
    </>
  );

  return (
    <ConfirmDialog
      title="Transfer the chat"
      confirmLabel={waiting ? 'Transferring…' : who ? `Transfer to ${who}` : 'Transfer'}
      canConfirm={canConfirm}
      onConfirm={confirm}
      onCancel={onClose}
      problem={colleague && !colleague.available ? colleague.reason : null}
      restate={restate}
      onKey={handover.onKey}
    >
      <TransferTargets state={candidates} filter={filter} onFilter={setFilter} active={active} onActive={setActive} disabled={waiting} refocus={refusals} />
      <HandoverSummaryView state={handover.summary} onUse={waiting ? undefined : handover.use} />
      <Field label="Note for the next agent (internal, optional)" help="Enter transfers · Shift+Enter for a new line">
        {(f) => <textarea {...f} ref={handover.noteRef} className="input input--area" rows={note.includes('\n') ? 6 : 2} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} readOnly={waiting} />}
      </Field>
      {waiting && (
        <p className="panel-dialog__pending" role="status">
          Waiting for the desk server…
        </p>
      )}
      {refusal && (
        <p className="panel-dialog__refusal" role="alert">
          Not transferred: {refusal}
        </p>
      )}
    </ConfirmDialog>
  );
}

const ESCALATIONS = [
  { to: 'senior', label: 'Senior agent', words: 'a senior agent: the chat leaves you and waits in the senior queue with high priority; the customer is told a senior agent will take over.' },
  { to: 'supervisor', label: 'Supervisor', words: 'a supervisor: the chat leaves you and waits for a supervisor with high priority; the customer is told a supervisor will take over.' },
  {
    to: 'complaint',
    label: 'Formal complaint',
    words: 'a formal complaint: urgent priority, handled by supervisors, a final response due within eight weeks; the customer is told their case is now a complaint.',
  },
] as const;
type EscalateTo = (typeof ESCALATIONS)[number]['to'];

function Escalate({ ticket, onRun, onClose }: DialogProps) {
  const allowed = (to: EscalateTo) => (to === 'senior' ? ticket.tier < 2 : to === 'supervisor' ? ticket.tier < 3 : !ticket.isComplaint);
  const [to, setTo] = useState<EscalateTo>(ESCALATIONS.find((e) => allowed(e.to))?.to ?? 'complaint');
  const [reason, setReason] = useState('');
  const handover = useSummaryIntoNote(ticket.id, setReason);
  const choice = ESCALATIONS.find((e) => e.to === to)!;
  const valid = reason.trim().length > 0 && allowed(to);
  const name = useId();
  const confirm = () => {
    if (!valid) return;
    onRun({ input: { kind: 'ticket.escalate', ticketId: ticket.id, to, reason: reason.trim() }, target: 'ticket', summary: `Escalate to ${choice.label.toLowerCase()}` });
    onClose();
  };
  return (
    <ConfirmDialog
      title="Escalate the chat"
      confirmLabel="Escalate"
      canConfirm={valid}
      onConfirm={confirm}
      onCancel={onClose}
      problem={reason.trim() ? null : 'Write a reason to escalate.'}
      onKey={handover.onKey}
      restate={
        <>
          Escalate {ticket.reference} to {choice.words}
        </>
      }
    >
      <fieldset className="field field--choices">
        <legend className="field__label">Escalate to</legend>
        {ESCALATIONS.map((e) => (
          <label key={e.to} className="choice">
            <input type="radio" name={name} value={e.to} checked={to === e.to} disabled={!allowed(e.to)} onChange={() => setTo(e.to)} />
            {e.label}
            {!allowed(e.to) && <span className="muted"> (already there)</span>}
          </label>
        ))}
      </fieldset>
      <HandoverSummaryView state={handover.summary} onUse={handover.use} useLabel="Put into the reason" />
      <Field label="Reason (required)" help="Kept as an internal note. Enter escalates · Shift+Enter for a new line">
        {(f) => <textarea {...f} ref={handover.noteRef} className="input input--area" rows={reason.includes('\n') ? 6 : 3} maxLength={NOTE_MAX} value={reason} onChange={(e) => setReason(e.target.value)} required data-autofocus />}
      </Field>
    </ConfirmDialog>
  );
}

function Choice<T extends string>({
  title,
  legend,
  values,
  labels,
  current,
  confirmLabel,
  restate,
  onConfirm,
  onClose,
}: {
  title: string;
  legend: string;
  values: readonly T[];
  labels: Record<T, string>;
  current: T;
  confirmLabel: string;
  restate(from: T, to: T): ReactNode;
  onConfirm(value: T): void;
  onClose(): void;
}) {
  const [value, setValue] = useState<T>(current);
  const name = useId();
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      canConfirm={value !== current}
      onConfirm={() => {
        if (value === current) return;
        onConfirm(value);
        onClose();
      }}
      onCancel={onClose}
      restate={value === current ? `It is ${labels[current]} now; pick another.` : restate(current, value)}
    >
      <fieldset className="field field--choices">
        <legend className="field__label">{legend}</legend>
        {values.map((v) => (
          <label key={v} className="choice">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => setValue(v)} data-autofocus={v === current ? true : undefined} />
            {labels[v]}
            {v === current && <span className="muted"> (now)</span>}
          </label>
        ))}
      </fieldset>
    </ConfirmDialog>
  );
}

const PRIORITY_LABELS: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

function SetCategory({ ticket, onRun, onClose }: DialogProps) {
  return (
    <Choice<Category>
      title="Set the category"
      legend="Category"
      values={CATEGORIES}
      labels={CATEGORY_LABELS}
      current={ticket.category}
      confirmLabel="Set category"
      restate={(from, to) => (
        <>
          Change the category of {ticket.reference} from <strong>{CATEGORY_LABELS[from]}</strong> to <strong>{CATEGORY_LABELS[to]}</strong>. The panel re-orders for it, and a line in the chat records the change.
        </>
      )}
      onConfirm={(category) => onRun({ input: { kind: 'ticket.setCategory', ticketId: ticket.id, category }, target: 'ticket', summary: `Set category to ${CATEGORY_LABELS[category]}` })}
      onClose={onClose}
    />
  );
}

function SetPriority({ ticket, onRun, onClose }: DialogProps) {
  return (
    <Choice<Priority>
      title="Set the priority"
      legend="Priority"
      values={PRIORITIES}
      labels={PRIORITY_LABELS}
      current={ticket.priority}
      confirmLabel="Set priority"
      restate={(from, to) => (
        <>
          Change the priority of {ticket.reference} from <strong>{PRIORITY_LABELS[from]}</strong> to <strong>{PRIORITY_LABELS[to]}</strong>.
        </>
      )}
      onConfirm={(priority) => onRun({ input: { kind: 'ticket.setPriority', ticketId: ticket.id, priority }, target: 'ticket', summary: `Set priority to ${PRIORITY_LABELS[priority]}` })}
      onClose={onClose}
    />
  );
}

export function ActionDialog({ request, ...props }: DialogProps & { request: DialogRequest }) {
  switch (request.kind) {
    case 'extend':
      return <ExtendDueDate {...props} installmentId={request.installmentId} />;
    case 'pause':
      return <PausePayments {...props} returnId={request.returnId} />;
    case 'resend':
      return <ResendVerification {...props} />;
    case 'transfer':
      return <Transfer {...props} />;
    case 'escalate':
      return <Escalate {...props} />;
    case 'category':
      return <SetCategory {...props} />;
    case 'priority':
      return <SetPriority {...props} />;
  }
}
