/**
 * What a macro asks before it runs (an amount, a date, a code): one field per input, each
 * starting from the chat's records where it can, with what the customer will read beside it.
 * Enter runs the macro, Esc cancels. A date field takes ↑/↓ for a day later / earlier (with
 * Shift, a week), or a typed date: 2026-03-09, 9.3., +3.
 */
import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MacroInput, MacroStep } from '../../../shared/domain';
import { addDays, describeStep, formatInputValue, parseDateInput, type InputValues, type MacroFill } from '../../../shared/macros';
import { COMMANDS } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { Keys } from '../../ui/Keys';

const HINTS: Record<MacroInput['type'], string> = {
  money: 'An amount: 25, 49.99 or 49,99',
  date: '↑ / ↓ a day later or earlier (Shift: a week) · or type 2026-03-09, 9.3. or +3',
  text: '',
};

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

/** " · Thursday": for the agent, who thinks in business days. */
function weekday(raw: string, today: string): string {
  const day = parseDateInput(raw, today);
  return day ? ` · ${WEEKDAY.format(Date.parse(`${day}T00:00:00Z`))}` : '';
}

export interface MacroInputsDialogProps {
  title: string;
  inputs: readonly MacroInput[];
  steps: readonly MacroStep[];
  /** The fields' first values. */
  initial: Readonly<Record<string, string>>;
  /** How the reply will write the values (the chat's language and customer). */
  fill: Omit<MacroFill, 'values'>;
  /** Problems per input key, or null when the macro went on. */
  onConfirm(values: InputValues): Promise<Record<string, string> | null> | Record<string, string> | null;
  onCancel(): void;
}

export function MacroInputsDialog({ title, inputs, steps, initial, fill, onConfirm, onCancel }: MacroInputsDialogProps) {
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...initial }));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const id = useId();

  // The first field takes focus with its value selected, so typing replaces it and Enter keeps it.
  useLayoutEffect(() => {
    first.current?.focus();
    first.current?.select();
  }, []);

  const setValue = (key: string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (problems[key]) setProblems(({ [key]: _gone, ...rest }) => rest);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const found = await onConfirm(values);
    setBusy(false);
    if (!found) return;
    setProblems(found);
    const bad = inputs.find((i) => found[i.key]);
    if (bad) document.getElementById(`${id}-${bad.key}`)?.focus();
  };

  const stepDate = (input: MacroInput, e: KeyboardEvent<HTMLInputElement>) => {
    if (input.type !== 'date' || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const day = parseDateInput(values[input.key] ?? '', fill.today) ?? fill.today;
    const next = addDays(day, (e.key === 'ArrowUp' ? 1 : -1) * (e.shiftKey ? 7 : 1));
    setValue(input.key, next);
    const el = e.currentTarget;
    requestAnimationFrame(() => el.setSelectionRange(0, el.value.length));
  };

  const plan = steps.map((s) => describeStep(s)).join(' · ');

  return (
    <Dialog label={`Macro: ${title}`} onClose={onCancel} className="macro-dialog">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <header className="macro-dialog__header">
          <h2 className="macro-dialog__title">
            <Icon name="macro" size={16} />
            <span>{title}</span>
          </h2>
          <p className="macro-dialog__plan">Then: {plan}</p>
        </header>
        <div className="macro-dialog__fields">
          {inputs.map((input, i) => {
            const fieldId = `${id}-${input.key}`;
            const raw = values[input.key] ?? '';
            const preview = formatInputValue(input, raw, fill.ctx, { ...fill.formatting }, fill.today);
            const problem = problems[input.key];
            const hint = HINTS[input.type];
            return (
              <div key={input.key} className="macro-field">
                <label className="macro-field__label" htmlFor={fieldId}>
                  {input.label}
                </label>
                <div className="macro-field__row">
                  <input
                    ref={i === 0 ? first : undefined}
                    id={fieldId}
                    className="input macro-field__input"
                    type="text"
                    inputMode={input.type === 'money' ? 'decimal' : undefined}
                    value={raw}
                    onChange={(e) => setValue(input.key, e.target.value)}
                    onKeyDown={(e) => stepDate(input, e)}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={`${fieldId}-preview ${fieldId}-hint${problem ? ` ${fieldId}-problem` : ''}`}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <output id={`${fieldId}-preview`} className="macro-field__preview" htmlFor={fieldId}>
                    {input.type !== 'text' && (preview ? `In the reply: ${preview}${input.type === 'date' ? weekday(raw, fill.today) : ''}` : raw.trim() ? 'Not understood yet' : '')}
                  </output>
                </div>
                {problem ? (
                  <p id={`${fieldId}-problem`} className="macro-field__problem" role="alert">
                    <Icon name="alert" size={14} />
                    {problem}
                  </p>
                ) : (
                  <p id={`${fieldId}-hint`} className="macro-field__hint">
                    {hint}
                  </p>
                )}
              </div>
            );
          })}
        </div>
        <footer className="macro-dialog__footer">
          <span className="macro-dialog__keys">
            <Keys bindings={COMMANDS.dialogRun.defaults} /> runs · <Keys bindings={COMMANDS.dialogClose.defaults} /> cancels
          </span>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary" icon="macro" disabled={busy}>
            Run macro
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}
