/**
 * What triage writes on a case from the customer's newest words (triagePatch, with the real
 * assist core): only columns whose value changes, the latest message that tells, the category
 * read once.
 */
import { describe, expect, it } from 'vitest';
import * as core from '../../shared/assist';
import { storedTicket, ticketRow } from '../storage/contract/fixtures-tickets';
import type { TicketDbRow } from '../storage/tables/tickets';
import { triagePatch } from './triage';

const t = (over: Partial<TicketDbRow> = {}): TicketDbRow => ({ ...storedTicket(ticketRow('t1')), ...over });

describe('triagePatch', () => {
  it('reads the language and mood of the latest message that tells, and the category once', () => {
    const patch = triagePatch(core, t({ subject: 'My refund has not arrived' }), ['My refund has not arrived', 'This is ridiculous!! Nobody answers me, terrible service, I am furious.'], null);
    expect(patch).toMatchObject({ language: 'en', mood: 'angry', suggested_category: 'refund_return', suggestion_source: 'keywords' });
    expect(patch.suggested_confidence).toBeGreaterThan(0);
  });

  it('writes nothing that did not change, and never reads the category again', () => {
    const base = t({ subject: 'Payment missing', language: 'en', mood: 'neutral', mood_score: 0, suggested_category: 'payment_delay', suggested_confidence: 0.9, suggestion_source: 'model' });
    expect(triagePatch(core, base, ['ok'], null)).toEqual({});
    expect(triagePatch(core, base, ['My payment from last week still does not show in the app.'], null)).toEqual({});
  });

  it('keeps the language when the newest words are too few to tell, and claims no mood for German', () => {
    const base = t({ subject: 'Rückerstattung', language: 'de', mood: null, mood_score: null, suggested_category: 'refund_return', suggested_confidence: 0.8, suggestion_source: 'model' });
    expect(triagePatch(core, base, ['Ich warte seit zwei Wochen auf meine Rückerstattung, das ist eine Frechheit!', '123'], null)).toEqual({});
  });
});
