/**
 * Log a phone call on the open case (issue 8, phone): direction, length (m:ss or minutes), how it
 * ended, notes. Keyboard only if the agent likes: I / O pick the direction outside text fields,
 * Enter logs (Ctrl/Cmd+Enter from the notes), Esc cancels. Notes stay desk-side.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CALL_OUTCOME_LABELS, CALL_OUTCOMES, MAX_CALL_NOTES, MAX_CALL_SECONDS, type CallDirection, type CallOutcome } from '../../../shared/calls';
import { COMMANDS, isTextField } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { Keys } from '../../ui/Keys';
import '../wrap-up/wrap-up.css';

export interface LoggedCall {
  direction: CallDirection;
  durationSec: number;
  outcome: CallOutcome;
  notes: string;
}

/** "4:05" or "4" (minutes) or "245s" to seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  const clock = /^(\d{1,4}):([0-5]\d)$/.exec(t);
  const seconds = /^(\d{1,4})\s*s$/i.exec(t);
  const minutes = /^(\d{1,4})(?:\s*min)?$/i.exec(t);
  const sec = clock ? Number(clock[1]) * 60 + Number(clock[2]) : seconds ? Number(seconds[1]) : minutes ? Number(minutes[1]) * 60 : null;
  return sec !== null && sec <= MAX_CALL_SECONDS ? sec : null;
}

export function CallLogDialog({ reference, onLog, onCancel }: { reference: string; onLog(call: LoggedCall): void; onCancel(): void }) {
  const id = useId();
  const [direction, setDirection] = useState<CallDirection>('in');
  const [duration, setDuration] = useState('');
  const [outcome, setOutcome] = useState<CallOutcome>('resolved');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const durationSec = parseDuration(duration);
    if (durationSec === null) return setProblem('Say how long the call was: 4:05, 4 (minutes) or 245s, at most a day.');
    onLog({ direction, durationSec, outcome, notes: notes.trim() });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && target instanceof HTMLTextAreaElement) {
      e.preventDefault();
      return submit();
    }
    if (e.ctrlKey || e.metaKey || e.altKey || isTextField(target)) return;
    if (e.key === 'i' || e.key === 'o') {
      e.preventDefault();
      setDirection(e.key === 'i' ? 'in' : 'out');
    } else if (e.key === 'Enter' && target.tagName !== 'BUTTON') {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Dialog label={`Log a call on ${reference}`} onClose={onCancel} className="wrap-up">
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
        <header className="wrap-up__header">
          <h2 className="wrap-up__title">
            <Icon name="phone" size={16} />
            <span>Log a call</span>
            <span className="wrap-up__who mono">{reference}</span>
          </h2>
          <p className="wrap-up__plan">Kept in the case history for the desk; the customer never sees it.</p>
        </header>
        <div className="wrap-up__fields">
          <fieldset className="field field--choices">
            <legend className="field__label">Direction</legend>
            {(['in', 'out'] as const).map((d) => (
              <label key={d} className="choice" htmlFor={`${id}-${d}`}>
                <input id={`${id}-${d}`} type="radio" name={`${id}-direction`} checked={direction === d} onChange={() => setDirection(d)} autoFocus={d === 'in'} />
                <kbd aria-hidden="true">{d === 'in' ? 'I' : 'O'}</kbd> {d === 'in' ? 'Inbound: the customer called' : 'Outbound: we called the customer'}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-duration`}>
              Length (m:ss)
            </label>
            <input
              id={`${id}-duration`}
              className="input"
              type="text"
              inputMode="numeric"
              value={duration}
              placeholder="4:05"
              onChange={(e) => {
                setDuration(e.target.value);
                setProblem(null);
              }}
              aria-invalid={problem ? true : undefined}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-outcome`}>
              How it ended
            </label>
            <select id={`${id}-outcome`} className="input" value={outcome} onChange={(e) => setOutcome(e.target.value as CallOutcome)}>
              {CALL_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {CALL_OUTCOME_LABELS[o]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-notes`}>
              Notes <span className="tag-input__count">(optional)</span>
            </label>
            <textarea id={`${id}-notes`} className="input input--area" rows={3} maxLength={MAX_CALL_NOTES} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
          {problem && (
            <p className="tag-input__problem" role="alert">
              {problem}
            </p>
          )}
        </div>
        <footer className="wrap-up__footer">
          <span className="wrap-up__keys">
            <Keys bindings={COMMANDS.dialogRun.defaults} /> logs · <Keys bindings={COMMANDS.dialogClose.defaults} /> cancels
          </span>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary" icon="phone">
            Log call
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}
