/** Edits the open case's tags by keyboard (the header's Tags button, `#`, the palette): Enter saves, Esc cancels. */
import { useState, type FormEvent } from 'react';
import type { TicketRow } from '../../../shared/domain';
import { COMMANDS } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Keys } from '../../ui/Keys';
import { TagInput, withDraft } from './TagInput';
import './wrap-up.css';

export interface TagsDialogProps {
  ticket: Pick<TicketRow, 'reference' | 'tags'>;
  onSave(tags: string[]): void;
  onCancel(): void;
}

export function TagsDialog({ ticket, onSave, onCancel }: TagsDialogProps) {
  const [tags, setTags] = useState<string[]>(ticket.tags ?? []);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = withDraft(tags, draft);
    if (r.problem) return setProblem(r.problem);
    onSave(r.tags);
  };

  return (
    <Dialog label={`Tags of ${ticket.reference}`} onClose={onCancel} className="wrap-up wrap-up--tags">
      <form onSubmit={submit} noValidate>
        <header className="wrap-up__header">
          <h2 className="wrap-up__title">
            <span>Tags</span>
            <span className="wrap-up__who mono">{ticket.reference}</span>
          </h2>
        </header>
        <div className="wrap-up__fields">
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
            autoFocus
          />
          {problem && (
            <p className="tag-input__problem" role="alert">
              {problem}
            </p>
          )}
        </div>
        <footer className="wrap-up__footer">
          <span className="wrap-up__keys">
            <Keys bindings={COMMANDS.dialogRun.defaults} /> saves · <Keys bindings={COMMANDS.dialogClose.defaults} /> cancels
          </span>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="primary">
            Save tags
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}
