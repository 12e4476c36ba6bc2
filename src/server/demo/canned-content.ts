/**
 * Canned replies and macros of the demo desk, per category. Placeholders the desktop fills in:
 * {{customer.firstName}} {{customer.name}} {{agent.firstName}} {{ticket.reference}}
 * {{order.number}} {{order.merchant}} {{order.total}} {{installment.amount}} {{installment.dueDate}}
 * {{return.refundAmount}} {{return.status}} {{account.verificationStatus}} {{incident.errorCode}}
 */
import type { Category, Priority, TicketStatus } from '../../shared/domain';

export interface CannedReplySpec {
  category: Category;
  title: string;
  shortcut: string;
  body: string;
}

export interface MacroSpec {
  category: Category;
  title: string;
  replyBody: string | null;
  setStatus: TicketStatus | null;
  setPriority: Priority | null;
}

export const CANNED_REPLIES: readonly CannedReplySpec[] = [
  // payment delay
  {
    category: 'payment_delay', title: 'Payment is processing', shortcut: 'pd-processing',
    body: 'Hi {{customer.firstName}}, I can see your payment of {{installment.amount}} and it is still being processed. Bank transfers usually take 1-3 business days to reach us; as soon as it arrives the installment will show as paid. You do not need to pay again.',
  },
  {
    category: 'payment_delay', title: 'Bank processing times', shortcut: 'pd-bank-times',
    body: 'Card payments show straight away. Bank transfers and direct debits take 1-3 business days, and payments made on a weekend or public holiday start processing on the next business day.',
  },
  {
    category: 'payment_delay', title: 'Payment found and matched', shortcut: 'pd-found',
    body: 'Good news, {{customer.firstName}}: your payment has now been matched to your {{order.merchant}} order ({{order.number}}) and the installment shows as paid. No late fee applies.',
  },
  {
    category: 'payment_delay', title: 'No late fee while processing', shortcut: 'pd-no-fee',
    body: 'As your payment was made before the due date, no late fee will be charged while it is being processed.',
  },
  // account verification
  {
    category: 'account_verification', title: 'Verification tips', shortcut: 'av-tips',
    body: 'For the ID check, please use a valid passport or national ID card, take the photo in good light with all four corners visible, and make sure the name matches the one on your account.',
  },
  {
    category: 'account_verification', title: 'Link your bank account', shortcut: 'av-bank-link',
    body: 'To link your bank, go to Profile > Payment methods > Add bank account and log in with your bank. If the bank login times out, you can add the account manually instead and we will verify it with two small deposits.',
  },
  {
    category: 'account_verification', title: 'Verification in review', shortcut: 'av-in-review',
    body: 'Thanks for your patience, {{customer.firstName}}. Your documents are in review; this normally takes up to 24 hours and you will get an email as soon as it is done.',
  },
  {
    category: 'account_verification', title: 'Manual review requested', shortcut: 'av-manual-review',
    body: 'I have asked our verification team to review your documents manually. You will hear from us by email within 1 business day; your reference is {{ticket.reference}}.',
  },
  // refund / return
  {
    category: 'refund_return', title: 'Return registered, payments paused', shortcut: 'rr-paused',
    body: 'Hi {{customer.firstName}}, the return for your {{order.merchant}} order is registered and your payments are paused while it is handled, so you will not be charged in the meantime.',
  },
  {
    category: 'refund_return', title: 'Refund timeline', shortcut: 'rr-timeline',
    body: 'Once {{order.merchant}} confirms the return, we process the refund of {{return.refundAmount}} within 1-2 business days. Refunds to a card can take a further 3-5 business days to appear on your statement.',
  },
  {
    category: 'refund_return', title: 'How to return an item', shortcut: 'rr-how',
    body: 'Returns go through the store: follow {{order.merchant}}\'s return instructions and, once they register the return, we pause your payments automatically. You can also report a return in the app under Purchases > {{order.number}} > Report a return.',
  },
  {
    category: 'refund_return', title: 'Partial refund explained', shortcut: 'rr-partial',
    body: 'The store refunded {{return.refundAmount}} for the items you sent back. The money goes back to the card or bank account you paid with, and the rest of the order stays on your payment plan.',
  },
  // missed payment
  {
    category: 'missed_payment', title: 'Missed payment options', shortcut: 'mp-options',
    body: 'Hi {{customer.firstName}}, your installment of {{installment.amount}} due {{installment.dueDate}} has not been collected. You can pay it now in the app under Payments > Pay now, or change the card we charge. Paying within 10 days avoids a late fee.',
  },
  {
    category: 'missed_payment', title: 'Late fee explained', shortcut: 'mp-late-fee',
    body: 'A late fee is added when an installment is still unpaid 10 days after its due date. It is never more than 25% of the order value, and it is shown in the app next to the installment.',
  },
  {
    category: 'missed_payment', title: 'Extend the due date', shortcut: 'mp-extend',
    body: 'I can move this installment\'s due date once by up to 14 days, free of charge. Shall I go ahead?',
  },
  {
    category: 'missed_payment', title: 'Financial difficulty', shortcut: 'mp-hardship',
    body: 'Thank you for telling us, {{customer.firstName}}. I am passing your case to a specialist colleague who can set up a payment plan that works for you. While we do that, we will not charge late fees or send your account to collections.',
  },
  // technical glitch
  {
    category: 'technical_glitch', title: 'Update the app', shortcut: 'tg-update',
    body: 'Could you update the app to the latest version from the App Store or Google Play and restart it? Many display issues are fixed in the newest version.',
  },
  {
    category: 'technical_glitch', title: 'Clear cache / cookies', shortcut: 'tg-clear-cache',
    body: 'Please try logging out, clearing the app cache (or your browser cookies for our site) and logging in again. If the problem continues, a screenshot of the error helps us a lot.',
  },
  {
    category: 'technical_glitch', title: 'Known incident', shortcut: 'tg-incident',
    body: 'Thanks for reporting this, {{customer.firstName}}. We are aware of an issue causing error {{incident.errorCode}} and our engineers are working on it. Your account and payments are not affected; I will note your case so we can follow up.',
  },
  {
    category: 'technical_glitch', title: 'Ask for a screenshot', shortcut: 'tg-screenshot',
    body: 'Could you send me a screenshot of the error? Use the paperclip button below the chat. Please do not include your full card number in the picture.',
  },
  // other
  {
    category: 'other', title: 'Greeting', shortcut: 'ot-hello',
    body: 'Hi {{customer.firstName}}, thanks for contacting us. My name is {{agent.firstName}}. How can I help you today?',
  },
  {
    category: 'other', title: 'One moment', shortcut: 'ot-hold',
    body: 'Thanks, give me a moment while I look into your account.',
  },
  {
    category: 'other', title: 'Anything else?', shortcut: 'ot-anything-else',
    body: 'Is there anything else I can help you with today?',
  },
  {
    category: 'other', title: 'Closing with reference', shortcut: 'ot-closing',
    body: 'Thanks for chatting with us, {{customer.firstName}}. If you need to get back to us about this, just quote your reference {{ticket.reference}}. Have a lovely day!',
  },
  {
    category: 'other', title: 'Spending limit', shortcut: 'ot-spending-limit',
    body: 'Your spending limit is set automatically from your payment history and is reviewed regularly. Paying on time is the best way to see it grow; we are not able to raise it manually.',
  },
];

function replyBody(shortcut: string): string {
  const reply = CANNED_REPLIES.find((r) => r.shortcut === shortcut);
  if (!reply) throw new Error(`no canned reply ${shortcut}`);
  return reply.body;
}

export const MACROS: readonly MacroSpec[] = [
  { category: 'payment_delay', title: 'Payment processing: wait for bank', replyBody: replyBody('pd-processing'), setStatus: 'pending', setPriority: null },
  { category: 'payment_delay', title: 'Payment matched: resolve', replyBody: replyBody('pd-found'), setStatus: 'resolved', setPriority: null },
  { category: 'account_verification', title: 'Send verification tips, wait for customer', replyBody: replyBody('av-tips'), setStatus: 'pending', setPriority: null },
  { category: 'account_verification', title: 'Manual review: raise priority', replyBody: replyBody('av-manual-review'), setStatus: 'pending', setPriority: 'high' },
  { category: 'refund_return', title: 'Return registered: payments paused', replyBody: replyBody('rr-paused'), setStatus: 'resolved', setPriority: null },
  { category: 'refund_return', title: 'Refund timeline: resolve', replyBody: replyBody('rr-timeline'), setStatus: 'resolved', setPriority: null },
  { category: 'missed_payment', title: 'Offer pay-now options', replyBody: replyBody('mp-options'), setStatus: 'pending', setPriority: null },
  { category: 'missed_payment', title: 'Hardship: urgent handover', replyBody: replyBody('mp-hardship'), setStatus: null, setPriority: 'urgent' },
  { category: 'technical_glitch', title: 'Known incident: reply and raise priority', replyBody: replyBody('tg-incident'), setStatus: 'pending', setPriority: 'high' },
  { category: 'technical_glitch', title: 'Ask for a screenshot', replyBody: replyBody('tg-screenshot'), setStatus: 'pending', setPriority: null },
  { category: 'other', title: 'Close with reference', replyBody: replyBody('ot-closing'), setStatus: 'resolved', setPriority: null },
  { category: 'other', title: 'Lower priority', replyBody: null, setStatus: null, setPriority: 'low' },
];
