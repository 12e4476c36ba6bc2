/**
 * The `/` picker: an ARIA listbox over the composer. Focus stays in the composer, which points
 * at the active option with aria-activedescendant and handles the keys (↑ ↓ Enter Tab Esc,
 * Alt+← → for the language); options can also be clicked. The scrolling list is a tab stop of
 * its own too (Tab from the thread reaches it) with the same keys, so it is operable from the
 * keyboard without the composer; choosing or Esc goes back to the composer. Each row shows the reply
 * filled for this chat, its prompts marked.
 */
import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import { CANNED_LANGUAGES, CATEGORY_LABELS, type CannedLanguage, type CannedReplyRow, type Category } from '../../../shared/domain';
import { findPrompts } from '../../../shared/templates';
import type { LanguageChoice } from './canned-store';

export const LANGUAGE_NAMES: Record<CannedLanguage, string> = { en: 'English', sv: 'Swedish', de: 'German' };

export interface PickerOption {
  reply: CannedReplyRow;
  /** The reply filled for this chat (prompts as ⟦label⟧). */
  preview: string;
}

export interface CannedPickerProps {
  id: string;
  options: readonly PickerOption[];
  activeIndex: number;
  query: string;
  choice: LanguageChoice;
  customerLocale: string | null;
  chatCategory: Category | null;
  loading: boolean;
  error: string | null;
  onChoose(index: number): void;
  onActivate(index: number): void;
  onLanguage(language: CannedLanguage | null): void;
  onRetry(): void;
  /** Focus back to the composer (from the list's own keys). */
  onLeave(): void;
}

export const optionId = (pickerId: string, index: number) => `${pickerId}-opt-${index}`;

/** The preview with its prompts marked. */
function Preview({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const p of findPrompts(text)) {
    if (p.start > at) parts.push(text.slice(at, p.start));
    parts.push(
      <mark key={p.start} className="prompt-mark">
        {p.label}
      </mark>,
    );
    at = p.end;
  }
  parts.push(text.slice(at));
  return <span className="canned-option__preview">{parts}</span>;
}

/** The list's own keys, when it has focus: the composer's picker keys. */
function onListKey(e: KeyboardEvent<HTMLUListElement>, props: CannedPickerProps): void {
  const last = props.options.length - 1;
  const move = (i: number) => last >= 0 && props.onActivate(Math.max(0, Math.min(last, i)));
  switch (e.key) {
    case 'ArrowDown':
      move(props.activeIndex + 1);
      break;
    case 'ArrowUp':
      move(props.activeIndex - 1);
      break;
    case 'Home':
      move(0);
      break;
    case 'End':
      move(last);
      break;
    case 'Enter':
    case 'Tab':
      if (e.shiftKey || last < 0) return;
      props.onChoose(props.activeIndex);
      props.onLeave();
      break;
    case 'Escape':
      props.onLeave();
      break;
    default:
      return;
  }
  e.preventDefault();
  e.stopPropagation();
}

export function CannedPicker(props: CannedPickerProps) {
  const { id, options, activeIndex, query, choice, customerLocale, chatCategory, loading, error } = props;

  useEffect(() => {
    document.getElementById(optionId(id, activeIndex))?.scrollIntoView?.({ block: 'nearest' });
  }, [id, activeIndex]);

  const why = choice.source === 'chosen' ? 'chosen for this chat' : choice.source === 'setting' ? 'from Settings' : `customer ${customerLocale ?? 'locale unknown'}`;

  return (
    <div className="canned-picker" data-testid="canned-picker">
      <div className="canned-picker__head">
        <span className="canned-picker__title">Canned replies</span>
        <span className="canned-picker__lang" role="group" aria-label="Reply language">
          {CANNED_LANGUAGES.map((lang) => (
            <button
              key={lang}
              type="button"
              tabIndex={-1}
              className="canned-picker__lang-option"
              aria-pressed={lang === choice.language}
              title={LANGUAGE_NAMES[lang]}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onLanguage(lang)}
            >
              {lang.toUpperCase()}
            </button>
          ))}
        </span>
        <span className="canned-picker__why">
          {LANGUAGE_NAMES[choice.language]} · {why}
          {choice.source === 'chosen' && (
            <button type="button" tabIndex={-1} className="link-button" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onLanguage(null)}>
              Reset
            </button>
          )}
        </span>
      </div>
      <ul
        id={id}
        role="listbox"
        tabIndex={0}
        aria-label={`Canned replies in ${LANGUAGE_NAMES[choice.language]}`}
        aria-activedescendant={options.length > 0 ? optionId(id, activeIndex) : undefined}
        className="canned-picker__list"
        onMouseDown={(e) => e.preventDefault()}
        onKeyDown={(e) => onListKey(e, props)}
      >
        {options.map((o, i) => (
          <li
            key={o.reply.id}
            id={optionId(id, i)}
            role="option"
            aria-selected={i === activeIndex}
            className={`canned-option${i === activeIndex ? ' canned-option--active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== activeIndex && props.onActivate(i)}
            onClick={() => props.onChoose(i)}
          >
            <span className="canned-option__line">
              <span className="canned-option__title">{o.reply.title}</span>
              {o.reply.category !== chatCategory && <span className="canned-option__category">{CATEGORY_LABELS[o.reply.category]}</span>}
              <span className="canned-option__shortcut">/{o.reply.shortcut}</span>
            </span>
            <Preview text={o.preview} />
          </li>
        ))}
      </ul>
      {options.length === 0 && (
        <p className="canned-picker__empty" role="status">
          {error ? (
            <>
              Canned replies could not be loaded: {error}{' '}
              <button type="button" className="link-button" onMouseDown={(e) => e.preventDefault()} onClick={props.onRetry}>
                Retry
              </button>
            </>
          ) : loading ? (
            'Loading canned replies…'
          ) : query ? (
            `No ${LANGUAGE_NAMES[choice.language]} reply matches “${query}”. Esc closes; Alt+← → switches the language.`
          ) : (
            `No canned replies in ${LANGUAGE_NAMES[choice.language]} yet.`
          )}
        </p>
      )}
      <div className="canned-picker__foot" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> choose · <kbd>Enter</kbd> or <kbd>Tab</kbd> insert · <kbd>Alt+←</kbd>
        <kbd>→</kbd> language · <kbd>Esc</kbd> close
      </div>
    </div>
  );
}
