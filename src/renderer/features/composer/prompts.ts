/**
 * Moving between a canned reply's ⟦prompts⟧ in the composer: Tab selects the next one (so
 * typing replaces it), Shift+Tab the previous one, wrapping around. The prompts are found in
 * the text each time, so edits anywhere, drafts and restarts never leave them out of step.
 */
import { findPrompts, type Prompt } from '../../../shared/templates';

export function nextPrompt(text: string, selStart: number, selEnd: number, direction: 1 | -1): Prompt | null {
  const prompts = findPrompts(text);
  if (prompts.length === 0) return null;
  const isCurrent = (p: Prompt) => p.start === selStart && p.end === selEnd;
  if (direction === 1) {
    // The prompt the caret is in, or the first one after it.
    return prompts.find((p) => !isCurrent(p) && (p.start >= selEnd || (p.start < selEnd && p.end > selEnd))) ?? prompts[0]!;
  }
  const before = prompts.filter((p) => !isCurrent(p) && (p.end <= selStart || (p.start < selStart && p.end > selStart)));
  return before[before.length - 1] ?? prompts[prompts.length - 1]!;
}
