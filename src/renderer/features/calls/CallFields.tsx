/**
 * A phone call's fields (issue 8, phone): direction, length (m:ss or minutes), how it ended, notes.
 * Shared by the call log on an open case and "New case from a call"; each dialog keeps the draft
 * and says what Enter does. I / O pick the direction outside text fields.
 */
import type { KeyboardEvent } from 'react';
import { CALL_OUTCOME_LABELS, CALL_OUTCOMES, MAX_CALL_NOTES, MAX_CALL_SECONDS, type CallDirection, type CallOutcome } from '../../../shared/calls';
import { isTextField } from '../../app/keymap';

export interface LoggedCall {
  direction: CallDirection;
  durationSec: number;
  outcome: CallOutcome;
  notes: string;
}

/** The fields as typed: the length is text until it is read. */
export interface CallDraft {
  direction: CallDirection;
  duration: string;
  outcome: CallOutcome;
  notes: string;
}
export const EMPTY_CALL: CallDraft = { direction: 'in', duration: '', outcome: 'resolved', notes: '' };

/** "4:05" or "4" (minutes) or "245s" to seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  const clock = /^(\d{1,4}):([0-5]\d)$/.exec(t);
  const seconds = /^(\d{1,4})\s*s$/i.exec(t);
  const minutes = /^(\d{1,4})(?:\s*min)?$/i.exec(t);
  const sec = clock ? Number(clock[1]) * 60 + Number(clock[2]) : seconds ? Number(seconds[1]) : minutes ? Number(minutes[1]) * 60 : null;
  return sec !== null && sec <= MAX_CALL_SECONDS ? sec : null;
}

export const LENGTH_PROBLEM = 'Say how long the call was: 4:05, 4 (minutes) or 245s, at most a day.';

/** The draft as a call, or null when its length does not read (LENGTH_PROBLEM says why). */
export function readCall(d: CallDraft): LoggedCall | null {
  const durationSec = parseDuration(d.duration);
  return durationSec === null ? null : { direction: d.direction, durationSec, outcome: d.outcome, notes: d.notes.trim() };
}

/**
 * The call form's keys: Ctrl/Cmd+Enter submits from the notes; outside text fields I / O pick the
 * direction and Enter submits (in a one-line field Enter submits the form by itself).
 */
export function callFormKeyDown(e: KeyboardEvent<HTMLFormElement>, on: { direction(d: CallDirection): void; submit(): void }): void {
  const target = e.target as HTMLElement;
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && target instanceof HTMLTextAreaElement) {
    e.preventDefault();
    return on.submit();
  }
  if (e.ctrlKey || e.metaKey || e.altKey || isTextField(target)) return;
  if (e.key === 'i' || e.key === 'o') {
    e.preventDefault();
    on.direction(e.key === 'i' ? 'in' : 'out');
  } else if (e.key === 'Enter' && target.tagName !== 'BUTTON') {
    e.preventDefault();
    on.submit();
  }
}

export interface CallFieldsProps {
  /** Prefix of the fields' ids (useId of the dialog). */
  id: string;
  draft: CallDraft;
  onChange(patch: Partial<CallDraft>): void;
  /** The length did not read: the field is marked invalid. */
  lengthInvalid: boolean;
  /** The direction takes focus when the dialog opens. */
  autoFocus?: boolean;
}

export function CallFields({ id, draft, onChange, lengthInvalid, autoFocus = false }: CallFieldsProps) {
  return (
    <>
      <fieldset className="field field--choices">
        <legend className="field__label">Direction</legend>
        {(['in', 'out'] as const).map((d) => (
          <label key={d} className="choice" htmlFor={`${id}-${d}`}>
            <input id={`${id}-${d}`} type="radio" name={`${id}-direction`} checked={draft.direction === d} onChange={() => onChange({ direction: d })} autoFocus={autoFocus && d === 'in'} />
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
          value={draft.duration}
          placeholder="4:05"
          onChange={(e) => onChange({ duration: e.target.value })}
          aria-invalid={lengthInvalid ? true : undefined}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-outcome`}>
          How it ended
        </label>
        <select id={`${id}-outcome`} className="input" value={draft.outcome} onChange={(e) => onChange({ outcome: e.target.value as CallOutcome })}>
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
        <textarea id={`${id}-notes`} className="input input--area" rows={3} maxLength={MAX_CALL_NOTES} value={draft.notes} onChange={(e) => onChange({ notes: e.target.value })} />
      </div>
    </>
  );
}
