/**
 * The alerts' actions as dialogs: the chat opened silently (read-only; nothing marked read, no
 * viewing marker), a whisper to its agent, reassigning it (over capacity or presence only when the
 * supervisor insists), taking it over. Each keeps the dialog open on a refusal and says why.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MessageRow } from '../../../shared/domain';
import type { Board, BoardAlert } from '../../../shared/protocol/supervisor';
import { useStores, useSupervisor } from '../../app/hooks';
import { formatTime } from '../../lib/time';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { InlineAlert } from '../../ui/InlineAlert';
import { PRESENCE_WORDS, regionName } from './labels';
import { LoadMeter } from './QueueTable';
import { HandoverSummaryView } from '../assist/HandoverSummary';

/** What opening silently and taking over need of a case: an alert, or a formal complaint from the list. */
export type CaseRef = Pick<BoardAlert, 'ticketId' | 'reference'>;
export type DialogRequest = { kind: 'open' | 'takeOver'; alert: CaseRef } | { kind: 'whisper' | 'reassign'; alert: BoardAlert };

export function SupervisorDialogs({ request, board, onClose }: { request: DialogRequest; board: Board | null; onClose(): void }) {
  switch (request.kind) {
    case 'open':
      return <SilentThread alert={request.alert} onClose={onClose} />;
    case 'whisper':
      return board && <WhisperDialog alert={request.alert} board={board} onClose={onClose} />;
    case 'reassign':
      return board && <ReassignDialog alert={request.alert} board={board} onClose={onClose} />;
    case 'takeOver':
      return <TakeOverDialog alert={request.alert} onClose={onClose} />;
  }
}

const nameOf = (board: Board, id: string | null) => (id ? (board.agents.find((a) => a.agentId === id)?.name ?? 'its agent') : null);

function SilentThread({ alert, onClose }: { alert: CaseRef; onClose(): void }) {
  const { supervisor } = useStores();
  const silent = useSupervisor((s) => s.silent);
  useEffect(() => {
    void supervisor.getState().openSilently(alert.ticketId);
    return () => supervisor.getState().closeSilent();
  }, [alert.ticketId, supervisor]);
  const view = silent?.ticketId === alert.ticketId ? silent.view : null;
  const error = silent?.ticketId === alert.ticketId ? silent.error : null;
  return (
    <Dialog label={`${alert.reference}, read-only`} onClose={onClose} className="sv-dialog sv-dialog--thread">
      <header className="sv-dialog__header">
        <h2 className="sv-dialog__title">{alert.reference}</h2>
        <span className="sv-dialog__sub">Read-only · the agent and the customer are not told you are looking</span>
        <Button dense variant="ghost" icon="close" aria-label="Close" onClick={onClose} />
      </header>
      <div className="sv-thread" tabIndex={0} aria-label="Messages">
        {error && <InlineAlert actions={<Button dense onClick={() => void supervisor.getState().openSilently(alert.ticketId)}>Retry</Button>}>{error.message}</InlineAlert>}
        {!view && !error && <p className="board__empty">Loading the conversation…</p>}
        {view?.summary && <HandoverSummaryView state={{ status: 'ready', summary: view.summary }} />}
        {view && view.messages.length === 0 && <p className="board__empty">No messages yet.</p>}
        {view && (
          <ol className="sv-thread__list">
            {view.messages.map((m) => (
              <SilentMessage key={m.id} m={m} />
            ))}
          </ol>
        )}
      </div>
    </Dialog>
  );
}

function SilentMessage({ m }: { m: MessageRow }) {
  const kind = m.whisper ? 'whisper' : m.authorKind;
  const who = m.whisper ? `${m.authorName} · whisper` : m.authorKind === 'note' ? `${m.authorName} · internal note` : m.authorName;
  return (
    <li className={`sv-thread__msg sv-thread__msg--${kind}`}>
      <span className="sv-thread__meta">
        {who} · <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
      </span>
      <span className="sv-thread__body">{m.body}</span>
    </li>
  );
}

function WhisperDialog({ alert, board, onClose }: { alert: BoardAlert; board: Board; onClose(): void }) {
  const { supervisor, ui } = useStores();
  const [body, setBody] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const agent = nameOf(board, alert.assigneeId) ?? 'the agent';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() || pending) return;
    setPending(true);
    setProblem(null);
    const r = await supervisor.getState().whisper({ ticketId: alert.ticketId, body });
    setPending(false);
    if (!r.ok) return setProblem(r.error.message);
    ui.getState().announce(`Whisper sent to ${agent}.`);
    onClose();
  };
  return (
    <Dialog label={`Whisper to ${agent}`} onClose={onClose} className="sv-dialog">
      <form onSubmit={(e) => void submit(e)} className="sv-dialog__form">
        <h2 className="sv-dialog__title">Whisper to {agent}</h2>
        <label htmlFor={id} className="field__label">
          A note on {alert.reference} only {agent} sees; the customer never does.
        </label>
        <textarea
          id={id}
          className="sv-dialog__text"
          value={body}
          maxLength={4000}
          rows={4}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          }}
        />
        {problem && <InlineAlert>{problem}</InlineAlert>}
        <div className="sv-dialog__buttons">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="note" disabled={!body.trim() || pending}>
            {pending ? 'Sending…' : 'Send whisper'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ReassignDialog({ alert, board, onClose }: { alert: BoardAlert; board: Board; onClose(): void }) {
  const { supervisor, ui } = useStores();
  const candidates = board.agents
    .filter((a) => a.agentId !== alert.assigneeId && a.presence !== 'offline')
    .sort((a, b) => Number(b.regions.includes(alert.regionId)) - Number(a.regions.includes(alert.regionId)) || b.capacity - b.load - (a.capacity - a.load) || a.name.localeCompare(b.name));
  const [picked, setPicked] = useState<string | null>(candidates[0]?.agentId ?? null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<{ message: string; forcible: boolean } | null>(null);
  const groupId = useId();
  const run = async (force: boolean) => {
    if (!picked || pending) return;
    setPending(true);
    setProblem(null);
    const r = await supervisor.getState().reassign({ ticketId: alert.ticketId, toAgentId: picked, force });
    setPending(false);
    if (!r.ok) return setProblem({ message: r.error.message, forcible: r.error.code === 'conflict' && !force && /force/i.test(r.error.message) });
    ui.getState().announce(`${alert.reference} reassigned to ${nameOf(board, picked)}.`);
    onClose();
  };
  return (
    <Dialog label={`Reassign ${alert.reference}`} onClose={onClose} className="sv-dialog">
      <form
        className="sv-dialog__form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        <h2 className="sv-dialog__title">Reassign {alert.reference}</h2>
        <p className="sv-dialog__sub">From {nameOf(board, alert.assigneeId) ?? 'the queue'}; the new agent is offered it. Agents of {regionName(alert.regionId)} with room first.</p>
        {candidates.length === 0 ? (
          <p className="board__empty">Nobody else is signed in.</p>
        ) : (
          <div role="radiogroup" aria-labelledby={groupId} className="sv-pick">
            <span id={groupId} className="visually-hidden">
              Agent
            </span>
            {candidates.map((a) => (
              <label key={a.agentId} className={`sv-pick__row${picked === a.agentId ? ' is-selected' : ''}`}>
                <input type="radio" name="reassign-to" value={a.agentId} checked={picked === a.agentId} onChange={() => setPicked(a.agentId)} />
                <span className={`presence-dot presence-dot--${a.presence}`} aria-hidden="true" />
                <span className="sv-pick__name">{a.name}</span>
                <span className="sv-pick__meta">
                  {PRESENCE_WORDS[a.presence]} · {a.regions.map(regionName).join(', ')}
                </span>
                <LoadMeter load={a.load} capacity={a.capacity} />
              </label>
            ))}
          </div>
        )}
        {problem && (
          <InlineAlert
            tone={problem.forcible ? 'warning' : 'danger'}
            actions={
              problem.forcible ? (
                <Button dense variant="danger" onClick={() => void run(true)} disabled={pending}>
                  Assign anyway
                </Button>
              ) : undefined
            }
          >
            {problem.message}
          </InlineAlert>
        )}
        <div className="sv-dialog__buttons">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!picked || pending}>
            {pending ? 'Reassigning…' : 'Reassign'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function TakeOverDialog({ alert, onClose }: { alert: CaseRef; onClose(): void }) {
  const { supervisor, ui, tabs } = useStores();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async () => {
    setPending(true);
    setProblem(null);
    const r = await supervisor.getState().takeOver({ ticketId: alert.ticketId });
    setPending(false);
    if (!r.ok) return setProblem(r.error.message);
    ui.getState().announce(`You took over ${alert.reference}.`);
    onClose();
    // The chat is the supervisor's now: into the conversation console, in a tab.
    ui.getState().showView('chats');
    tabs.getState().open(alert.ticketId);
  };
  return (
    <Dialog label={`Take over ${alert.reference}`} onClose={onClose} className="sv-dialog">
      <form
        className="sv-dialog__form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <h2 className="sv-dialog__title">Take over {alert.reference}?</h2>
        <p className="sv-dialog__sub">The chat becomes yours and opens in your chats; the customer is told you joined.</p>
        {problem && <InlineAlert>{problem}</InlineAlert>}
        <div className="sv-dialog__buttons">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? 'Taking over…' : 'Take over'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
