/**
 * Log a phone call on the open case (issue 8, phone): the call's fields (CallFields.tsx), Enter
 * logs (Ctrl/Cmd+Enter from the notes), Esc cancels. Notes stay desk-side.
 */
import { useId, useState, type FormEvent } from 'react';
import { COMMANDS } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { Keys } from '../../ui/Keys';
import { CallFields, callFormKeyDown, EMPTY_CALL, LENGTH_PROBLEM, readCall, type CallDraft, type LoggedCall } from './CallFields';
import '../wrap-up/wrap-up.css';

export type { LoggedCall } from './CallFields';

export function CallLogDialog({ reference, onLog, onCancel }: { reference: string; onLog(call: LoggedCall): void; onCancel(): void }) {
  const id = useId();
  const [draft, setDraft] = useState<CallDraft>(EMPTY_CALL);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (patch: Partial<CallDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (patch.duration !== undefined) setProblem(null);
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const call = readCall(draft);
    if (!call) return setProblem(LENGTH_PROBLEM);
    onLog(call);
  };

  return (
    <Dialog label={`Log a call on ${reference}`} onClose={onCancel} className="wrap-up">
      <form onSubmit={submit} onKeyDown={(e) => callFormKeyDown(e, { direction: (direction) => change({ direction }), submit })} noValidate>
        <header className="wrap-up__header">
          <h2 className="wrap-up__title">
            <Icon name="phone" size={16} />
            <span>Log a call</span>
            <span className="wrap-up__who mono">{reference}</span>
          </h2>
          <p className="wrap-up__plan">Kept in the case history for the desk; the customer never sees it.</p>
        </header>
        <div className="wrap-up__fields">
          <CallFields id={id} draft={draft} onChange={change} lengthInvalid={problem !== null} autoFocus />
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
