/**
 * The handover summary (issue 9): what the customer asks, what was done, the questions still
 * open, their mood and the facts from the panels, extracted from the conversation (no model
 * writes it). Shown in the transfer and escalation dialogs, where a button or its key puts it
 * into the note as plain text, and at the top of a supervisor's silent view. Text as text.
 */
import { useCallback, useEffect, type KeyboardEvent } from 'react';
import type { HandoverSummary } from '../../../shared/api/contract';
import { useAssist, useKeymap, useStores } from '../../app/hooks';
import { matchesBinding, shortcutLabel, type CommandId } from '../../app/keymap';
import { Button } from '../../ui/Button';
import type { SummaryState } from './assist-store';
import { isEmptySummary } from './handover-text';
import { MoodChip } from './TriageChips';
import './assist.css';

const LOADING: SummaryState = { status: 'loading' };

/** The chat's summary, read from main when the dialog opens. */
export function useHandoverSummary(ticketId: string): SummaryState {
  const { assist } = useStores();
  useEffect(() => void assist.getState().loadSummary(ticketId), [assist, ticketId]);
  return useAssist((s) => s.summaries[ticketId] ?? LOADING);
}

/** A key handler for a dialog: runs `action` on the command's keys (the agent's own mapping). */
export function useCommandKey(id: CommandId, action: () => void): (e: KeyboardEvent) => boolean {
  const keymap = useKeymap();
  return useCallback(
    (e: KeyboardEvent) => {
      if (!(keymap.get(id) ?? []).some((b) => matchesBinding(e.nativeEvent, b))) return false;
      action();
      return true;
    },
    [keymap, id, action],
  );
}

export function HandoverSummaryView({ state, onUse, useLabel = 'Put into the note' }: { state: SummaryState; onUse?: () => void; useLabel?: string }) {
  const keymap = useKeymap();
  if (state.status === 'unavailable') return null;
  if (state.status === 'loading') {
    return (
      <p className="handover handover--loading" role="status">
        Reading the conversation…
      </p>
    );
  }
  const s = state.summary;
  if (isEmptySummary(s)) return null;
  const key = shortcutLabel('assist.useSummary', keymap);
  return (
    <section className="handover" aria-label="Handover summary">
      <header className="handover__head">
        <span className="handover__titles">
          <span className="handover__title">Handover summary</span>
          <span className="handover__source">Extracted from the conversation</span>
        </span>
        {onUse && (
          <Button dense className="handover__use" onClick={onUse} title={key ? `${useLabel} (${key})` : useLabel}>
            {useLabel} {key && <kbd>{key}</kbd>}
          </Button>
        )}
      </header>
      <SummaryFields summary={s} />
    </section>
  );
}

function SummaryFields({ summary: s }: { summary: HandoverSummary }) {
  return (
    <dl className="handover__fields">
      {s.request.trim() && (
        <>
          <dt>Request</dt>
          <dd>{s.request}</dd>
        </>
      )}
      <Items title="Done" items={s.done} />
      <Items title="Open questions" items={s.openQuestions} />
      {s.mood && s.mood !== 'neutral' && (
        <>
          <dt>Mood</dt>
          <dd>
            <MoodChip mood={s.mood} />
          </dd>
        </>
      )}
      <Items title="Facts" items={s.facts} />
    </dl>
  );
}

function Items({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <dt>{title}</dt>
      <dd>
        <ul className="handover__items">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      </dd>
    </>
  );
}
