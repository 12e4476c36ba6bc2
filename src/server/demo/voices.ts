/**
 * How the demo history's customers write (docs/demo-world.md, "How realistic is the history"):
 * their language (German and Swedish customers write their own 60% of the time), their tone
 * (angry, neutral, happy), the category they pick on the pre-chat form (wrong ~20% of the time,
 * mostly for a neighbouring one), and a noisy opening message drawn from many paraphrases.
 * Every share here is the one the doc quotes.
 */
import type { Category } from '../../shared/domain';
import type { DemoCustomer } from './commerce';
import { ANGRY, CONTEXT_FIRST, HAPPY, OPENINGS, type Lang } from './openings';
import type { Rng } from './rng';

export type { Lang } from './openings';
export type Tone = 'angry' | 'neutral' | 'happy';

/** Share of German- and Swedish-speaking customers who write in their own language. */
export const OWN_LANGUAGE_SHARE = 0.6;

/** The language a customer writes in, fixed per customer (decided on their first case). */
export function customerLanguage(rng: Rng, c: DemoCustomer, memo: Map<string, Lang>): Lang {
  const known = memo.get(c.row.id);
  if (known) return known;
  const prefix = c.row.locale.slice(0, 2).toLowerCase();
  const lang: Lang = (prefix === 'de' || prefix === 'sv') && rng.chance(OWN_LANGUAGE_SHARE) ? prefix : 'en';
  memo.set(c.row.id, lang);
  return lang;
}

/** Angry 12% (45% when the case goes badly for them), happy 22%, neutral the rest. */
export function pickTone(rng: Rng, mood: 'happy' | 'neutral' | 'unhappy'): Tone {
  if (mood === 'unhappy') return rng.weighted([['angry', 45], ['neutral', 50], ['happy', 5]] as const);
  return rng.weighted([['angry', 10], ['neutral', 66], ['happy', 24]] as const);
}

/** What the customer picks on the pre-chat form for a case truly about `truth`: mostly a neighbour when wrong. */
const CONFUSION: Record<Category, readonly (readonly [Category, number])[]> = {
  payment_delay: [['payment_delay', 78], ['missed_payment', 10], ['refund_return', 4], ['other', 6], ['technical_glitch', 2]],
  missed_payment: [['missed_payment', 80], ['payment_delay', 12], ['other', 6], ['refund_return', 2]],
  refund_return: [['refund_return', 82], ['payment_delay', 8], ['other', 8], ['missed_payment', 2]],
  technical_glitch: [['technical_glitch', 80], ['account_verification', 8], ['other', 10], ['payment_delay', 2]],
  account_verification: [['account_verification', 80], ['technical_glitch', 10], ['other', 10]],
  other: [['other', 86], ['technical_glitch', 5], ['account_verification', 4], ['payment_delay', 5]],
};

export function pickedCategory(rng: Rng, truth: Category): Category {
  return rng.weighted(CONFUSION[truth]);
}

/** Another category's words, added to 10% of openings so keyword rules stumble. */
const CROSS_TOPIC: Record<Category, Record<Lang, readonly string[]>> = {
  payment_delay: { en: ['I also have a return open with the store.', 'Not sure if this is a technical problem with the app.'], de: ['Ich habe auch noch eine Retoure offen.'], sv: ['Jag har också en retur på gång.'] },
  missed_payment: { en: ['I thought my bank transfer would cover it.', 'The app also showed an error yesterday.'], de: ['Ich dachte, meine Überweisung reicht.'], sv: ['Jag trodde min överföring skulle räcka.'] },
  refund_return: { en: ['I already paid the first installment.', 'Will I get a late fee meanwhile?'], de: ['Die erste Rate habe ich schon bezahlt.'], sv: ['Första delbetalningen har jag redan betalat.'] },
  technical_glitch: { en: ['I need to pay my installment today.', 'I also tried to verify my account again.'], de: ['Ich muss heute meine Rate zahlen.'], sv: ['Jag måste betala min delbetalning i dag.'] },
  account_verification: { en: ['Is the app broken?', 'I want to pay for an order today.'], de: ['Ist die App kaputt?'], sv: ['Är appen trasig?'] },
  other: { en: ['My last payment went fine.'], de: ['Meine letzte Zahlung hat geklappt.'], sv: ['Min senaste betalning gick bra.'] },
};

export interface OpeningSlots {
  merchant: string | null;
  order: string | null;
  amount: string | null;
}

const FALLBACK_SLOT: Record<Lang, OpeningSlots> = {
  en: { merchant: 'the store', order: 'my order', amount: 'the money' },
  de: { merchant: 'dem Shop', order: 'meine Bestellung', amount: 'den Betrag' },
  sv: { merchant: 'butiken', order: 'min order', amount: 'beloppet' },
};

function fillSlots(text: string, slots: OpeningSlots, lang: Lang): string {
  const fb = FALLBACK_SLOT[lang];
  return text
    .replace(/\{merchant\}/g, slots.merchant ?? fb.merchant!)
    .replace(/\{order\}/g, slots.order ?? fb.order!)
    .replace(/\{amount\}/g, slots.amount ?? fb.amount!);
}

/**
 * The customer's first message: the script's own data-rich description (English only, 35%) or
 * one of the category's paraphrases; then context, cross-topic words, tone and noise.
 */
export function openingFor(rng: Rng, category: Category, kind: string, lang: Lang, tone: Tone, own: string, slots: OpeningSlots): string {
  const pool = paraphrasesFor(category, kind, lang);
  let text = (lang === 'en' && rng.chance(0.35)) || pool.length === 0 ? own : fillSlots(rng.pick(pool), slots, lang);
  const short = text.length < 25;
  if (!short && rng.chance(0.15)) text = `${rng.pick(CONTEXT_FIRST[lang])} ${text}`;
  if (!short && rng.chance(0.1)) text = `${withStop(text)} ${rng.pick(CROSS_TOPIC[category][lang])}`;
  text = toned(rng, text, lang, tone);
  return noisy(rng, text, lang);
}

const TAGGED = /^\[([a-z_|]+)\] /;

/** The paraphrases of a category that fit the case's sub-topic (untagged ones fit all), without their tag. */
export function paraphrasesFor(category: Category, kind: string, lang: Lang): string[] {
  return OPENINGS[category][lang].flatMap((p) => {
    const tag = TAGGED.exec(p);
    if (!tag) return [p];
    return tag[1]!.split('|').includes(kind) ? [p.slice(tag[0].length)] : [];
  });
}

/** Tone in the text itself: an angry customer complains before or after, a happy one thanks. */
export function toned(rng: Rng, text: string, lang: Lang, tone: Tone): string {
  if (tone === 'angry') {
    if (rng.chance(0.5)) return `${rng.pick(ANGRY[lang].before)} ${text}`;
    return `${withStop(text)} ${rng.pick(ANGRY[lang].after)}`;
  }
  if (tone === 'happy' && rng.chance(0.6)) return `${withStop(text)} ${rng.pick(HAPPY[lang])}`;
  return text;
}

/** A later line of an angry customer. */
export const angryLater = (rng: Rng, lang: Lang): string => rng.pick(ANGRY[lang].later);

const withStop = (text: string): string => (/[.!?:)]$/.test(text) ? text : `${text}.`);

/**
 * Typing as people do: all lower case (25%), no final punctuation (30%), a typo or two in longer
 * words (20%), sentences run together (15%). Digits, order numbers and amounts are never touched.
 */
const AND: Record<Lang, string> = { en: 'and', de: 'und', sv: 'och' };

export function noisy(rng: Rng, text: string, lang: Lang): string {
  let t = text;
  if (rng.chance(0.15)) t = t.replace(/([a-zäöüåß])\. ([A-ZÄÖÜÅ])/g, (_m, a: string, b: string) => `${a} ${rng.chance(0.5) ? `${AND[lang]} ` : ''}${b.toLowerCase()}`);
  if (rng.chance(0.2)) {
    const typos = rng.chance(0.3) ? 2 : 1;
    for (let i = 0; i < typos; i++) t = typo(rng, t);
  }
  if (rng.chance(0.25)) t = t.toLowerCase();
  if (rng.chance(0.3)) t = t.replace(/[.!]$/, '');
  return t;
}

function typo(rng: Rng, text: string): string {
  const words = text.split(' ');
  const candidates = words.flatMap((w, i) => (/^[A-Za-zäöüåÄÖÜÅß]{5,}$/.test(w) ? [i] : []));
  if (candidates.length === 0) return text;
  const i = rng.pick(candidates);
  const w = words[i]!;
  const k = 1 + rng.int(w.length - 2);
  words[i] = rng.chance(0.5) ? w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2) : w.slice(0, k) + w.slice(k + 1);
  return words.join(' ');
}
