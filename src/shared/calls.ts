/** Phone calls an agent logs on a case (issue 8, "Channels: phone"): what the console offers and the server stores. */
import { z } from 'zod';

export const CALL_DIRECTIONS = ['in', 'out'] as const;
export const CallDirection = z.enum(CALL_DIRECTIONS);
export type CallDirection = z.infer<typeof CallDirection>;

/** How a call ended, in the order the call log offers them. */
export const CALL_OUTCOMES = ['resolved', 'follow_up', 'callback', 'no_answer', 'voicemail'] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  resolved: 'Resolved on the call',
  follow_up: 'Needs a follow-up',
  callback: 'Call back agreed',
  no_answer: 'No answer',
  voicemail: 'Left a voicemail',
};

export const MAX_CALL_SECONDS = 86_400;
export const MAX_CALL_NOTES = 4000;

/** A case opened from a call: its short subject as the agent typed it (blank: named by its category). */
export const MAX_CALL_CASE_SUBJECT = 120;
export const CallCaseSubject = z.string().trim().max(MAX_CALL_CASE_SUBJECT);

/** The call's fields, as a mutation carries them. */
export const CallFields = {
  direction: CallDirection,
  durationSec: z.number().int().min(0).max(MAX_CALL_SECONDS),
  outcome: CallOutcome,
  notes: z.string().trim().max(MAX_CALL_NOTES),
};

/** "Inbound call, 4 min 5 s · Needs a follow-up": the call's entry in the case history (desk-side only). */
export function callSummary(c: { direction: CallDirection; durationSec: number; outcome: CallOutcome }): string {
  const m = Math.floor(c.durationSec / 60);
  const s = c.durationSec % 60;
  const length = m > 0 ? `${m} min${s ? ` ${s} s` : ''}` : `${s} s`;
  return `${c.direction === 'in' ? 'Inbound' : 'Outbound'} call, ${length} · ${CALL_OUTCOME_LABELS[c.outcome]}`;
}
