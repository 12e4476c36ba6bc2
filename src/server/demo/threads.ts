/**
 * Category-true conversation scripts for the seeded history. A script is written from what
 * the customer's data looked like at the moment they got in touch (`env.at`), quoting their
 * real orders, amounts (in their locale) and dates. English text in every market.
 */
import type { Category, Priority } from '../../shared/domain';
import { maskedCard } from '../../shared/card-mask';
import { formatMoney } from '../../shared/money';
import type { DemoCustomer, DemoInstallment, DemoOrder, DemoReturn } from './commerce';
import type { Rng } from './rng';
import { REJECTION_REASONS, VERIFICATION_FAILURE_REASONS, type IncidentSpec } from './world-catalog';
import type { PaymentMethodDbRow, TransactionDbRow } from './world-rows';
import { addDays, DAY_MS, localDate } from './zoned-time';

export type Speaker = 'customer' | 'agent' | 'senior' | 'supervisor' | 'system' | 'note' | 'seniorNote' | 'supervisorNote';

/**
 * How long after the previous line this one comes: `reply` a normal turn, `lookup` an agent
 * checking systems, `follow` a second line by the same author, `wait` the customer doing
 * something (retrying, checking the app), `handover` the wait for a senior agent.
 */
export type Pace = 'reply' | 'lookup' | 'follow' | 'wait' | 'handover';

export interface Line {
  who: Speaker;
  text: string;
  pace?: Pace;
  /** Small talk that only makes sense live (dropped from email threads). */
  chatOnly?: boolean;
  /**
   * The canned reply (shortcut) an agent would send here instead of writing this line; whether
   * they do depends on the agent (history.ts, canned-use.ts). A second one is some agents' pick.
   */
  canned?: string;
  altCanned?: string;
  /** Set by case-voice.ts when the line is sent as that canned reply (recorded on the message). */
  shortcut?: string;
}

export interface Script {
  category: Category;
  /** The pre-chat description: the customer's first message and the ticket's subject. */
  description: string;
  orderNumber: string | null;
  /** What the agent says right after the greeting in the first response. */
  ack: string;
  body: Line[];
  /** One line for a phone call's summary note. */
  summary: string;
  /** 2 when the body hands the case to a senior agent. */
  tier: 1 | 2;
  priority: Priority;
  mood: 'happy' | 'neutral' | 'unhappy';
  /** What the customer adds while waiting in the queue. */
  waitingLine?: string;
}

export interface DemoIncident {
  spec: IncidentSpec;
  id: string;
  startedMs: number;
  resolvedMs: number | null;
}

/** What a ticket is about: the candidates the history generator picks from. */
export type Topic =
  | { kind: 'pd_transfer'; order: DemoOrder; inst: DemoInstallment; txn: TransactionDbRow }
  | { kind: 'pd_ledger'; order: DemoOrder; inst: DemoInstallment; txn: TransactionDbRow; incident: DemoIncident }
  | { kind: 'av_identity' }
  | { kind: 'av_bank'; pm: PaymentMethodDbRow; incident: DemoIncident | null }
  | { kind: 'av_pending' }
  | { kind: 'av_start' }
  | { kind: 'rr_return'; order: DemoOrder; ret: DemoReturn }
  | { kind: 'rr_howto'; order: DemoOrder }
  | { kind: 'mp_failed'; order: DemoOrder; inst: DemoInstallment }
  | { kind: 'mp_fee'; order: DemoOrder; inst: DemoInstallment }
  | { kind: 'mp_hardship'; order: DemoOrder; inst: DemoInstallment }
  | { kind: 'tg_incident'; incident: DemoIncident }
  | { kind: 'tg_device' }
  | { kind: 'other' };

export interface ScriptEnv {
  rng: Rng;
  customer: DemoCustomer;
  /** When the customer got in touch. */
  at: number;
  agent: string;
  senior: string;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** "12 March" (or "March 12" for US customers) in the customer's zone. */
export function dayText(customer: DemoCustomer, ms: number): string {
  const lang = customer.row.locale === 'en-US' ? 'en-US' : 'en-GB';
  const key = `${lang}|${customer.row.time_zone}`;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: customer.row.time_zone });
    dateFormatters.set(key, f);
  }
  return f.format(ms);
}

/** The same for a calendar date (`YYYY-MM-DD`). */
export function dateText(customer: DemoCustomer, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lang = customer.row.locale === 'en-US' ? 'en-US' : 'en-GB';
  const key = `${lang}|UTC`;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    dateFormatters.set(key, f);
  }
  return f.format(Date.UTC(y, m - 1, d, 12));
}

export const moneyText = (customer: DemoCustomer, minor: number): string => formatMoney(minor, customer.row.currency, customer.row.locale);

function businessDaysLater(customer: DemoCustomer, ms: number, days: number): string {
  let date = localDate(ms, customer.row.time_zone);
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return dateText(customer, date);
}

function methodText(pm: PaymentMethodDbRow): string {
  return pm.kind === 'card' ? `${pm.brand} card ${maskedCard(pm.last4)}` : `${pm.brand} account ending ${pm.last4}`;
}

const ORDINALS = ['', 'first', 'second', 'third', 'fourth'];
const COUNTS = ['', 'one', 'two', 'three', 'four'];

function installmentText(order: DemoOrder, inst: DemoInstallment): string {
  const count = order.installments.length;
  if (count === 1) return 'the payment';
  if (count <= 4) return `the ${ORDINALS[inst.row.number]} of ${COUNTS[count]} payments`;
  return `payment ${inst.row.number} of ${count}`;
}

function itemText(order: DemoOrder): string {
  const first = order.items[0];
  if (!first) return 'order';
  return order.items.length === 1 ? first.name.toLowerCase() : `${first.name.toLowerCase()} and ${order.items.length - 1} more item${order.items.length > 2 ? 's' : ''}`;
}

/** Writes the script for a topic. */
export function writeScript(topic: Topic, env: ScriptEnv): Script {
  switch (topic.kind) {
    case 'pd_transfer':
      return paymentInTransit(env, topic.order, topic.inst, topic.txn);
    case 'pd_ledger':
      return paymentLedgerDelay(env, topic.order, topic.inst, topic.txn, topic.incident);
    case 'av_identity':
      return identityCheck(env);
    case 'av_bank':
      return bankLinking(env, topic.pm, topic.incident);
    case 'av_pending':
      return verificationPending(env);
    case 'av_start':
      return verificationHowTo(env);
    case 'rr_return':
      return returnStatus(env, topic.order, topic.ret);
    case 'rr_howto':
      return returnHowTo(env, topic.order);
    case 'mp_failed':
      return missedPayment(env, topic.order, topic.inst);
    case 'mp_fee':
      return lateFee(env, topic.order, topic.inst);
    case 'mp_hardship':
      return hardship(env, topic.order, topic.inst);
    case 'tg_incident':
      return knownIncident(env, topic.incident);
    case 'tg_device':
      return deviceTrouble(env);
    case 'other':
      return otherQuestion(env);
    default: {
      const never: never = topic;
      throw new Error(`unknown topic ${(never as { kind: string }).kind}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// payment delay

function paymentInTransit(env: ScriptEnv, order: DemoOrder, inst: DemoInstallment, txn: TransactionDbRow): Script {
  const { rng, customer: c } = env;
  const amount = moneyText(c, txn.amount_minor);
  const created = Date.parse(txn.created_at);
  const paidOn = dayText(c, created);
  const due = dateText(c, inst.row.due_date);
  const expected = businessDaysLater(c, created, 3);
  const body: Line[] = [];
  let description: string;
  const beforeDue = created < inst.collectMs;
  if (txn.rail === 'direct_debit') {
    description = rng.pick([
      `The money for my ${order.row.merchant} payment has already left my bank account but the app doesn't show it as paid.`,
      `My direct debit for order ${order.row.order_number} still says scheduled. Has it gone through?`,
      `Was my payment for ${order.row.merchant} taken? My bank shows ${amount} reserved but your app says nothing.`,
    ]);
    body.push(
      { who: 'agent', pace: 'lookup', text: `Thanks for waiting, ${c.firstName}. I can see the direct debit of ${amount} for ${installmentText(order, inst)} on your ${order.row.merchant} order (${order.row.order_number}). It was started on ${paidOn} from your ${methodText(order.method)}.` },
      { who: 'agent', pace: 'follow', canned: 'pd-bank-times', text: `A direct debit is collected on the due date, ${due}, and shows as paid as soon as your bank confirms it, usually the same day or the next business day. Your bank reserves the money in the meantime, which is what you're seeing.` },
      { who: 'customer', text: rng.pick(['So I don\'t need to do anything?', 'Ok, so I shouldn\'t pay it manually?', 'Alright. It won\'t be taken twice?']) },
      { who: 'agent', text: 'That\'s right: there is nothing to do, and it will only be collected once. If the collection ever fails, we email you straight away and you can pay in the app instead.' },
      { who: 'customer', text: rng.pick(['Perfect, thank you.', 'Great, that\'s a relief.', 'Ok thanks for explaining!']) },
    );
  } else {
    description = rng.pick([
      `I paid ${amount} by bank transfer on ${paidOn} for my ${order.row.merchant} order but the app still shows it as unpaid.`,
      `Hi, I made a payment on ${paidOn} and it's not showing up. Order ${order.row.order_number}.`,
      `My payment of ${amount} hasn't been registered yet even though it's already left my bank account.`,
      `I transferred the money for my ${order.row.merchant} installment and it still says not paid. Did you get it?`,
    ]);
    body.push(
      { who: 'agent', pace: 'lookup', canned: 'pd-processing', altCanned: 'pd-bank-times', text: `Thanks for waiting. I can see the bank transfer of ${amount} you started on ${paidOn} for ${installmentText(order, inst)} on your ${order.row.merchant} order (${order.row.order_number}). It's on its way; the banks are still processing it.` },
      { who: 'agent', pace: 'follow', text: `Bank transfers usually take 1-3 business days to reach us, so I'd expect it to show as paid by ${expected} at the latest. You don't need to pay again.` },
    );
    const worry = rng.weighted([['fee', 45], ['slow', 30], ['fine', 25]] as const);
    if (worry === 'fee') {
      body.push({ who: 'customer', text: `Ok. Will I get a late fee? It was due on ${due}.` });
      if (beforeDue) body.push({ who: 'agent', canned: 'pd-no-fee', text: 'No. You paid before the due date, so no late fee is added while the transfer is on its way.' });
      else {
        body.push({ who: 'agent', text: 'As long as the transfer arrives within 10 days of the due date, no late fee is added. I\'ve also noted on your account that you have paid, so no reminders go out meanwhile.' });
        body.push({ who: 'note', pace: 'follow', text: `Customer paid ${amount} by bank transfer on ${paidOn} (ref ${txn.reference}), still pending. Told no late fee while in transit; please don't chase.` });
      }
    } else if (worry === 'slow') {
      body.push({ who: 'customer', text: 'Why does it take so long? The money left my account already.' });
      body.push({ who: 'agent', canned: 'pd-bank-times', text: 'Transfers go through your bank\'s and our bank\'s clearing, which only runs on business days. Paying by card in the app shows up instantly, if you\'d like to use that next time.' });
    }
    body.push({ who: 'customer', text: rng.pick(['Great, thanks for checking!', 'Ok, I\'ll wait a couple of days then.', 'Thanks, that helps.']) });
  }
  return {
    category: 'payment_delay',
    description,
    orderNumber: order.row.order_number,
    ack: rng.pick(['Sorry to hear that, let me check the payment for you.', 'Let me look that payment up.', 'I\'ll check what\'s happening with that payment.']),
    body,
    summary: `${txn.rail === 'direct_debit' ? 'Direct debit' : 'Bank transfer'} of ${amount} for ${order.row.order_number} pending since ${paidOn}; explained processing time, no action needed.`,
    tier: 1,
    priority: 'normal',
    mood: 'happy',
    waitingLine: rng.chance(0.5) ? `It's for order ${order.row.order_number}.` : undefined,
  };
}

function paymentLedgerDelay(env: ScriptEnv, order: DemoOrder, inst: DemoInstallment, txn: TransactionDbRow, incident: DemoIncident): Script {
  const { rng, customer: c } = env;
  const amount = moneyText(c, txn.amount_minor);
  return {
    category: 'payment_delay',
    description: rng.pick([
      `I just paid ${amount} with my card but the installment still shows as unpaid.`,
      `Paid my ${order.row.merchant} installment in the app and it still says due. Was I charged?`,
    ]),
    orderNumber: order.row.order_number,
    ack: 'Let me check that for you.',
    body: [
      { who: 'agent', pace: 'lookup', text: `Your card payment of ${amount} for ${installmentText(order, inst)} on order ${order.row.order_number} went through on our side. We currently have a delay in updating payment statuses in the app (${incident.spec.errorCode}), so it isn't shown as paid yet.` },
      { who: 'customer', text: 'Ok, I was worried I had to pay twice.' },
      { who: 'agent', text: 'No need, you\'ve only been charged once and there is nothing else to do. It will show as paid once the delay is cleared, and no late fee applies.' },
      { who: 'note', pace: 'follow', text: `Linked to incident ${incident.spec.errorCode}. Payment ${txn.reference} settled.` },
      { who: 'customer', text: 'Thanks for the quick answer.' },
    ],
    summary: `Card payment ${txn.reference} settled but not shown (incident ${incident.spec.errorCode}); reassured customer.`,
    tier: 1,
    priority: 'normal',
    mood: 'happy',
  };
}

// ---------------------------------------------------------------------------------------------
// account verification

const VERIFICATION_TIPS: Record<string, string> = {
  'ID document photo was blurry or cut off': 'Please take the photo in good light, hold the phone steady, and make sure all four corners of the document are visible.',
  'Name on the bank account does not match the ID': 'The name on your bank account has to match the name on your ID. If you changed your name recently, please use the ID that matches your bank.',
  'ID document has expired': 'The document needs to be valid: an expired passport or ID card can\'t be accepted. A valid driving licence works too.',
  'Selfie did not match the ID photo': 'For the selfie, please take off glasses or a hat and face the camera in good, even light.',
  'Bank login timed out before consent was given': 'The bank login timed out before you gave consent. It helps to have your bank\'s app open and ready before you start.',
  'Address could not be confirmed': 'Please enter your address exactly as it\'s registered with your bank, including the flat or apartment number.',
};

function identityCheck(env: ScriptEnv): Script {
  const { rng, customer: c } = env;
  const account = c.account;
  const attempts = Math.max(1, account.verification_attempts);
  const reason = account.verification_failure_reason ?? rng.pick(VERIFICATION_FAILURE_REASONS);
  const escalate = attempts >= 3 && rng.chance(0.7);
  const body: Line[] = [
    { who: 'agent', pace: 'lookup', text: `I can see ${attempts === 1 ? 'one verification attempt' : `${attempts === 2 ? 'two' : attempts === 3 ? 'three' : 'several'} verification attempts`} on your account. The last one didn't go through because: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.` },
    { who: 'agent', pace: 'follow', canned: 'av-tips', text: VERIFICATION_TIPS[reason] ?? 'Please try again with a valid passport or national ID card.' },
  ];
  if (escalate) {
    body.push(
      { who: 'customer', text: rng.pick(['I\'ve done all of that already, several times.', 'That\'s exactly what I did. It still fails.']) },
      { who: 'agent', text: 'I\'m sorry it\'s been such a hassle. As you\'ve tried several times, I\'ll ask a senior colleague to review your documents manually.' },
      { who: 'note', pace: 'follow', text: `Escalated to senior: ${attempts} failed ID checks (${reason}), customer has followed the tips. Manual review needed.` },
      { who: 'system', pace: 'follow', text: 'A senior agent will take over your case; your reference stays the same.' },
      { who: 'senior', pace: 'handover', canned: 'av-manual-review', text: `Hi ${c.firstName}, ${env.senior} here. I've looked at your attempts and opened a manual review with our verification team. You'll get an email within 1 business day, and you don't need to upload anything else.` },
      { who: 'customer', text: 'Thank you, that\'s a relief.' },
      { who: 'seniorNote', pace: 'follow', text: `Manual ID review requested with the verification team after ${attempts} failed attempts.` },
    );
  } else {
    body.push(
      { who: 'customer', text: rng.pick(['Ok, I\'ll try again with my passport.', 'Ah, I see. Let me try again now.', 'Ok, I\'ll give it another go.']) },
      { who: 'agent', text: 'Sure, go ahead while we\'re chatting if you like.', chatOnly: true },
      { who: 'customer', pace: 'wait', text: rng.pick(['Just did it again and now it says "in review"!', 'Done. It says my documents are being checked.']), chatOnly: true },
      { who: 'agent', text: 'That\'s what we want to see. Reviews usually finish within a few minutes, at most 24 hours, and you\'ll get an email when it\'s done.' },
    );
  }
  return {
    category: 'account_verification',
    description: rng.pick([
      'My ID verification keeps failing and I don\'t know why.',
      `I've tried to verify my identity ${attempts > 1 ? 'several times' : 'but'} it just says failed.`,
      'The app won\'t accept my ID photo.',
      'Why does my verification fail? I want to use pay in 4.',
    ]),
    orderNumber: null,
    ack: 'Let me check your verification for you.',
    body,
    summary: escalate ? `${attempts} failed ID checks (${reason}); manual review requested.` : `ID check failed (${reason}); explained how to retry.`,
    tier: escalate ? 2 : 1,
    priority: escalate ? 'high' : 'normal',
    mood: escalate ? 'neutral' : 'happy',
    waitingLine: rng.chance(0.3) ? 'It\'s really annoying.' : undefined,
  };
}

function bankLinking(env: ScriptEnv, pm: PaymentMethodDbRow, incident: DemoIncident | null): Script {
  const { rng, customer: c } = env;
  const reason = pm.last_decline_reason ?? 'Bank login timed out before consent was given';
  const body: Line[] = [
    { who: 'agent', pace: 'lookup', text: `I can see the attempt to link your ${pm.brand} account ending ${pm.last4} didn't complete: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.` },
  ];
  if (incident) body.push({ who: 'agent', pace: 'follow', text: `At that time ${incident.spec.explanation} (${incident.spec.errorCode}). That's fixed now, so please try once more.` });
  body.push(
    { who: 'agent', pace: 'follow', canned: 'av-bank-link', text: 'You can try again under Profile > Payment methods > Add bank account. If the bank login keeps failing, choose "Add manually" and we\'ll verify the account with two small deposits within 1-2 business days.' },
  );
  if (rng.chance(0.5)) {
    body.push(
      { who: 'customer', text: 'I\'ll try the manual option. Do the deposits come back out of my account?' },
      { who: 'agent', text: `No, ${c.firstName}, the two small deposits are yours to keep. Once they arrive, enter the two amounts in the app and the account is linked.` },
    );
  } else {
    body.push(
      { who: 'customer', text: 'Ok, I\'ll try again tonight.' },
      { who: 'agent', text: `Sounds good, ${c.firstName}. Evenings are usually quieter at the banks, so it should go through.` },
    );
  }
  body.push({ who: 'customer', text: 'Great, thanks.' });
  return {
    category: 'account_verification',
    description: rng.pick([
      'I can\'t link my bank account, it just says something went wrong.',
      `Adding my ${pm.brand} account fails every time.`,
      incident ? `Linking my bank fails with error ${incident.spec.errorCode}.` : 'My bank account won\'t connect to the app.',
    ]),
    orderNumber: null,
    ack: 'Let me check what happened with the bank link.',
    body,
    summary: `Bank linking for ${pm.brand} failed (${reason}); explained retry and manual verification.`,
    tier: 1,
    priority: 'normal',
    mood: 'happy',
  };
}

function verificationPending(env: ScriptEnv): Script {
  const { rng, customer: c } = env;
  return {
    category: 'account_verification',
    description: rng.pick([
      'I sent my documents a few days ago. How long does verification take?',
      'My account has said "verification pending" since I signed up.',
      'Is my ID check done yet? I want to buy something this weekend.',
    ]),
    orderNumber: null,
    ack: 'Let me look at your verification status.',
    body: [
      { who: 'agent', pace: 'lookup', canned: 'av-in-review', text: 'Your documents have arrived and are in review. Most reviews finish within 24 hours, but some need a manual check by our team, which can take up to 2 business days.' },
      { who: 'customer', text: 'Can you speed it up?' },
      { who: 'agent', text: `I've added a note asking the team to prioritise it, ${c.firstName}. You'll get an email as soon as it's done, and you can shop straight away after that.` },
      { who: 'note', pace: 'follow', text: 'Customer asking for an update on the ID review; flagged for priority review.' },
      { who: 'customer', text: rng.pick(['Ok, thank you.', 'Thanks!']) },
    ],
    summary: 'ID review pending; asked the verification team to prioritise.',
    tier: 1,
    priority: 'normal',
    mood: 'neutral',
  };
}

function verificationHowTo(env: ScriptEnv): Script {
  const { rng } = env;
  return {
    category: 'account_verification',
    description: rng.pick(['How do I verify my account? I want to use pay in 4.', 'What do I need to verify my identity?']),
    orderNumber: null,
    ack: 'Happy to help with that!',
    body: [
      { who: 'agent', altCanned: 'av-tips', text: 'In the app, go to Profile > Verify identity. You\'ll need a valid passport or national ID card, and you\'ll take a quick selfie. It takes about three minutes.' },
      { who: 'customer', text: 'Do I have to link my bank too?' },
      { who: 'agent', text: 'Not for your first purchase, you can pay by card. Linking your bank lets you use direct debit later on.' },
      { who: 'customer', text: rng.pick(['Ok, thanks!', 'Perfect, I\'ll do it now.']) },
    ],
    summary: 'Explained how to verify identity.',
    tier: 1,
    priority: 'low',
    mood: 'happy',
  };
}

// ---------------------------------------------------------------------------------------------
// refund / return

function returnStatus(env: ScriptEnv, order: DemoOrder, ret: DemoReturn): Script {
  const { rng, customer: c, at } = env;
  const merchant = order.row.merchant;
  const no = order.row.order_number;
  const refundAmount = moneyText(c, ret.row.refund_amount_minor);
  const stage = at < ret.shippedMs ? 'requested' : at < ret.receivedMs ? 'in_transit' : at < ret.decidedMs ? 'received' : ret.outcome;
  const next = order.installments.find((i) => i.row.status === 'paused' || (i.row.paid_at !== null && Date.parse(i.row.paid_at) > at) || i.row.status === 'scheduled');
  const body: Line[] = [];
  let description: string;
  let mood: Script['mood'] = 'happy';
  let priority: Priority = 'normal';
  let summary: string;
  if (stage === 'requested' || stage === 'in_transit') {
    description = rng.pick([
      `I've sent back my order from ${merchant} (${no}). Do I still have to pay the next installment?`,
      `I returned the ${itemText(order)} to ${merchant}. When do I get my money back?`,
      `I'm returning my ${merchant} order. What happens with my payments?`,
    ]);
    body.push({ who: 'agent', pace: 'lookup', text: `I can see the return for order ${no} was registered on ${dayText(c, ret.createdMs)}${stage === 'in_transit' ? ` and the parcel is on its way back to ${merchant}` : ''}.` });
    if (order.plan === 'pay_now') body.push({ who: 'agent', pace: 'follow', text: `You paid this order in full, so the refund of ${refundAmount} goes back to your ${methodText(order.method)}.` });
    else if (next) body.push({ who: 'agent', pace: 'follow', canned: 'rr-paused', text: `Your payments are paused while the return is handled, so the ${moneyText(c, next.row.amount_minor)} due on ${dateText(c, next.row.due_date)} won't be collected for now.` });
    body.push(
      { who: 'customer', text: 'And when will I get the refund?' },
      { who: 'agent', canned: 'rr-timeline', text: `Once ${merchant} confirms they've received the return, we process the refund within 1-2 business days. Card refunds can take another 3-5 business days to show on your statement.` },
      { who: 'customer', text: rng.pick(['Ok, great.', 'Perfect, thanks!', 'Good to know, thank you.']) },
    );
    summary = `Return for ${no} ${stage === 'requested' ? 'registered' : 'in transit'}; payments paused, explained refund timeline.`;
  } else if (stage === 'received') {
    description = rng.pick([
      `${merchant} confirmed they got my return days ago but I still have no refund.`,
      `Where is my refund for ${no}? The store has the parcel.`,
    ]);
    body.push(
      { who: 'agent', pace: 'lookup', canned: 'rr-timeline', text: `I can see ${merchant} received your return on ${dayText(c, ret.receivedMs)}. They still need to confirm the refund to us, which usually happens within 5 business days of receiving it.` },
      { who: 'agent', pace: 'follow', text: order.plan === 'pay_now' ? 'I\'ve sent them a reminder to confirm it.' : 'I\'ve sent them a reminder, and your payments stay paused in the meantime, so nothing will be collected.' },
      { who: 'note', pace: 'follow', text: `Sent ${merchant} a reminder to confirm the return on ${no}.` },
      { who: 'customer', text: 'Thanks, please keep me posted.' },
      { who: 'agent', text: 'You\'ll get an email from us as soon as the refund is processed.' },
    );
    mood = 'neutral';
    summary = `Return for ${no} received by ${merchant}, refund not yet confirmed; merchant reminded.`;
  } else if (stage === 'refunded') {
    const cash = ret.refund?.amount_minor ?? 0;
    if (ret.full) {
      description = rng.pick([`${merchant} says they refunded me but I can't see the money.`, `Where is my refund for order ${no}?`, `Is my return for ${no} done? The app still shows the order.`]);
      const offset = order.installments.filter((i) => i.payment?.rail === 'refund_offset').reduce((s, i) => s + i.row.amount_minor, 0);
      let text = `The return was accepted and the refund of ${refundAmount} was processed on ${dayText(c, ret.decidedMs)}.`;
      if (offset > 0) text += ` ${cash > 0 ? `${moneyText(c, offset)} of it` : 'All of it'} cleared your remaining payments, so there is nothing left to pay on this order.`;
      if (cash > 0) text += ` ${offset > 0 ? `The other ${moneyText(c, cash)}` : 'The full amount'} went back to your ${methodText(order.method)}.`;
      body.push({ who: 'agent', pace: 'lookup', text });
    } else {
      description = rng.pick([`I only got part of my money back for ${no}?`, `${merchant} refunded less than I paid. Why?`]);
      body.push({
        who: 'agent',
        pace: 'lookup',
        canned: 'rr-partial',
        text: `${merchant} refunded ${refundAmount} for the ${(ret.itemName ?? 'item').toLowerCase()}, which is the item you sent back, on ${dayText(c, ret.decidedMs)}. That goes back to your ${methodText(order.method)}; the rest of the order stays on your payment plan.`,
      });
    }
    if (cash > 0) {
      body.push(
        { who: 'agent', pace: 'follow', text: `Refunds to a ${order.method.kind === 'card' ? 'card' : 'bank account'} usually take 3-5 business days to appear, depending on your bank.` },
        { who: 'customer', text: rng.pick(['Ah ok, I\'ll wait a few more days then.', 'Makes sense, thanks!', 'Ok, I see it now in my banking app as pending.']) },
      );
    } else {
      body.push(
        { who: 'agent', pace: 'follow', text: 'So nothing comes back to your account: you simply don\'t pay the rest, and the order now shows as refunded in the app.' },
        { who: 'customer', text: 'Ah, so there\'s nothing more to pay. Great, thanks!' },
      );
    }
    summary = `Refund of ${refundAmount} for ${no} processed; explained card refund timing.`;
  } else {
    const why = rng.pick(REJECTION_REASONS);
    description = rng.pick([`Why was my return rejected? I sent back the ${itemText(order)}.`, `${merchant} rejected my return for ${no}. That's not fair.`]);
    body.push(
      { who: 'agent', pace: 'lookup', text: `I can see ${merchant} rejected the return on ${dayText(c, ret.decidedMs)}. The reason they gave is: ${why.toLowerCase()}.` },
      { who: 'agent', pace: 'follow', text: `Your payments have resumed as normal. If you disagree, you can open a dispute in the app under Purchases > ${no} > Report a problem, and we'll review it with ${merchant}; your payments are paused again while we do.` },
      {
        who: 'customer',
        text: why === 'Item returned used' ? 'I will, I sent it back exactly as I got it.' : why === 'Item missing from the parcel' ? 'I will. Everything was in the parcel, I\'m sure of it.' : 'I will. I posted it in time, I still have the receipt.',
      },
      { who: 'agent', text: 'I understand. Add photos or the return receipt if you have them, that helps us a lot.' },
    );
    mood = 'unhappy';
    priority = 'high';
    summary = `Return for ${no} rejected by ${merchant} (${why}); explained dispute.`;
  }
  return {
    category: 'refund_return',
    description,
    orderNumber: no,
    ack: rng.pick(['Let me check the return for you.', 'I\'ll look up that order.']),
    body,
    summary,
    tier: 1,
    priority,
    mood,
  };
}

function returnHowTo(env: ScriptEnv, order: DemoOrder): Script {
  const { rng, customer: c } = env;
  const no = order.row.order_number;
  return {
    category: 'refund_return',
    description: rng.pick([`How do I return something I bought from ${order.row.merchant}?`, `I want to return my ${itemText(order)}. How does it work with my payments?`]),
    orderNumber: no,
    ack: 'Sure, I can help with that.',
    body: [
      { who: 'agent', pace: 'lookup', canned: 'rr-how', text: `Returns go through ${order.row.merchant} directly, so please follow their return instructions. The return window for order ${no} ends on ${dayText(c, Date.parse(order.row.return_window_ends_at))}.` },
      { who: 'agent', pace: 'follow', text: 'Once they register the return, we pause your payments automatically. You can also report it in the app under Purchases > Report a return, and we pause them straight away.' },
      { who: 'customer', text: 'Do I get the whole amount back?' },
      { who: 'agent', text: `For everything you send back, yes. If you return the whole order, you get back what you've paid so far and the remaining payments are cancelled.` },
      { who: 'customer', text: rng.pick(['Great, thanks!', 'Perfect, that\'s easy.']) },
    ],
    summary: `Explained returns for ${no}.`,
    tier: 1,
    priority: 'low',
    mood: 'happy',
  };
}

// ---------------------------------------------------------------------------------------------
// missed payment

function failedBefore(inst: DemoInstallment, at: number): TransactionDbRow[] {
  return inst.failed.filter((f) => Date.parse(f.created_at) < at);
}

function missedPayment(env: ScriptEnv, order: DemoOrder, inst: DemoInstallment): Script {
  const { rng, customer: c, at } = env;
  const amount = moneyText(c, inst.row.amount_minor);
  const due = dateText(c, inst.row.due_date);
  const failed = failedBefore(inst, at);
  const last = failed[failed.length - 1];
  const reason = last?.failure_reason ?? 'Insufficient funds';
  const graceEnd = dayText(c, inst.collectMs + 10 * DAY_MS);
  const body: Line[] = [
    { who: 'agent', pace: 'lookup', text: `I can see ${installmentText(order, inst)} for your ${order.row.merchant} order, ${amount}, was due on ${due}. The collection ${last ? `on ${dayText(c, Date.parse(last.created_at))} ` : ''}was declined with the reason "${reason}".` },
  ];
  if (reason === 'Card expired') body.push({ who: 'agent', pace: 'follow', text: 'The card on file has expired, so please add your new card under Profile > Payment methods.' });
  else if (reason.startsWith('Authentication')) body.push({ who: 'agent', pace: 'follow', text: 'Your bank asked for a 3-D Secure confirmation that we can\'t do for automatic collections, so the easiest is to pay it yourself in the app.' });
  body.push({ who: 'agent', pace: 'follow', canned: 'mp-options', text: `You can pay it now in the app under Payments > Pay now. If it's paid by ${graceEnd}, no late fee is added.` });
  const plan = rng.weighted([['payday', 45], ['now', 35], ['extend', 20]] as const);
  if (plan === 'payday') {
    body.push(
      { who: 'customer', text: 'I get paid on Friday, can I pay then?' },
      { who: 'agent', text: `Friday is fine. Just make sure it's paid by ${graceEnd}, then there's no late fee and nothing goes on your account.` },
    );
  } else if (plan === 'now') {
    body.push(
      { who: 'customer', text: 'Ok, I\'ll do that today.' },
      { who: 'agent', text: 'Great. It shows as paid straight away when you pay by card.' },
    );
  } else {
    body.push(
      { who: 'customer', text: 'Can you move the due date? Money is tight this week.' },
      { who: 'agent', canned: 'mp-extend', text: `I understand. You can extend the due date once by up to 14 days, free of charge, in the app under Payments > ${order.row.merchant} > Extend due date. That stops reminders as well.` },
      { who: 'customer', text: 'Oh, I didn\'t know that. I\'ll do it now.', pace: 'reply' },
    );
  }
  body.push({ who: 'customer', text: rng.pick(['Thanks for your help.', 'Ok, thank you!', 'Thanks, that\'s clear.']) });
  return {
    category: 'missed_payment',
    description: rng.pick([
      'I got an email saying my payment failed. What happens now?',
      `I missed my payment for ${order.row.merchant}, can I still pay?`,
      'Why did my payment fail? There\'s money on my card.',
      `My installment of ${amount} didn't go through.`,
    ]),
    orderNumber: order.row.order_number,
    ack: 'Let me look at your payments.',
    body,
    summary: `Installment ${inst.row.number} of ${order.row.order_number} (${amount}) declined: ${reason}. Explained options and grace period.`,
    tier: 1,
    priority: 'high',
    mood: 'happy',
    waitingLine: rng.chance(0.3) ? 'I don\'t want a late fee.' : undefined,
  };
}

function lateFee(env: ScriptEnv, order: DemoOrder, inst: DemoInstallment): Script {
  const { rng, customer: c, at } = env;
  const fee = moneyText(c, inst.row.late_fee_minor);
  const amount = moneyText(c, inst.row.amount_minor);
  const paidBefore = inst.row.paid_at !== null && Date.parse(inst.row.paid_at) < at;
  const body: Line[] = [
    { who: 'agent', pace: 'lookup', canned: 'mp-late-fee', text: `The payment of ${amount} due on ${dateText(c, inst.row.due_date)} for your ${order.row.merchant} order couldn't be collected, and a late fee is added when an installment is still unpaid 10 days after the due date.${paidBefore && inst.row.paid_at ? ` It was then paid on ${dayText(c, Date.parse(inst.row.paid_at))}.` : ''}` },
    { who: 'customer', text: rng.pick(['I was on holiday and didn\'t see the emails. Can you remove it just this once?', 'I never got a reminder! Can you take the fee off?']) },
  ];
  const goodwill = rng.chance(0.55);
  let tier: 1 | 2 = 1;
  let mood: Script['mood'] = 'neutral';
  if (goodwill) {
    tier = 2;
    body.push(
      { who: 'agent', text: 'As it\'s the first time this has happened, I\'ll ask a senior colleague to look at a goodwill waiver.' },
      { who: 'note', pace: 'follow', text: `Escalated to senior: first late fee (${fee}) on ${order.row.order_number}, customer asks for goodwill waiver.` },
      { who: 'system', pace: 'follow', text: 'A senior agent will take over your case; your reference stays the same.' },
      { who: 'senior', pace: 'handover', text: `Hi ${c.firstName}, ${env.senior} here. I've checked your history: you've always paid on time before, so I've requested a goodwill refund of the ${fee} fee. You'll see it back within 5 business days.` },
      { who: 'customer', text: 'Thank you so much!' },
      { who: 'seniorNote', pace: 'follow', text: `Goodwill refund of the late fee requested (first late payment).` },
    );
    mood = 'happy';
  } else {
    body.push(
      { who: 'agent', text: 'I\'m sorry, I\'m not able to remove it, as reminders went out by email and in the app. What I can do is switch on SMS reminders too, so this doesn\'t happen again.' },
      { who: 'customer', text: 'Fine, please do.' },
      { who: 'agent', text: 'Done! You\'ll get a text two days before each payment from now on.' },
    );
  }
  return {
    category: 'missed_payment',
    description: rng.pick([`Why have I been charged a late fee of ${fee}?`, `There's a ${fee} late fee on my ${order.row.merchant} order. Why?`]),
    orderNumber: order.row.order_number,
    ack: 'Let me check that fee for you.',
    body,
    summary: `Late fee ${fee} on ${order.row.order_number} explained${goodwill ? '; goodwill waiver requested' : ''}.`,
    tier,
    priority: 'normal',
    mood,
  };
}

function hardship(env: ScriptEnv, order: DemoOrder, inst: DemoInstallment): Script {
  const { rng, customer: c, at } = env;
  const unpaid = c.orders.flatMap((o) => o.installments).filter((i) => i.collectMs <= at && (i.row.paid_at === null || Date.parse(i.row.paid_at) > at));
  const list = unpaid.length > 0 ? unpaid : [inst];
  const sum = moneyText(c, list.reduce((s, i) => s + i.row.amount_minor, 0));
  const why = rng.pick(['lost job', 'reduced hours', 'illness in the family', 'unexpected bills']);
  return {
    category: 'missed_payment',
    description: rng.pick([
      'I lost my job last month and I can\'t pay my installments right now.',
      'I\'m struggling to pay this month. What can I do?',
      'I\'ve had some unexpected bills and can\'t make my payments. Please help.',
    ]),
    orderNumber: order.row.order_number,
    ack: `Thank you for telling me, ${c.firstName}, and I'm sorry you're going through this. Let me see what we can do.`,
    body: [
      { who: 'agent', pace: 'lookup', text: `You have ${list.length === 1 ? 'one payment' : `${list.length === 2 ? 'two' : list.length === 3 ? 'three' : 'several'} payments`} that couldn't be collected, ${sum} in total.` },
      { who: 'agent', pace: 'follow', canned: 'mp-hardship', text: 'I\'m going to pass you to a specialist colleague who can set up a payment plan with you. While we do that, we won\'t add late fees or send anything to collections.' },
      { who: 'note', pace: 'follow', text: `Escalated to senior: customer reports financial difficulty (${why}). ${sum} outstanding.` },
      { who: 'system', pace: 'follow', text: 'A senior agent will take over your case; your reference stays the same.' },
      { who: 'senior', pace: 'handover', text: `Hi ${c.firstName}, ${env.senior} here. I can pause collection for 30 days and then split what's outstanding into smaller monthly amounts. Would that work for you?` },
      { who: 'customer', text: rng.pick(['Yes, that would really help.', 'Yes please. Thank you for understanding.']) },
      { who: 'senior', text: 'Done. You\'ll get an email with the details today, and I\'ve noted on your account that you\'re in a payment arrangement, so no reminders will go out.' },
      { who: 'seniorNote', pace: 'follow', text: `Hardship (${why}): 30-day collection hold agreed, repayment plan to follow by email.` },
      { who: 'customer', text: 'Thank you.' },
    ],
    summary: `Financial difficulty (${why}); ${sum} outstanding, 30-day hold and repayment plan agreed.`,
    tier: 2,
    priority: 'high',
    mood: 'happy',
  };
}

// ---------------------------------------------------------------------------------------------
// technical glitch

const INCIDENT_OPENINGS: Record<string, readonly string[]> = {
  'PAY-3DS-504': ['My card payment keeps failing with error PAY-3DS-504.', 'I try to pay in the app and it times out at the bank check.'],
  'AUTH-LOOP-401': ['The app keeps sending me back to the login screen.', 'I log in and it just asks me to log in again. Error AUTH-LOOP-401.'],
  'LEDGER-SYNC-DELAY': ['I paid but the app still shows my payment as unpaid.', 'My payment isn\'t showing in the app.'],
  'OB-LINK-503': ['Linking my bank fails with error OB-LINK-503.', 'I can\'t connect my bank, it says service unavailable.'],
  'APP-IOS-TIMEOUT': ['My purchases won\'t load on my iPhone.', 'The purchases page just spins forever.'],
  'CHK-SPIN-408': ['Checkout just keeps spinning and never finishes.', 'I\'m trying to pay at a web shop and your checkout won\'t load.'],
};

const WORKAROUNDS: Record<string, string> = {
  'PAY-3DS-504': 'pay on our website instead, which isn\'t affected',
  'AUTH-LOOP-401': 'log in on our website instead',
  'LEDGER-SYNC-DELAY': 'rest assured your payment has arrived even if it isn\'t shown yet',
  'OB-LINK-503': 'pay by card for now and link your bank later',
  'APP-IOS-TIMEOUT': 'see your purchases on our website',
  'CHK-SPIN-408': 'try again a little later or choose another payment option at the shop',
};

function knownIncident(env: ScriptEnv, incident: DemoIncident): Script {
  const { rng, customer: c, at } = env;
  const code = incident.spec.errorCode;
  const fixedSoon = incident.resolvedMs !== null && incident.resolvedMs - at < 6 * 3_600_000;
  const device = c.device;
  return {
    category: 'technical_glitch',
    description: rng.pick(INCIDENT_OPENINGS[code] ?? ['The app shows an error.']),
    orderNumber: null,
    ack: 'Thanks for reporting this.',
    body: [
      { who: 'agent', pace: 'lookup', canned: 'tg-incident', text: `We're aware of an issue right now: ${incident.spec.explanation} (${code}). Our engineers are working on it${fixedSoon ? ' and expect a fix within a few hours' : ''}.` },
      { who: 'agent', pace: 'follow', text: `Your account and payments aren't affected. In the meantime you can ${WORKAROUNDS[code] ?? 'try again a little later'}.` },
      { who: 'customer', text: rng.pick(['Ok, thanks for letting me know.', 'Ok. Will I get a late fee if I can\'t pay because of this?', 'Good to know it\'s not just me.']) },
      { who: 'agent', text: 'No late fees will be charged because of this, and I\'ve linked your case to the incident so we can follow up if needed.' },
      { who: 'note', pace: 'follow', text: `Linked to incident ${code}.${device ? ` Device: ${device.os}, ${device.browser}.` : ''}` },
    ],
    summary: `Affected by incident ${code}; explained workaround.`,
    tier: 1,
    priority: 'normal',
    mood: 'neutral',
  };
}

function deviceTrouble(env: ScriptEnv): Script {
  const { rng, customer: c } = env;
  const device = c.device;
  const inApp = device !== null && device.browser.startsWith('App');
  if (device && inApp) {
    const store = device.os.startsWith('iOS') ? 'App Store' : 'Google Play';
    const outdated = device.appVersion !== '7.14.2';
    return {
      category: 'technical_glitch',
      description: rng.pick(['The app crashes every time I open my purchases.', 'The app is really slow and then closes.', 'I can\'t see my payment plan in the app, the screen is blank.']),
      orderNumber: null,
      ack: 'Sorry about that, let me have a look.',
      body: [
        { who: 'agent', pace: 'lookup', canned: outdated ? 'tg-update' : 'tg-clear-cache', text: outdated
          ? `I can see you're on app version ${device.appVersion} on ${device.os}. The latest version is 7.14.2, which fixes several crashes. Could you update it from the ${store} and restart the app?`
          : `I can see you're on the latest app version on ${device.os}. Could you close the app completely, restart your phone and try again?` },
        { who: 'customer', pace: 'wait', text: rng.pick(['Done, and it works now!', 'That fixed it, thanks!']) },
        { who: 'agent', text: 'Great to hear! If it happens again, a screenshot helps us a lot.' },
      ],
      summary: outdated ? `App ${device.appVersion} on ${device.os} crashing; update fixed it.` : `App glitch on ${device.os}; restart fixed it.`,
      tier: 1,
      priority: 'normal',
      mood: 'happy',
    };
  }
  const variant = rng.weighted([['web', 50], ['screenshot', 50]] as const);
  if (variant === 'web') {
    return {
      category: 'technical_glitch',
      description: rng.pick(['Your website shows a blank page when I try to log in.', 'I can\'t log in on the website, the button does nothing.']),
      orderNumber: null,
      ack: 'Let me help you with that.',
      body: [
        { who: 'agent', text: `Could you try opening our site in a private window${device ? ` in ${device.browser.split(' ')[0]}` : ''}?` },
        { who: 'customer', pace: 'wait', text: 'Private window works.' },
        { who: 'agent', canned: 'tg-clear-cache', text: 'Then an old cookie is getting in the way. Clearing your cookies for our site will fix it for good.' },
        { who: 'customer', text: 'Cleared them, works now. Thanks!' },
      ],
      summary: 'Website login blocked by an old cookie; clearing cookies fixed it.',
      tier: 1,
      priority: 'normal',
      mood: 'happy',
    };
  }
  return {
    category: 'technical_glitch',
    description: 'I get an error when I try to pay. Can I send you a screenshot?',
    orderNumber: null,
    ack: 'Of course.',
    body: [
      { who: 'agent', canned: 'tg-screenshot', text: 'Please use the paperclip button below the chat, and make sure your full card number isn\'t visible in the picture.' },
      { who: 'customer', pace: 'wait', text: 'It says "Something went wrong, please try again later".' },
      { who: 'agent', pace: 'lookup', text: 'Thanks. That message appears when your login session has expired in the middle of a payment. Please log out, log back in and try again.' },
      { who: 'customer', pace: 'wait', text: rng.pick(['That worked, thank you!', 'Yes, went through now.']) },
    ],
    summary: 'Payment error from an expired session; logging in again fixed it.',
    tier: 1,
    priority: 'normal',
    mood: 'happy',
  };
}

// ---------------------------------------------------------------------------------------------
// other

function otherQuestion(env: ScriptEnv): Script {
  const { rng, customer: c, at } = env;
  const limit = moneyText(c, c.account.spending_limit_minor);
  const outstanding = c.orders.flatMap((o) => o.installments).filter((i) => i.row.paid_at === null || Date.parse(i.row.paid_at) > at);
  const options = [['limit', c.account.spending_limit_minor > 0 ? 30 : 0], ['email', 20], ['how', 25], ['close', 10], ['statement', c.orders.length > 0 ? 15 : 0]] as const;
  const variant = rng.weighted(options);
  const base = { category: 'other' as const, orderNumber: null, tier: 1 as const, priority: 'low' as const, mood: 'happy' as const };
  switch (variant) {
    case 'limit':
      return {
        ...base,
        description: rng.pick([`Why is my spending limit only ${limit}?`, 'Can you raise my spending limit?']),
        ack: 'Let me check your account.',
        body: [
          { who: 'agent', pace: 'lookup', canned: 'ot-spending-limit', text: `Your spending limit of ${limit} is set automatically from your payment history and how you use our service. We review it regularly, and paying on time is the best way to see it grow.` },
          { who: 'customer', text: 'Can\'t you raise it manually?' },
          { who: 'agent', text: 'I\'m afraid we can\'t change it by hand, but it\'s checked again every time you make a purchase.' },
          { who: 'customer', text: 'Ok, fair enough.' },
        ],
        summary: 'Asked about spending limit; explained it is automatic.',
        mood: 'neutral',
      };
    case 'email':
      return {
        ...base,
        description: 'I want to change the email address on my account.',
        ack: 'Sure, that\'s quick to do.',
        body: [
          { who: 'agent', text: 'You can change it in the app under Profile > Personal details > Email. We\'ll send a confirmation link to the new address, and the change is done once you click it.' },
          { who: 'customer', pace: 'wait', text: 'Found it, and the link came through. Thanks!' },
        ],
        summary: 'Explained how to change email address.',
      };
    case 'how':
      return {
        ...base,
        description: rng.pick(['How does pay in 4 work?', 'What happens if I want to pay my order off early?']),
        ack: 'Happy to explain.',
        body: [
          { who: 'agent', text: 'With pay in 4 you pay the first quarter at checkout and the rest in three equal payments every two weeks. There\'s no interest, and no fees if you pay on time.' },
          { who: 'customer', text: 'And if I want to pay it all off early?' },
          { who: 'agent', text: 'You can do that any time in the app under Payments > Pay in full.' },
          { who: 'customer', text: 'Great, thanks!' },
        ],
        summary: 'Explained pay in 4 and early repayment.',
      };
    case 'close': {
      const open = outstanding.length;
      return {
        ...base,
        description: 'I would like to close my account.',
        ack: 'I can help with that.',
        body: open > 0
          ? [
              { who: 'agent', pace: 'lookup', text: `I can see you still have ${open === 1 ? 'one payment' : 'some payments'} left on your purchases. Once everything is paid, I can close the account for you.` },
              { who: 'customer', text: 'Ok, I\'ll come back when it\'s paid off.' },
              { who: 'agent', text: 'Perfect. You can also pay it all off early in the app under Payments > Pay in full.' },
            ]
          : [
              { who: 'agent', pace: 'lookup', text: 'You have nothing left to pay, so I\'ve requested the closure. You\'ll get a confirmation email within 1-2 business days.' },
              { who: 'customer', text: 'Thank you.' },
            ],
        summary: open > 0 ? 'Wants to close account; payments outstanding.' : 'Account closure requested.',
        mood: 'neutral',
      };
    }
    case 'statement':
    default: {
      const order = c.orders[c.orders.length - 1] as DemoOrder;
      return {
        ...base,
        description: `Can I get a statement for my order ${order.row.order_number}?`,
        orderNumber: order.row.order_number,
        ack: 'Of course.',
        body: [
          { who: 'agent', pace: 'lookup', text: `Receipts come from ${order.row.merchant}, but you can download a statement of your payments in the app under Purchases > ${order.row.order_number} > Statement. I've also emailed it to you just now.` },
          { who: 'customer', text: 'Got it, thanks!' },
        ],
        summary: `Sent payment statement for ${order.row.order_number}.`,
      };
    }
  }
}
