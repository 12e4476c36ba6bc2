/**
 * Gives a written script (threads.ts) its customer's voice and its agent's habits: the language
 * the customer writes in, their tone, the category they picked, a noisy opening message, and the
 * canned replies the agent sends where a script line says one fits (`Line.canned`), filled for the
 * case and recorded as the console records them (`Line.shortcut`). Threads in German or Swedish
 * keep the script's structure (turns, notes, escalations) with the customer's lines and the
 * agent's words in that language; internal notes stay English.
 */
import type { Category } from '../../shared/domain';
import { filledCanned, recordedShortcut, type CaseFacts } from './canned-use';
import type { DemoCustomer } from './commerce';
import { LOCAL, type LocalLang } from './local-lines';
import type { Rng } from './rng';
import type { Line, Script, Topic } from './threads';
import { moneyText } from './threads';
import { angryLater, customerLanguage, openingFor, pickedCategory, pickTone, type Lang, type Tone } from './voices';

export interface Voiced {
  script: Script;
  lang: Lang;
  tone: Tone;
  /** The category the customer picked on the pre-chat form. */
  picked: Category;
}

/** How an agent uses canned replies: how often where one fits, and whether they prefer the second choice. */
export interface AgentStyle {
  cannedShare: number;
  prefersAlt: boolean;
}

/** Fixed per agent (from their id): canned share 40%, 60%, 75% or 90%. */
export function agentStyle(agentId: string): AgentStyle {
  let h = 2166136261;
  for (let i = 0; i < agentId.length; i++) h = Math.imul(h ^ agentId.charCodeAt(i), 16777619) >>> 0;
  return { cannedShare: [0.4, 0.6, 0.75, 0.9][h % 4]!, prefersAlt: ((h >>> 8) & 1) === 1 };
}

export interface VoiceInput {
  rng: Rng;
  customer: DemoCustomer;
  topic: Topic;
  script: Script;
  agentId: string;
  agentName: string;
  seniorId: string;
  seniorName: string;
  reference: string;
  /** Customers' languages, decided on their first case. */
  languages: Map<string, Lang>;
  /** Force English (a formal complaint's thread is written in English). */
  english?: boolean;
}

export function voiceCase(v: VoiceInput): Voiced {
  const { rng, customer: c, topic, script } = v;
  const lang: Lang = v.english ? 'en' : customerLanguage(rng, c, v.languages);
  const tone = pickTone(rng, script.mood);
  const picked = pickedCategory(rng, script.category);
  const slots = openingSlots(c, topic);
  const description = openingFor(rng, script.category, topic.kind, lang, tone, script.description, slots);
  const facts = (staff: 'agent' | 'senior'): CaseFacts => ({ customer: c, topic, agentName: staff === 'senior' ? v.seniorName : v.agentName, reference: v.reference, category: script.category });
  const styles = { agent: agentStyle(v.agentId), senior: agentStyle(v.seniorId) };

  let angryLeft = tone === 'angry' ? 1 : 0;
  let firstCustomer = true;
  const local = lang === 'en' ? null : LOCAL[lang];
  const body: Line[] = script.body.map((line, i) => {
    const staff = line.who === 'agent' ? 'agent' : line.who === 'senior' ? 'senior' : null;
    if (staff) return staffLine(rng, line, lang, styles[staff], facts(staff), staff === 'senior' && line.pace === 'handover' ? (v.seniorName.split(' ')[0] ?? v.seniorName) : null, c.firstName);
    if (line.who !== 'customer') return line;
    let text = line.text;
    if (local) {
      const last = !script.body.slice(i + 1).some((l) => l.who === 'customer');
      text = line.pace === 'wait' ? rng.pick(local.customerDone) : firstCustomer ? rng.pick(local.followUps[script.category]) : last ? rng.pick(local.customerThanks) : rng.pick(local.customerAcks);
    }
    firstCustomer = false;
    if (angryLeft > 0 && line.pace !== 'wait' && rng.chance(0.8)) {
      angryLeft--;
      text = `${text} ${angryLater(rng, lang)}`;
    }
    return { ...line, text };
  });

  return {
    lang,
    tone,
    picked,
    script: {
      ...script,
      description,
      body,
      ack: local ? rng.pick(local.acks) : script.ack,
      // The rating still follows how the case went (script.mood), not the tone the customer wrote in.
      waitingLine: script.waitingLine && local ? rng.pick(local.waitingLines) : script.waitingLine,
    },
  };
}

/** An agent's line: the canned reply that fits (by the agent's habit), else their own words. */
function staffLine(rng: Rng, line: Line, lang: Lang, style: AgentStyle, facts: CaseFacts, handoverSenior: string | null, firstName: string): Line {
  const choice = style.prefersAlt && line.altCanned ? line.altCanned : (line.canned ?? (line.altCanned && rng.chance(0.3) ? line.altCanned : undefined));
  const local = lang === 'en' ? null : LOCAL[lang];
  const greeting = handoverSenior && local ? `${local.seniorGreet(firstName, handoverSenior)} ` : '';
  const filled = choice ? filledCanned(choice, lang, facts) : null;
  if (choice && filled && rng.chance(style.cannedShare)) {
    // Most send it as filled; some add a word of their own, which keeps it the same reply.
    const text = `${greeting}${rng.chance(0.2) ? `${rng.pick(EDIT_PREFIX[lang])} ` : ''}${filled}`;
    return { ...line, text, shortcut: recordedShortcut(text, choice, filled) ?? undefined };
  }
  if (!local) return line;
  // Their own words in the customer's language: the gist of the reply that fits (its first
  // sentence, which the 60% rule does not count as the reply unless it is most of it), else a
  // short answer of their own.
  if (choice && filled) {
    const text = `${greeting}${rng.pick(EDIT_PREFIX[lang])} ${firstSentence(filled)}`;
    return { ...line, text, shortcut: recordedShortcut(text, choice, filled) ?? undefined };
  }
  if (greeting) return { ...line, text: `${greeting}${local.seniorOwn}` };
  return { ...line, text: line.pace === 'lookup' ? rng.pick(local.agentLookup) : rng.pick(local.agentOwn) };
}

const firstSentence = (text: string): string => /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;

const EDIT_PREFIX: Record<Lang, readonly string[]> = {
  en: ['Thanks for waiting!', 'Thanks for your patience.', 'I\'ve checked.'],
  de: ['Danke für Ihre Geduld!', 'Ich habe nachgesehen.'],
  sv: ['Tack för att du väntade!', 'Jag har kollat.'],
};

function openingSlots(c: DemoCustomer, topic: Topic) {
  const order = 'order' in topic ? topic.order : null;
  const amountMinor = 'txn' in topic ? topic.txn.amount_minor : 'inst' in topic ? topic.inst.row.amount_minor : null;
  return { merchant: order?.row.merchant ?? null, order: order?.row.order_number ?? null, amount: amountMinor === null ? null : moneyText(c, amountMinor) };
}

/** Which local lines a thread uses (null for English). */
export const localOf = (lang: Lang): (typeof LOCAL)[LocalLang] | null => (lang === 'en' ? null : LOCAL[lang]);
