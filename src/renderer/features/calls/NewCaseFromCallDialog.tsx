/**
 * New case from a call (issue 8, phone), keyboard first. Find: the caller's email, Enter looks them
 * up among verified customers of the agent's regions (↑ ↓ and Enter pick one). Then the call
 * (CallFields), the case's category and a short subject; Enter opens the case, assigned to the
 * agent. Esc cancels at any step. Both steps need the desk server, which authorises and audits them.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DeskApi, FoundCustomer } from '../../../shared/api/contract';
import { MAX_CALL_CASE_SUBJECT } from '../../../shared/calls';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../shared/domain';
import { COMMANDS } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { InlineAlert } from '../../ui/InlineAlert';
import { Keys } from '../../ui/Keys';
import { CallFields, callFormKeyDown, EMPTY_CALL, LENGTH_PROBLEM, readCall, type CallDraft } from './CallFields';
import '../earlier-cases/earlier-cases.css';
import '../wrap-up/wrap-up.css';
import './from-call.css';

export interface CreatedCase {
  ticketId: string;
  reference: string;
  customerName: string;
}

export interface NewCaseFromCallDialogProps {
  api: Pick<DeskApi, 'invoke'>;
  onCreated(created: CreatedCase): void;
  onCancel(): void;
}

type Lookup = { status: 'idle' } | { status: 'looking' } | { status: 'found'; customers: FoundCustomer[] } | { status: 'error'; message: string };

export function NewCaseFromCallDialog({ api, onCreated, onCancel }: NewCaseFromCallDialogProps) {
  const [caller, setCaller] = useState<FoundCustomer | null>(null);
  const [email, setEmail] = useState('');
  return (
    <Dialog label="New case from a call" onClose={onCancel} className="wrap-up from-call">
      {caller ? (
        <CaseStep api={api} caller={caller} onBack={() => setCaller(null)} onCreated={onCreated} onCancel={onCancel} />
      ) : (
        <FindStep api={api} email={email} onEmail={setEmail} onPick={setCaller} onCancel={onCancel} />
      )}
    </Dialog>
  );
}

function Title({ who }: { who?: string }) {
  return (
    <h2 className="wrap-up__title">
      <Icon name="phone" size={16} />
      <span>New case from a call</span>
      {who && <span className="wrap-up__who">{who}</span>}
    </h2>
  );
}

function FindStep({ api, email, onEmail, onPick, onCancel }: { api: NewCaseFromCallDialogProps['api']; email: string; onEmail(e: string): void; onPick(c: FoundCustomer): void; onCancel(): void }) {
  const id = useId();
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' });
  const [active, setActive] = useState(0);
  const asked = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const found = lookup.status === 'found' ? lookup.customers : [];
  useEffect(() => {
    if (found.length > 0) listRef.current?.focus();
  }, [found.length, lookup]);

  const look = async (e?: FormEvent) => {
    e?.preventDefault();
    const wanted = email.trim();
    if (!wanted) return setLookup({ status: 'error', message: 'Type the email the caller gives.' });
    const n = ++asked.current;
    setLookup({ status: 'looking' });
    const r = await api.invoke('customers:lookup', { email: wanted });
    if (n !== asked.current) return; // a newer lookup answers instead
    setActive(0);
    setLookup(r.ok ? { status: 'found', customers: r.value } : { status: 'error', message: r.error.message });
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (e.key === 'ArrowUp' && active === 0) return inputRef.current?.focus();
      setActive((a) => Math.max(0, Math.min(found.length - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = found[active];
      if (c) onPick(c);
    }
  };

  return (
    <form onSubmit={look} noValidate>
      <header className="wrap-up__header">
        <Title />
        <p className="wrap-up__plan">Find the caller by the email they give: verified customers of your regions.</p>
      </header>
      <div className="wrap-up__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-email`}>
            Caller’s email
          </label>
          <input
            id={`${id}-email`}
            ref={inputRef}
            className="input"
            type="email"
            value={email}
            placeholder="name@example.com"
            onChange={(e) => {
              onEmail(e.target.value);
              asked.current++;
              setLookup({ status: 'idle' });
            }}
            aria-invalid={lookup.status === 'error' ? true : undefined}
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
        </div>
        {lookup.status === 'looking' && (
          <p className="earlier__note" role="status">
            Looking up {email.trim()}…
          </p>
        )}
        {lookup.status === 'error' && <InlineAlert>{lookup.message}</InlineAlert>}
        {lookup.status === 'found' && found.length === 0 && (
          <p className="earlier__empty from-call__none" role="status">
            No verified customer of your regions has the email {email.trim()}. Check the spelling with the caller.
          </p>
        )}
        {found.length > 0 && (
          <>
            <p className="earlier__note" id={`${id}-note`} role="status">
              {found.length === 1 ? 'One customer found' : `${found.length} customers found`}: ↑ ↓ to pick, Enter to continue
            </p>
            <ul
              className="earlier__list from-call__list"
              role="listbox"
              aria-label="Customers with this email"
              aria-describedby={`${id}-note`}
              aria-activedescendant={`${id}-c${active}`}
              tabIndex={0}
              ref={listRef}
              onKeyDown={onListKey}
            >
              {found.map((c, i) => (
                <li
                  key={c.customerId}
                  id={`${id}-c${i}`}
                  role="option"
                  aria-selected={i === active}
                  className="earlier__item"
                  data-active={i === active}
                  onMouseMove={() => setActive(i)}
                  onClick={() => onPick(c)}
                >
                  <span className="from-call__name">{c.name}</span>
                  <span className="earlier__meta">
                    Verified · region {c.regionId} · <span className="mono">{c.customerId}</span>
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <footer className="wrap-up__footer">
        <span className="wrap-up__keys">
          <Keys bindings={COMMANDS.dialogRun.defaults} /> looks up · <Keys bindings={COMMANDS.dialogClose.defaults} /> cancels
        </span>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" icon="search" disabled={lookup.status === 'looking'}>
          Look up
        </Button>
      </footer>
    </form>
  );
}

function CaseStep({ api, caller, onBack, onCreated, onCancel }: { api: NewCaseFromCallDialogProps['api']; caller: FoundCustomer; onBack(): void; onCreated(c: CreatedCase): void; onCancel(): void }) {
  const id = useId();
  const [draft, setDraft] = useState<CallDraft>(EMPTY_CALL);
  const [category, setCategory] = useState<Category | ''>('');
  const [subject, setSubject] = useState('');
  const [problem, setProblem] = useState<{ field: 'length' | 'category'; text: string } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const change = (patch: Partial<CallDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (patch.duration !== undefined && problem?.field === 'length') setProblem(null);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (creating) return;
    const call = readCall(draft);
    if (!call) return setProblem({ field: 'length', text: LENGTH_PROBLEM });
    if (!category) return setProblem({ field: 'category', text: 'Choose the case’s category.' });
    setProblem(null);
    setRefusal(null);
    setCreating(true);
    const r = await api.invoke('cases:fromCall', { customerId: caller.customerId, category, subject: subject.trim(), ...call });
    if (r.ok) return onCreated({ ...r.value, customerName: caller.name });
    setCreating(false);
    setRefusal(r.error.message);
  };

  return (
    <form onSubmit={submit} onKeyDown={(e) => callFormKeyDown(e, { direction: (direction) => change({ direction }), submit: () => void submit() })} noValidate>
      <header className="wrap-up__header">
        <Title who={caller.name} />
        <p className="wrap-up__plan">A phone case for {caller.name}, assigned to you and open, with this call in its history (desk-side only).</p>
      </header>
      <div className="wrap-up__fields">
        <CallFields id={id} draft={draft} onChange={change} lengthInvalid={problem?.field === 'length'} autoFocus />
        <div className="from-call__case">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-category`}>
              Category
            </label>
            <select
              id={`${id}-category`}
              className="input"
              value={category}
              onChange={(e) => {
                setCategory(e.target.value as Category | '');
                if (problem?.field === 'category') setProblem(null);
              }}
              aria-invalid={problem?.field === 'category' ? true : undefined}
            >
              <option value="" disabled>
                Choose…
              </option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-subject`}>
              Subject <span className="tag-input__count">(optional)</span>
            </label>
            <input
              id={`${id}-subject`}
              className="input"
              type="text"
              value={subject}
              maxLength={MAX_CALL_CASE_SUBJECT}
              placeholder={`Phone call · ${category ? CATEGORY_LABELS[category] : 'its category'}`}
              onChange={(e) => setSubject(e.target.value)}
              autoComplete="off"
            />
          </div>
        </div>
        {problem && (
          <p className="tag-input__problem" role="alert">
            {problem.text}
          </p>
        )}
        {refusal && <InlineAlert>The case was not opened: {refusal}</InlineAlert>}
      </div>
      <footer className="wrap-up__footer">
        <span className="wrap-up__keys">
          <Keys bindings={COMMANDS.dialogRun.defaults} /> opens the case · <Keys bindings={COMMANDS.dialogClose.defaults} /> cancels
        </span>
        <Button onClick={onBack} disabled={creating}>
          Another caller
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" icon="phone" disabled={creating}>
          {creating ? 'Opening…' : 'Open case'}
        </Button>
      </footer>
    </form>
  );
}
