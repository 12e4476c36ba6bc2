/**
 * Free short tags, by keyboard: type a tag, Enter or "," adds it (normalised as the server stores
 * it: src/shared/wrap-up.ts), Backspace in the empty field takes the last one back, each chip has
 * a remove button. Enter in the empty field is left to the form (it confirms the dialog).
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { MAX_TAG_LENGTH, MAX_TAGS, normaliseTag, normaliseTags, tagsProblem } from '../../../shared/wrap-up';
import { Icon } from '../../ui/Icon';

export interface TagInputProps {
  tags: readonly string[];
  onChange(tags: string[]): void;
  /** The text being typed, held by the dialog so that confirming adds it too. */
  draft: string;
  onDraftChange(draft: string): void;
  autoFocus?: boolean;
}

/** The tags with the typed text added, or why they cannot be stored. */
export function withDraft(tags: readonly string[], draft: string): { tags: string[]; problem: string | null } {
  const next = normaliseTags([...tags, draft]);
  return { tags: next, problem: tagsProblem(next) };
}

export function TagInput({ tags, onChange, draft, onDraftChange, autoFocus }: TagInputProps) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);

  const add = (): boolean => {
    if (!normaliseTag(draft)) return false;
    const r = withDraft(tags, draft);
    setProblem(r.problem);
    if (r.problem) return true;
    onChange(r.tags);
    onDraftChange('');
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if ((e.key === 'Enter' || e.key === ',') && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Enter with nothing typed confirms the dialog; with a tag typed it adds the tag.
      if (add() || e.key === ',') e.preventDefault();
      return;
    }
    if (e.key === 'Backspace' && draft === '' && tags.length > 0) {
      e.preventDefault();
      onChange(tags.slice(0, -1));
      setProblem(null);
    }
  };

  const remove = (tag: string) => {
    onChange(tags.filter((t) => t !== tag));
    setProblem(null);
  };

  return (
    <div className="field tag-input">
      <label className="field__label" htmlFor={id}>
        Tags <span className="tag-input__count">({tags.length}/{MAX_TAGS}, optional)</span>
      </label>
      <div className="tag-input__box">
        {tags.length > 0 && (
          <ul className="tag-input__tags" aria-label="Tags">
            {tags.map((t) => (
              <li key={t} className="tag-chip">
                <span>{t}</span>
                <button type="button" className="tag-chip__remove" aria-label={`Remove tag ${t}`} onClick={() => remove(t)}>
                  <Icon name="close" size={11} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          className="input tag-input__field"
          type="text"
          value={draft}
          placeholder={tags.length ? '' : 'e.g. sepa, late fee'}
          maxLength={MAX_TAG_LENGTH + 20}
          onChange={(e) => {
            onDraftChange(e.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-help`}
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
        />
      </div>
      {problem ? (
        <p id={`${id}-help`} className="tag-input__problem" role="alert">
          {problem}
        </p>
      ) : (
        <p id={`${id}-help`} className="field__help">
          Enter or comma adds a tag, Backspace removes the last. Lower-case, up to {MAX_TAG_LENGTH} characters.
        </p>
      )}
    </div>
  );
}
