/**
 * The wrap-up on resolve (issue 8), opened by the resolve key (Ctrl/Cmd+Shift+E unless remapped)
 * and the header's Resolve button. Keyboard only if the agent likes: 1-4 (or ↑/↓ in the list)
 * pick how it ended, the category is confirmed or corrected, tags are optional; Enter resolves
 * (then "Resolved · Undo" as before), Esc cancels and nothing is sent.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CATEGORIES, CATEGORY_LABELS, type Category, type TicketRow } from '../../../shared/domain';
import { OUTCOME_LABELS, RESOLVE_OUTCOMES, type ResolveOutcome } from '../../../shared/wrap-up';
import { COMMANDS, isTextField } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { Keys } from '../../ui/Keys';
import type { WrapUp } from '../conversation/conversation-store';
import { TagInput, withDraft } from './TagInput';
import './wrap-up.css';

/** What each outcome means, under its label. */
const OUTCOME_HINTS: Record<ResolveOutcome, string> = {
  solved: 'The issue is fixed',
  workaround: 'The customer can go on; the cause stays',
  not_solvable: 'Nothing we can do; the customer was told why',
  duplicate: 'Handled in another case',
};

export interface WrapUpDialogProps {
  ticket: Pick<TicketRow, 'id' | 'reference' | 'category' | 'outcome' | 'tags'>;
  customerName: string;
  onConfirm(wrapUp: WrapUp): void;
  onCancel(): void;
}

export function WrapUpDialog({ ticket, customerName, onConfirm, onCancel }: WrapUpDialogProps) {
  const id = useId();
  const [outcome, setOutcome] = useState<ResolveOutcome>(ticket.outcome ?? 'solved');
  const [category, setCategory] = useState<Category>(ticket.category);
  const [tags, setTags] = useState<string[]>(ticket.tags ?? []);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    // A tag still being typed is part of the wrap-up.
    const r = withDraft(tags, draft);
    if (r.problem) return setProblem(r.problem);
    onConfirm({ outcome, category, tags: r.tags });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (e.key === 'Enter') {
      // Enter confirms from the outcome list and the category too; a text field submits the form
      // itself, a button does what it says.
      if (target.tagName === 'BUTTON' || (target instanceof HTMLInputElement && target.type === 'text')) return;
      e.preventDefault();
      submit();
      return;
    }
    // 1-4 pick an outcome while focus is not in a text field (the tag field takes digits).
    if (isTextField(target)) return;
    const n = Number(e.key);
    const picked = Number.isInteger(n) && n >= 1 ? RESOLVE_OUTCOMES[n - 1] : undefined;
    if (picked) {
      e.preventDefault();
      setOutcome(picked);
      document.getElementById(`${id}-${picked}`)?.focus();
    }
  };

  return (
    <Dialog label={`Resolve ${ticket.reference}`} onClose={onCancel} className="wrap-up">
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <header className="wrap-up__header">
          <h2 className="wrap-up__title">
            <Icon name="resolve" size={16} />
            <span>Resolve</span>
            <span className="wrap-up__who">
              {customerName} · <span className="mono">{ticket.reference}</span>
            </span>
          </h2>
          <p className="wrap-up__plan">The customer can still add one more thing for a few minutes; then the case closes.</p>
        </header>
        <div className="wrap-up__fields">
          <fieldset className="field field--choices wrap-up__outcomes">
            <legend className="field__label">How did it end?</legend>
            {RESOLVE_OUTCOMES.map((o, i) => (
              <label key={o} className={`wrap-up__outcome${outcome === o ? ' wrap-up__outcome--on' : ''}`} htmlFor={`${id}-${o}`}>
                <input
                  id={`${id}-${o}`}
                  type="radio"
                  name={`${id}-outcome`}
                  value={o}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                  autoFocus={outcome === o}
                />
                <kbd aria-hidden="true">{i + 1}</kbd>
                <span className="wrap-up__outcome-label">{OUTCOME_LABELS[o]}</span>
                <span className="wrap-up__outcome-hint">{OUTCOME_HINTS[o]}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-category`}>
              Category {category !== ticket.category && <span className="wrap-up__changed">(corrected from {CATEGORY_LABELS[ticket.category]})</span>}
            </label>
            <select id={`${id}-category`} className="input" value={category} onChange={(e) => setCategory(e.target.value as Category)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
          <TagInput
            tags={tags}
            onChange={(t) => {
              setTags(t);
              setProblem(null);
            }}
            draft={draft}
            onDraftChange={(d) => {
              setDraft(d);
              setProblem(null);
            }}
          />
          {problem && (
            <p className="tag-input__problem" role="alert">
              {problem}
            </p>
          )}
        </div>
        <footer className="wrap-up__footer">
          <span className="wrap-up__keys">
            <kbd>1</kbd>–<kbd>4</kbd> how it ended · <Keys bindings={COMMANDS.dialogRun.defaults} /> resolves · <Keys bindings={COMMANDS.dialogClose.defaults} /> cancels
          </span>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary" icon="resolve">
            Resolve
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}
