/**
 * What the desk read from the chat on arrival (triage), in the conversation header: the
 * customer's language, their mood when it is worth knowing, and the category the first message
 * looks like when it differs from the case's, which a click or its key sets (the panel's
 * set-category action). Mood is an icon and a word as well as a colour (UX.md §7.4).
 */
import type { Mood, TicketRow } from '../../../shared/domain';
import { CATEGORY_LABELS } from '../../../shared/domain';
import { useKeymap, useSession, useStores } from '../../app/hooks';
import { ariaKeyShortcuts, shortcutLabel } from '../../app/keymap';
import { Chip, type ChipTone } from '../../ui/Chip';
import { Icon, type IconName } from '../../ui/Icon';
import { canWrite } from '../conversation/permissions';
import { usePanel } from '../customer/use-panel';
import { applySuggestedCategory } from './assist-commands';
import { languageName, MOOD_WORDS } from './words';
import './assist.css';

const MOOD_LOOK: Partial<Record<Mood, { tone: ChipTone; icon: IconName; title: string }>> = {
  angry: { tone: 'danger', icon: 'angry', title: 'The customer’s own words read as angry' },
  unhappy: { tone: 'warning', icon: 'frown', title: 'The customer’s own words read as unhappy' },
  happy: { tone: 'success', icon: 'smile', title: 'The customer’s own words read as happy' },
};

export function MoodChip({ mood }: { mood: Mood | null | undefined }) {
  const look = mood ? MOOD_LOOK[mood] : undefined;
  if (!mood || !look) return null;
  return (
    <Chip tone={look.tone} title={look.title}>
      <Icon name={look.icon} size={12} />
      {MOOD_WORDS[mood]}
    </Chip>
  );
}

export function LanguageChip({ language }: { language: string | null | undefined }) {
  if (!language) return null;
  return (
    <Chip title="The customer’s language, as the desk read it">
      <span className="mono">{language.toUpperCase()}</span> · {languageName(language)}
    </Chip>
  );
}

/** Whether the header has a triage line to show for this ticket. */
export function hasTriage(ticket: TicketRow): boolean {
  const s = ticket.categorySuggestion;
  return !!ticket.language || (!!ticket.mood && !!MOOD_LOOK[ticket.mood]) || (!!s && s.category !== ticket.category);
}

export function TriageChips({ ticket }: { ticket: TicketRow }) {
  if (!hasTriage(ticket)) return null;
  return (
    <div className="triage" role="group" aria-label="Read from the chat on arrival">
      <LanguageChip language={ticket.language} />
      <MoodChip mood={ticket.mood} />
      <CategorySuggestion ticket={ticket} />
    </div>
  );
}

function CategorySuggestion({ ticket }: { ticket: TicketRow }) {
  const stores = useStores();
  const keymap = useKeymap();
  const agent = useSession((s) => s.session?.agent ?? null);
  // Pending while its set-category action is on the way (the chip goes once the case has it).
  const pending = usePanel((s) => s.actions.some((a) => a.ticketId === ticket.id && a.kind === 'ticket.setCategory' && (a.state === 'sending' || a.state === 'pending')));
  const suggestion = ticket.categorySuggestion;
  if (!suggestion || suggestion.category === ticket.category) return null;
  const label = CATEGORY_LABELS[suggestion.category];
  const percent = `${Math.round(suggestion.confidence * 100)}%`;
  const source = suggestion.source === 'keywords' ? 'From keywords in the first message (too few resolved cases to learn from yet)' : 'From the first message';
  const text = (
    <>
      <Icon name="lightbulb" size={12} />
      Looks like: {label} · <span className="tabular">{percent}</span>
    </>
  );
  if (!canWrite(ticket, agent)) {
    return (
      <Chip tone="info" title={source}>
        {text}
      </Chip>
    );
  }
  const keys = shortcutLabel('assist.applyCategory', keymap);
  return (
    <button
      type="button"
      className="chip chip--info triage__suggestion"
      disabled={pending}
      title={`${source}. Set the category to ${label}${keys ? ` (${keys})` : ''}`}
      aria-keyshortcuts={ariaKeyShortcuts('assist.applyCategory', keymap)}
      onClick={() => applySuggestedCategory(stores)}
    >
      {text}
      {keys && <kbd className="triage__key">{keys}</kbd>}
    </button>
  );
}
