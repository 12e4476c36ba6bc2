/**
 * How customers really open a case: many paraphrases of each category's first message in
 * English, German and Swedish, slots filled from the case ({merchant}, {order}, {amount}), some
 * borrowing another category's words (a refund question that mentions a payment) so keyword rules
 * are imperfect. Noise (typos, no capitals, no punctuation, context first) is added by voices.ts.
 * A leading `[kind|kind]` says which sub-topics (threads.ts Topic kinds) a paraphrase fits; one
 * without fits every case of its category.
 */
import type { Category } from '../../shared/domain';

export type Lang = 'en' | 'de' | 'sv';

type Openings = Record<Lang, readonly string[]>;

export const OPENINGS: Record<Category, Openings> = {
  payment_delay: {
    en: [
      'I paid {amount} for my {merchant} order but it still says unpaid',
      'my payment isn\'t showing in the app, i paid on monday',
      'Hi, I transferred the money for {order} three days ago and nothing has changed.',
      'Paid already?? Why does the app still say I owe {amount}',
      'payment not registered',
      'The money has left my bank account but your app says the installment is still open. Will I get a late fee?',
      'I made a bank transfer for {merchant} last week. When will it show up?',
      'Can you check if you received my payment for order {order}? My bank says it went through.',
      'I sent the payment on time and now I\'m getting reminders, what is going on',
      'hi there, my direct debit for {merchant} still shows as scheduled even though the money is gone from my account',
      'still waiting for my payment to show',
      'I paid twice by mistake? The first one never showed so I paid again.',
    ],
    de: [
      'Ich habe {amount} für meine Bestellung bei {merchant} überwiesen, aber in der App steht immer noch offen.',
      'meine zahlung wird nicht angezeigt, hab am montag bezahlt',
      'Hallo, ich habe die Rate für {order} vor drei Tagen überwiesen und es hat sich nichts getan.',
      'Schon bezahlt!! Warum zeigt die App noch {amount} an',
      'Zahlung nicht angekommen?',
      'Das Geld ist von meinem Konto abgebucht, aber die Rate ist in der App noch offen. Bekomme ich jetzt eine Mahngebühr?',
      'Ich habe letzte Woche per Überweisung bezahlt ({merchant}). Wann wird das verbucht?',
      'Können Sie prüfen, ob meine Zahlung für {order} angekommen ist? Laut Bank ist sie raus.',
      'Ich habe pünktlich bezahlt und bekomme trotzdem Erinnerungen, was ist da los',
      'die lastschrift für {merchant} steht noch auf geplant obwohl das geld schon weg ist',
    ],
    sv: [
      'Jag har betalat {amount} för min order hos {merchant} men det står fortfarande obetald',
      'min betalning syns inte i appen, betalade i måndags',
      'Hej, jag gjorde en överföring för {order} för tre dagar sedan och inget har hänt.',
      'Redan betalat!! Varför säger appen att jag är skyldig {amount}',
      'betalningen har inte kommit fram?',
      'Pengarna har dragits från mitt konto men delbetalningen står som obetald i appen. Får jag en förseningsavgift nu?',
      'Jag betalade via banköverföring förra veckan ({merchant}). När syns det?',
      'Kan ni kolla om ni fått min betalning för order {order}? Banken säger att den gått iväg.',
      'Jag betalade i tid och får ändå påminnelser, vad händer',
      'autogirot för {merchant} står fortfarande som planerat fast pengarna är borta',
    ],
  },
  refund_return: {
    en: [
      '[rr_return] I returned my {merchant} order two weeks ago and still no refund',
      'refund??',
      '[rr_return] Where is my money for the return? Order {order}',
      '[rr_return] sent the parcel back, the store says they got it, but you still want me to pay {amount}',
      'Hi! I\'m returning part of my order, do I still have to pay the next payment?',
      '[rr_howto] How do I return something I bought with pay later?',
      '[rr_return] The store confirmed my return but my payment plan is still running.',
      '[rr_return] I only got part of my money back for {order}, why?',
      '[rr_return] my return for {merchant} was rejected and I don\'t understand why',
      '[rr_return] I paid the first installment and then returned everything, when do I get the payment back?',
      '[rr_return] return sent 10 days ago no refund yet',
      '[rr_return] They received my return. Can you stop the payments please?',
    ],
    de: [
      '[rr_return] Ich habe meine Bestellung bei {merchant} vor zwei Wochen zurückgeschickt und noch keine Erstattung bekommen',
      'Erstattung??',
      '[rr_return] Wo bleibt mein Geld für die Rücksendung? Bestellung {order}',
      '[rr_return] paket ist zurück, der shop hat es bestätigt, aber ich soll immer noch {amount} zahlen',
      '[rr_howto|rr_return] Hallo! Ich schicke einen Teil der Bestellung zurück, muss ich die nächste Rate trotzdem zahlen?',
      '[rr_howto] Wie funktioniert eine Rücksendung, wenn ich auf Raten gekauft habe?',
      '[rr_return] Der Händler hat die Retoure bestätigt, aber mein Ratenplan läuft weiter.',
      '[rr_return] Ich habe für {order} nur einen Teil zurückbekommen, warum?',
      '[rr_return] meine retoure bei {merchant} wurde abgelehnt und ich verstehe nicht wieso',
      '[rr_return] Ich habe die erste Rate bezahlt und dann alles zurückgeschickt, wann bekomme ich die Zahlung zurück?',
    ],
    sv: [
      '[rr_return] Jag returnerade min order från {merchant} för två veckor sedan och har fortfarande inte fått tillbaka pengarna',
      'återbetalning??',
      '[rr_return] Var är mina pengar för returen? Order {order}',
      '[rr_return] skickat tillbaka paketet, butiken har fått det men ni vill fortfarande att jag betalar {amount}',
      '[rr_howto|rr_return] Hej! Jag returnerar en del av ordern, måste jag ändå betala nästa delbetalning?',
      '[rr_howto] Hur gör jag en retur när jag har handlat med delbetalning?',
      '[rr_return] Butiken har bekräftat returen men min betalplan fortsätter.',
      '[rr_return] Jag fick bara tillbaka en del av pengarna för {order}, varför?',
      '[rr_return] min retur hos {merchant} blev nekad och jag förstår inte varför',
      '[rr_return] Jag betalade första delbetalningen och skickade sedan tillbaka allt, när får jag tillbaka betalningen?',
    ],
  },
  missed_payment: {
    en: [
      '[mp_failed] I missed my payment for {merchant}, what happens now?',
      '[mp_failed] got an email that my payment failed',
      '[mp_failed] Hi, my card expired and the installment of {amount} wasn\'t taken. Can I still pay?',
      '[mp_fee] Why was I charged a late fee?? I always pay on time',
      '[mp_fee] late fee',
      '[mp_failed|mp_hardship] I can\'t pay this month until my salary comes in. Can I move the due date?',
      'The payment for order {order} didn\'t go through, there is money on my card though.',
      '[mp_hardship] I lost my job and can\'t pay my installments right now, please help',
      '[mp_failed] payment failed again what do i do',
      '[mp_failed|mp_fee] I got a reminder about an overdue payment, I thought it was paid automatically?',
      '[mp_fee] Can you take the late fee off? I was on holiday and missed the emails.',
    ],
    de: [
      '[mp_failed] Ich habe meine Zahlung für {merchant} verpasst, was passiert jetzt?',
      '[mp_failed] hab eine mail bekommen dass meine zahlung fehlgeschlagen ist',
      '[mp_failed] Hallo, meine Karte ist abgelaufen und die Rate über {amount} wurde nicht abgebucht. Kann ich noch zahlen?',
      '[mp_fee] Warum wurde mir eine Mahngebühr berechnet?? Ich zahle immer pünktlich',
      '[mp_fee] Mahngebühr',
      '[mp_failed|mp_hardship] Ich kann diesen Monat erst zahlen, wenn mein Gehalt kommt. Kann ich das Fälligkeitsdatum verschieben?',
      '[mp_failed] Die Zahlung für {order} ist nicht durchgegangen, obwohl Geld auf der Karte ist.',
      '[mp_hardship] Ich habe meinen Job verloren und kann die Raten gerade nicht zahlen, bitte helfen Sie mir',
      '[mp_failed] zahlung schon wieder fehlgeschlagen was soll ich machen',
      '[mp_failed|mp_fee] Ich habe eine Mahnung bekommen, ich dachte, das wird automatisch abgebucht?',
    ],
    sv: [
      '[mp_failed] Jag missade min betalning till {merchant}, vad händer nu?',
      '[mp_failed] fick ett mejl om att min betalning misslyckades',
      '[mp_failed] Hej, mitt kort har gått ut och delbetalningen på {amount} drogs inte. Kan jag fortfarande betala?',
      '[mp_fee] Varför har jag fått en förseningsavgift?? Jag betalar alltid i tid',
      '[mp_fee] förseningsavgift',
      '[mp_failed|mp_hardship] Jag kan inte betala den här månaden förrän lönen kommer. Kan jag flytta förfallodagen?',
      '[mp_failed] Betalningen för order {order} gick inte igenom, fast det finns pengar på kortet.',
      '[mp_hardship] Jag har förlorat jobbet och kan inte betala mina delbetalningar just nu, snälla hjälp',
      '[mp_failed] betalningen misslyckades igen vad gör jag',
      '[mp_failed|mp_fee] Jag fick en påminnelse om en försenad betalning, jag trodde den drogs automatiskt?',
    ],
  },
  account_verification: {
    en: [
      '[av_identity] My ID verification keeps failing',
      'cant verify my account',
      '[av_identity] The app won\'t accept my passport photo, I\'ve tried 3 times',
      '[av_bank] I can\'t link my bank account, it just says something went wrong',
      '[av_pending] Verification has been pending for days and I want to buy something',
      '[av_identity] Why was my identity check rejected?',
      '[av_start] How do I verify my account? I want to pay in 4',
      '[av_bank] bank login times out every time I try to connect it',
      '[av_identity] the app keeps asking me to verify again',
    ],
    de: [
      '[av_identity] Meine Identitätsprüfung schlägt immer wieder fehl',
      'kann mein konto nicht verifizieren',
      '[av_identity] Die App akzeptiert mein Ausweisfoto nicht, schon 3 mal versucht',
      '[av_bank] Ich kann mein Bankkonto nicht verknüpfen, da steht nur ein Fehler',
      '[av_pending] Die Verifizierung ist seit Tagen in Prüfung',
    ],
    sv: [
      '[av_identity] Min id-kontroll misslyckas hela tiden',
      'kan inte verifiera mitt konto',
      '[av_identity] Appen godkänner inte bilden på mitt pass, har försökt 3 gånger',
      '[av_bank] Jag kan inte koppla mitt bankkonto, det står bara att något gick fel',
      '[av_pending] Verifieringen har varit under granskning i flera dagar',
    ],
  },
  technical_glitch: {
    en: [
      'The app keeps crashing',
      'app not working',
      'I get an error when I try to pay, it just spins',
      'the app logs me out all the time',
      'Blank screen when I open my purchases',
      'I tried to pay my installment in the app and it shows an error',
      'Website won\'t let me log in',
      'checkout at the shop won\'t load with your payment option',
      'error message every time i open the app',
    ],
    de: [
      'Die App stürzt ständig ab',
      'app geht nicht',
      'Ich bekomme beim Bezahlen eine Fehlermeldung',
      'Die App meldet mich dauernd ab',
      'Weißer Bildschirm, wenn ich meine Einkäufe öffne',
    ],
    sv: [
      'Appen kraschar hela tiden',
      'appen funkar inte',
      'Jag får ett felmeddelande när jag försöker betala',
      'Appen loggar ut mig hela tiden',
      'Vit skärm när jag öppnar mina köp',
    ],
  },
  other: {
    en: [
      'How do I change my email address?',
      'question about my account',
      'Can you raise my spending limit?',
      'I want to close my account',
      'Can I get a statement for my purchases?',
      'how does pay in 4 work',
      'Can I pay my order off early?',
      'hello?',
    ],
    de: ['Wie ändere ich meine E-Mail-Adresse?', 'Frage zu meinem Konto', 'Können Sie mein Limit erhöhen?', 'Ich möchte mein Konto schließen'],
    sv: ['Hur ändrar jag min e-postadress?', 'fråga om mitt konto', 'Kan ni höja min köpgräns?', 'Jag vill avsluta mitt konto'],
  },
};

/** A sentence of context some customers write before the problem. */
export const CONTEXT_FIRST: Record<Lang, readonly string[]> = {
  en: [
    'Hi, I bought a jacket last month and paid with pay later.',
    'Hello, I have used your service for a while and never had problems.',
    'So I was at the shop yesterday and tried to sort this out myself.',
    'Hi there! Sorry if this is the wrong place to ask.',
  ],
  de: ['Hallo, ich habe letzten Monat eine Jacke auf Raten gekauft.', 'Guten Tag, ich nutze Ihren Dienst schon länger und hatte nie Probleme.', 'Entschuldigung, falls ich hier falsch bin.'],
  sv: ['Hej, jag köpte en jacka förra månaden och betalade med delbetalning.', 'Hej! Jag har använt er tjänst länge och aldrig haft problem.', 'Förlåt om det här är fel ställe att fråga.'],
};

/** What an angry customer adds (escalating tone). */
export const ANGRY: Record<Lang, { before: readonly string[]; after: readonly string[]; later: readonly string[] }> = {
  en: {
    before: ['This is the third time I\'m writing about this.', 'Seriously?', 'I am really fed up.'],
    after: ['This is ridiculous!!', 'Sort it out NOW.', 'Unacceptable.', 'I want an answer today.'],
    later: ['Why does this take so long? I\'ve been waiting forever.', 'This is not good enough, honestly.', 'I\'m seriously thinking of cancelling everything.'],
  },
  de: {
    before: ['Ich schreibe jetzt schon zum dritten Mal.', 'Im Ernst?', 'Ich habe echt die Nase voll.'],
    after: ['Das ist eine Frechheit!!', 'Unmöglich.', 'Ich will heute noch eine Antwort.'],
    later: ['Warum dauert das so lange? Ich warte ewig.', 'Das ist wirklich nicht in Ordnung.'],
  },
  sv: {
    before: ['Det här är tredje gången jag skriver om det här.', 'Allvarligt?', 'Jag är så trött på det här.'],
    after: ['Helt orimligt!!', 'Fixa det NU.', 'Inte okej.'],
    later: ['Varför tar det så lång tid? Jag har väntat i evigheter.', 'Det här är verkligen inte okej.'],
  },
};

/** What a happy customer adds. */
export const HAPPY: Record<Lang, readonly string[]> = {
  en: ['Thanks in advance :)', 'Have a great day!', 'Thank you so much!'],
  de: ['Vielen Dank schon mal :)', 'Schönen Tag noch!'],
  sv: ['Tack på förhand :)', 'Ha en fin dag!'],
};
