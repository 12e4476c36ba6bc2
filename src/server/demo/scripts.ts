/**
 * What simulated customers say, per category (DOMAIN.md's five common issues plus "other"):
 * the pre-chat description, the opening lines, answers to the agent, thanks, CSAT comments.
 * No line contains a card number; the one deliberate exception is `cardPasteLine`, which a few
 * payment-delay customers send so the server's masking path gets exercised.
 * Placeholders: {order} (one of the customer's order numbers), {code} (the app's error code),
 * {version} (app version), {device}.
 */
import type { Category } from '../../shared/domain';
import type { Rng } from './rng';

export interface CategoryScript {
  /** Whether the pre-chat form for this category carries one of the customer's order numbers. */
  needsOrder: boolean;
  /** The pre-chat form's short description. */
  descriptions: readonly string[];
  /** Opening sequences: each is 1-2 lines the customer types while waiting for an agent. */
  openers: readonly (readonly string[])[];
  /** Answers to the agent, roughly in conversation order. */
  replies: readonly string[];
}

export const SCRIPTS: Record<Category, CategoryScript> = {
  payment_delay: {
    needsOrder: true,
    descriptions: [
      'I paid my installment for order {order} but it still shows as unpaid in the app.',
      'The money for my payment on {order} has left my bank account but the payment is not showing.',
      'I made a bank transfer for my latest installment a few days ago and it has not been registered.',
      'Paid early this week, the app still says my payment for {order} is due.',
    ],
    openers: [
      ['Hi! I paid the installment on Monday and the money has already left my account.', 'But the app still says the payment is due. Will I get a late fee?'],
      ['Hello, my payment for order {order} is not showing up.', 'I paid by bank transfer and used the reference from the email.'],
      ['Hi there, I paid on time but the app says my payment is still open.'],
      ['Hey, can you check my last payment? My bank shows it as sent.'],
    ],
    replies: [
      'It was a bank transfer, I used the reference from the payment reminder email.',
      'I paid it on Monday morning, my bank shows the transfer as completed.',
      'Okay, so it usually takes 1-3 business days to show up?',
      'So I do not need to pay again, right?',
      'And there will be no late fee while it is processing?',
      'Alright, I will check the app again on Thursday then.',
    ],
  },
  account_verification: {
    needsOrder: false,
    descriptions: [
      'My ID verification keeps failing when I upload a photo of my passport.',
      'I cannot link my bank account, the bank login times out every time.',
      'The app says my identity could not be verified and I do not know why.',
      'Verification has been pending for several days and I cannot make purchases.',
    ],
    openers: [
      ['Hi, I have tried to verify my identity three times now and it fails every time.', 'I am using my passport and the photo looks fine to me.'],
      ['Hello, linking my bank account does not work.', 'It sends me to my bank, I log in, and then it just says something went wrong.'],
      ['Hi! My account verification has been stuck on pending since last week.'],
    ],
    replies: [
      'I used my passport, the photo was taken in daylight with all corners visible.',
      'The name on my passport has my middle name, maybe that is the problem?',
      'I tried with the bank app and in the browser, same result both times.',
      'Okay, I can try again with my national ID card instead.',
      'How long does the manual review usually take?',
      'Good, I will wait for the email then.',
    ],
  },
  refund_return: {
    needsOrder: true,
    descriptions: [
      'I returned items from order {order} two weeks ago and have not received my refund yet.',
      'The store confirmed my return for {order} but I am still being asked to pay.',
      'Where is my refund for the jacket I sent back? Order {order}.',
      'I want to return part of order {order}, how does that work with my payment plan?',
    ],
    openers: [
      ['Hi, I sent back my order {order} two weeks ago.', 'The store says they received it, but I still have payments scheduled.'],
      ['Hello! I am waiting for a refund for a return.', 'It is order {order}.'],
      ['Hi there, I returned one of the items from {order} and only got part of the money back?'],
    ],
    replies: [
      'The tracking says the parcel was delivered to the store last Tuesday.',
      'I have the return receipt from the post office if you need it.',
      'Do I still have to pay the next installment while the return is being handled?',
      'How long until the money is back on my card?',
      'Okay, and the remaining installments will be adjusted automatically?',
      'That makes sense, thank you for checking with the store.',
    ],
  },
  missed_payment: {
    needsOrder: true,
    descriptions: [
      'I missed my payment for order {order} because my card expired. What happens now?',
      'I got a reminder about a missed payment, can I still pay without a late fee?',
      'My payment did not go through this month and I am worried about fees.',
      'I cannot pay my installment for {order} until my salary comes in next week.',
    ],
    openers: [
      ['Hi, I just saw that my payment was not collected.', 'My card expired last month and I forgot to update it.'],
      ['Hello, I got an email saying I missed a payment.', 'Can I still pay it now?'],
      ['Hi! I will not be able to pay my installment on time this month.', 'Is it possible to move the due date?'],
    ],
    replies: [
      'I have added my new card in the app now.',
      'Can I just pay the overdue installment right away in the app?',
      'Will this affect my credit score?',
      'My salary comes on the 25th, could the due date move to after that?',
      'Okay, and there is no late fee if I pay within 10 days?',
      'Great, I will pay it today then.',
    ],
  },
  technical_glitch: {
    needsOrder: false,
    descriptions: [
      'The app shows error {code} when I try to pay.',
      'I keep getting error {code} in the app ({device}, version {version}).',
      'Something is wrong with the app, it shows {code} and nothing works.',
    ],
    openers: [
      ['Hi, the app keeps showing an error when I try to pay.'],
      ['Hello! I get an error message in the app every time.'],
      ['Hi, the app is not working for me today.'],
    ],
    replies: [
      'I am on {device} with app version {version}.',
      'Yes, I have restarted the app and even reinstalled it, same error.',
      'It happens both on wifi and on mobile data.',
      'Is there another way to pay while the app does not work?',
      'Okay, should I just try again later today?',
      'Thanks, please let me know when it is fixed.',
    ],
  },
  other: {
    needsOrder: false,
    descriptions: [
      'How do I change the email address on my account?',
      'Can I use pay later in a store abroad?',
      'I would like to close my account.',
      'How do I increase my spending limit?',
    ],
    openers: [
      ['Hi, I have a general question about my account.'],
      ['Hello! Quick question about how pay later works.'],
    ],
    replies: [
      'I have a new email address and want to use that one for everything.',
      'Is there anything I need to do in the app myself?',
      'Does that change anything for my current purchases?',
      'Okay, that is easy enough.',
    ],
  },
};

/** The line sent together with the uploaded screenshot. */
export const SCREENSHOT_LINES: readonly string[] = [
  'Here is a screenshot of what I see.',
  'I took a screenshot of the error, see attached.',
  'This is what the screen looks like.',
];

/** The customer's last words after the agent's closing line or when they are done. */
export const THANKS_LINES: readonly string[] = [
  'No, that was all. Thank you so much for your help!',
  'That is everything, thanks a lot!',
  'Perfect, thank you. Have a nice day!',
  'Great, thanks for sorting that out so quickly.',
  'Thanks, that helps a lot. Bye!',
];

/** Recognises an agent's closing line ("Is there anything else I can help with?", "Have a great day"). */
export const CLOSING_LINE =
  /\b(?:anything else (?:i|we) can (?:help|do)|is there anything else|have a (?:great|nice|good|lovely|wonderful) (?:day|evening|weekend|week)|glad (?:i|we) could help|thanks? (?:you )?for (?:contacting|chatting|reaching out|getting in touch)|take care)\b/i;

export const CSAT_COMMENTS: Record<'good' | 'ok' | 'bad', readonly string[]> = {
  good: ['Quick and friendly help, thank you!', 'Very helpful agent.', 'Sorted in a few minutes, great.', 'Clear answers, thanks.'],
  ok: ['Helpful, but the wait was a bit long.', 'Got an answer, but I still have to wait for the refund.', 'Fine, thanks.'],
  bad: ['It took a long time before anyone answered.', 'My problem is still not solved.', 'I had to explain everything twice.'],
};

/**
 * Well-known, Luhn-valid TEST card numbers (Visa / Mastercard test ranges that no issuer uses),
 * written with different separators: pasted by ~3% of payment-delay customers so the server's
 * masking path runs. The server must store, log and relay them masked.
 */
export const TEST_CARD_NUMBERS: readonly string[] = ['4111 1111 1111 1111', '4111-1111-1111-1111', '5555 5555 5555 4444', '4242424242424242'];

export function cardPasteLine(rng: Rng): string {
  const card = rng.pick(TEST_CARD_NUMBERS);
  return rng.pick([
    `I paid with my card ${card}, can you check if the payment went through?`,
    `The payment was taken from this card: ${card}`,
    `My card number is ${card} if that helps you find the payment.`,
  ]);
}

/** A glitch the app shows: error codes follow the demo world's incidents (world-catalog INCIDENTS). */
export interface AppGlitch {
  errorCode: string;
  title: string;
  message: string;
}

export const APP_GLITCHES: readonly AppGlitch[] = [
  { errorCode: 'CHK-SPIN-408', title: 'Checkout took too long', message: 'We could not confirm your purchase with the store in time. You have not been charged. Please try again.' },
  { errorCode: 'PAY-3DS-504', title: 'Payment could not be completed', message: 'The security check with your bank timed out. Your card has not been charged. Please try again.' },
  { errorCode: 'APP-IOS-TIMEOUT', title: 'Could not load your purchases', message: 'The request took too long. Check your connection and try again.' },
  { errorCode: 'AUTH-LOOP-401', title: 'Please log in again', message: 'Your session has expired. Log in again to continue.' },
  { errorCode: 'OB-LINK-503', title: 'Bank linking unavailable', message: 'We cannot connect to your bank right now. Please try again later.' },
  { errorCode: 'APP-GENERIC-500', title: 'Something went wrong', message: 'An unexpected error occurred. Please try again in a few minutes.' },
];

export const DEVICES: readonly string[] = ['iPhone 15', 'iPhone 13', 'iPhone SE', 'Samsung Galaxy S23', 'Google Pixel 8', 'Samsung Galaxy A54'];
export const APP_VERSIONS: readonly string[] = ['7.14.2', '7.14.1', '7.13.0', '7.12.3'];

export interface ScriptContext {
  order: string | null;
  code: string;
  version: string;
  device: string;
}

/** Fills the placeholders; a line that needs an order number the customer has none of is reworded. */
export function fill(line: string, ctx: ScriptContext): string {
  return line
    .replace(/\{order\}/g, ctx.order ?? 'my last order')
    .replace(/\{code\}/g, ctx.code)
    .replace(/\{version\}/g, ctx.version)
    .replace(/\{device\}/g, ctx.device);
}
