/**
 * Canned replies and macros of the demo desk, per category, in English, Swedish and German (the
 * customer's locale picks the language; a shortcut names the same reply in each). Variables
 * are the catalogue of src/shared/templates.ts, filled by the console from the chat on screen;
 * `{{path | "text"}}` is what to write when the value is missing. Swedish replies use "du",
 * German ones "Sie". Every body is checked against the catalogue when the world is built.
 */
import type { z } from 'zod';
import { MacroInput, MacroStep, type CannedLanguage, type Category, type Priority, type TicketStatus } from '../../shared/domain';
import { legacyFields, macroProblems } from '../../shared/macros';
import { unknownVariables } from '../../shared/templates';

export interface CannedReplySpec {
  category: Category;
  language: CannedLanguage;
  title: string;
  shortcut: string;
  body: string;
}

export interface MacroSpec {
  category: Category;
  title: string;
  /** Order within the category: the Ctrl/Cmd+Shift+1…9 slots of a chat in it. */
  position: number;
  inputs: MacroInput[];
  steps: MacroStep[];
  /** The first model's fields, for desktops from before steps (see MacroRow). */
  replyBody: string | null;
  setStatus: TicketStatus | null;
  setPriority: Priority | null;
}

interface Text {
  title: string;
  body: string;
}
type Translated = { category: Category; shortcut: string } & Record<CannedLanguage, Text>;

const TRANSLATED: readonly Translated[] = [
  // ---- payment delay ----
  {
    category: 'payment_delay', shortcut: 'pd-processing',
    en: {
      title: 'Payment is processing',
      body: 'Hi {{customer.firstName | "there"}}, I can see your payment of {{transaction.amount}} from {{transaction.date}} and it is still being processed. Bank transfers usually take 1–3 business days to reach us; as soon as it arrives, the installment will show as paid. You do not need to pay again.',
    },
    sv: {
      title: 'Betalningen behandlas',
      body: 'Hej {{customer.firstName | "och välkommen"}}! Jag ser din betalning på {{transaction.amount}} från {{transaction.date}}, och den behandlas fortfarande. Banköverföringar tar vanligtvis 1–3 bankdagar att nå oss. Så snart den har kommit fram visas delbetalningen som betald. Du behöver inte betala igen.',
    },
    de: {
      title: 'Zahlung wird bearbeitet',
      body: 'Hallo {{customer.firstName | "und willkommen"}}, ich sehe Ihre Zahlung über {{transaction.amount}} vom {{transaction.date}}; sie wird noch bearbeitet. Banküberweisungen brauchen in der Regel 1–3 Werktage, bis sie bei uns ankommen. Sobald die Zahlung eingegangen ist, wird die Rate als bezahlt angezeigt. Sie müssen nicht noch einmal zahlen.',
    },
  },
  {
    category: 'payment_delay', shortcut: 'pd-bank-times',
    en: {
      title: 'Bank processing times',
      body: 'Card payments show straight away. Bank transfers and direct debits take 1–3 business days, and payments made on a weekend or public holiday start processing on the next business day.',
    },
    sv: {
      title: 'Handläggningstider hos banken',
      body: 'Kortbetalningar syns direkt. Banköverföringar och autogiro tar 1–3 bankdagar, och betalningar som görs en helg eller helgdag börjar behandlas nästa bankdag.',
    },
    de: {
      title: 'Bearbeitungszeiten der Bank',
      body: 'Kartenzahlungen sind sofort sichtbar. Banküberweisungen und Lastschriften dauern 1–3 Werktage; Zahlungen, die am Wochenende oder an einem Feiertag veranlasst werden, werden ab dem nächsten Werktag bearbeitet.',
    },
  },
  {
    category: 'payment_delay', shortcut: 'pd-found',
    en: {
      title: 'Payment found and matched',
      body: 'Good news, {{customer.firstName}}: your payment of {{transaction.amount}} has now been matched to your {{order.merchant}} order ({{order.number}}) and installment {{installment.number}} shows as paid. No late fee applies.',
    },
    sv: {
      title: 'Betalningen hittad och kopplad',
      body: 'Goda nyheter, {{customer.firstName}}: din betalning på {{transaction.amount}} är nu kopplad till din order hos {{order.merchant}} ({{order.number}}), och delbetalning {{installment.number}} visas som betald. Ingen förseningsavgift tillkommer.',
    },
    de: {
      title: 'Zahlung gefunden und zugeordnet',
      body: 'Gute Nachrichten, {{customer.firstName}}: Ihre Zahlung über {{transaction.amount}} ist jetzt Ihrer Bestellung bei {{order.merchant}} ({{order.number}}) zugeordnet, und Rate {{installment.number}} wird als bezahlt angezeigt. Es fällt keine Mahngebühr an.',
    },
  },
  {
    category: 'payment_delay', shortcut: 'pd-no-fee',
    en: {
      title: 'No late fee while processing',
      body: 'As you paid before the due date, no late fee will be charged while the payment is being processed. For your records, the payment reference is {{transaction.reference}}.',
    },
    sv: {
      title: 'Ingen avgift medan betalningen behandlas',
      body: 'Eftersom du betalade före förfallodagen tillkommer ingen förseningsavgift medan betalningen behandlas. Betalningens referens är {{transaction.reference}}, om du vill spara den.',
    },
    de: {
      title: 'Keine Mahngebühr während der Bearbeitung',
      body: 'Da Sie vor dem Fälligkeitsdatum gezahlt haben, fällt keine Mahngebühr an, solange die Zahlung bearbeitet wird. Die Referenz der Zahlung lautet {{transaction.reference}}, falls Sie sie notieren möchten.',
    },
  },
  // ---- account verification ----
  {
    category: 'account_verification', shortcut: 'av-tips',
    en: {
      title: 'Verification tips',
      body: 'For the ID check, please use a valid passport or national ID card, take the photo in good light with all four corners visible, and make sure the name matches the one on your account.',
    },
    sv: {
      title: 'Tips för id-kontrollen',
      body: 'Använd ett giltigt pass eller nationellt id-kort för id-kontrollen. Ta bilden i bra ljus så att alla fyra hörn syns, och kontrollera att namnet stämmer med namnet på ditt konto.',
    },
    de: {
      title: 'Tipps zur Identitätsprüfung',
      body: 'Bitte verwenden Sie für die Identitätsprüfung einen gültigen Reisepass oder Personalausweis. Fotografieren Sie ihn bei gutem Licht, sodass alle vier Ecken zu sehen sind, und achten Sie darauf, dass der Name mit dem Namen in Ihrem Konto übereinstimmt.',
    },
  },
  {
    category: 'account_verification', shortcut: 'av-bank-link',
    en: {
      title: 'Link your bank account',
      body: 'To link your bank, go to Profile > Payment methods > Add bank account and log in with your bank. If the bank login times out, you can add the account manually instead and we will verify it with two small deposits.',
    },
    sv: {
      title: 'Koppla ditt bankkonto',
      body: 'För att koppla din bank går du till Profil > Betalsätt > Lägg till bankkonto och loggar in hos din bank. Om inloggningen avbryts kan du i stället lägga till kontot manuellt, så verifierar vi det med två små insättningar.',
    },
    de: {
      title: 'Bankkonto verknüpfen',
      body: 'Um Ihr Bankkonto zu verknüpfen, gehen Sie zu Profil > Zahlungsarten > Bankkonto hinzufügen und melden sich bei Ihrer Bank an. Falls die Anmeldung abbricht, können Sie das Konto auch manuell hinzufügen; wir bestätigen es dann mit zwei kleinen Überweisungen.',
    },
  },
  {
    category: 'account_verification', shortcut: 'av-in-review',
    en: {
      title: 'Verification in review',
      body: 'Thanks for your patience, {{customer.firstName}}. Your documents are in review; this normally takes up to 24 hours and you will get an email as soon as it is done.',
    },
    sv: {
      title: 'Verifieringen granskas',
      body: 'Tack för ditt tålamod, {{customer.firstName}}. Dina dokument granskas just nu. Det tar normalt upp till 24 timmar, och du får ett mejl så snart det är klart.',
    },
    de: {
      title: 'Verifizierung in Prüfung',
      body: 'Vielen Dank für Ihre Geduld, {{customer.firstName}}. Ihre Unterlagen werden gerade geprüft. Das dauert normalerweise bis zu 24 Stunden; Sie erhalten eine E-Mail, sobald die Prüfung abgeschlossen ist.',
    },
  },
  {
    category: 'account_verification', shortcut: 'av-manual-review',
    en: {
      title: 'Manual review requested',
      body: 'I have asked our verification team to review your documents manually. You will hear from us by email within 1 business day; your reference is {{ticket.reference}}.',
    },
    sv: {
      title: 'Manuell granskning begärd',
      body: 'Jag har bett vårt verifieringsteam att granska dina dokument manuellt. Du hör av oss via mejl inom en arbetsdag. Ditt referensnummer är {{ticket.reference}}.',
    },
    de: {
      title: 'Manuelle Prüfung angefordert',
      body: 'Ich habe unser Verifizierungsteam gebeten, Ihre Unterlagen manuell zu prüfen. Sie hören innerhalb eines Werktags per E-Mail von uns. Ihre Referenznummer lautet {{ticket.reference}}.',
    },
  },
  // ---- refund / return ----
  {
    category: 'refund_return', shortcut: 'rr-paused',
    en: {
      title: 'Return registered, payments paused',
      body: 'Hi {{customer.firstName | "there"}}, the return for your {{order.merchant}} order {{order.number}} is registered and your payments are paused while it is handled, so you will not be charged in the meantime.',
    },
    sv: {
      title: 'Retur registrerad, betalningar pausade',
      body: 'Hej {{customer.firstName | "och välkommen"}}! Returen för din order {{order.number}} hos {{order.merchant}} är registrerad, och dina betalningar är pausade medan den hanteras. Du debiteras alltså ingenting under tiden.',
    },
    de: {
      title: 'Rücksendung registriert, Zahlungen pausiert',
      body: 'Hallo {{customer.firstName | "und willkommen"}}, die Rücksendung Ihrer Bestellung {{order.number}} bei {{order.merchant}} ist registriert. Ihre Zahlungen sind pausiert, solange sie bearbeitet wird; in der Zwischenzeit wird also nichts abgebucht.',
    },
  },
  {
    category: 'refund_return', shortcut: 'rr-timeline',
    en: {
      title: 'Refund timeline',
      body: 'Once {{order.merchant}} confirms the return, we process the refund of {{return.refundAmount}} within 1–2 business days. Refunds to a card can take a further 3–5 business days to appear on your statement.',
    },
    sv: {
      title: 'Tidslinje för återbetalning',
      body: 'När {{order.merchant}} har bekräftat returen behandlar vi återbetalningen på {{return.refundAmount}} inom 1–2 bankdagar. Återbetalningar till kort kan ta ytterligare 3–5 bankdagar innan de syns på ditt kontoutdrag.',
    },
    de: {
      title: 'Ablauf der Erstattung',
      body: 'Sobald {{order.merchant}} die Rücksendung bestätigt, bearbeiten wir die Erstattung über {{return.refundAmount}} innerhalb von 1–2 Werktagen. Bei Erstattungen auf eine Karte kann es weitere 3–5 Werktage dauern, bis sie auf Ihrer Abrechnung erscheinen.',
    },
  },
  {
    category: 'refund_return', shortcut: 'rr-how',
    en: {
      title: 'How to return an item',
      body: 'Returns go through the store: follow the return instructions from {{order.merchant | "the store"}} and, once they register the return, we pause your payments automatically. You can also report a return in the app under Purchases > {{order.number}} > Report a return. The last day to return this order is {{order.returnWindowEnd}}.',
    },
    sv: {
      title: 'Så returnerar du en vara',
      body: 'Returer går via butiken: följ returinstruktionerna från {{order.merchant | "butiken"}}. När butiken har registrerat returen pausar vi dina betalningar automatiskt. Du kan också anmäla en retur i appen under Köp > {{order.number}} > Anmäl retur. Sista dagen att returnera den här ordern är {{order.returnWindowEnd}}.',
    },
    de: {
      title: 'So funktioniert die Rücksendung',
      body: 'Rücksendungen laufen über den Händler: Bitte folgen Sie den Rücksendehinweisen von {{order.merchant}}. Sobald die Rücksendung dort registriert ist, pausieren wir Ihre Zahlungen automatisch. Sie können eine Rücksendung auch in der App unter Einkäufe > {{order.number}} > Rücksendung melden eintragen. Letzter Tag für die Rücksendung dieser Bestellung ist der {{order.returnWindowEnd}}.',
    },
  },
  {
    category: 'refund_return', shortcut: 'rr-partial',
    en: {
      title: 'Partial refund explained',
      body: '{{order.merchant | "The store"}} refunded {{return.refundAmount}} for the items you sent back. The money goes back to the card or bank account you paid with, and the rest of the order stays on your payment plan.',
    },
    sv: {
      title: 'Delvis återbetalning',
      body: '{{order.merchant | "Butiken"}} har återbetalat {{return.refundAmount}} för varorna du skickade tillbaka. Pengarna går tillbaka till kortet eller bankkontot du betalade med, och resten av ordern ligger kvar på din betalplan.',
    },
    de: {
      title: 'Teilerstattung erklärt',
      body: '{{order.merchant | "Der Händler"}} hat {{return.refundAmount}} für die zurückgeschickten Artikel erstattet. Das Geld geht auf die Karte oder das Bankkonto zurück, mit dem Sie bezahlt haben; der Rest der Bestellung bleibt in Ihrem Zahlungsplan.',
    },
  },
  // ---- missed payment ----
  {
    category: 'missed_payment', shortcut: 'mp-options',
    en: {
      title: 'Missed payment options',
      body: 'Hi {{customer.firstName | "there"}}, your installment of {{installment.amount}} due {{installment.dueDate}} has not been collected. You can pay it now in the app under Payments > Pay now, or change the card we charge. Paying within 10 days of the due date avoids a late fee.',
    },
    sv: {
      title: 'Missad betalning: alternativ',
      body: 'Hej {{customer.firstName | "och välkommen"}}! Din delbetalning på {{installment.amount}} med förfallodag {{installment.dueDate}} har inte kunnat dras. Du kan betala den direkt i appen under Betalningar > Betala nu, eller byta kortet vi debiterar. Betalar du inom 10 dagar från förfallodagen slipper du förseningsavgift.',
    },
    de: {
      title: 'Verpasste Zahlung: Möglichkeiten',
      body: 'Hallo {{customer.firstName | "und willkommen"}}, Ihre Rate über {{installment.amount}}, fällig am {{installment.dueDate}}, konnte nicht eingezogen werden. Sie können sie jetzt in der App unter Zahlungen > Jetzt bezahlen begleichen oder die belastete Karte ändern. Wenn Sie innerhalb von 10 Tagen nach dem Fälligkeitsdatum zahlen, fällt keine Mahngebühr an.',
    },
  },
  {
    category: 'missed_payment', shortcut: 'mp-late-fee',
    en: {
      title: 'Late fee explained',
      body: 'A late fee is added when an installment is still unpaid 10 days after its due date. It is never more than 25% of the order value, and it is shown in the app next to the installment. The fee on installment {{installment.number}} is {{installment.lateFee | "not charged yet"}}.',
    },
    sv: {
      title: 'Förseningsavgiften förklarad',
      body: 'En förseningsavgift läggs till om en delbetalning fortfarande är obetald 10 dagar efter förfallodagen. Den är aldrig högre än 25 % av orderns värde och visas i appen bredvid delbetalningen. Avgiften på delbetalning {{installment.number}} är {{installment.lateFee | "inte debiterad ännu"}}.',
    },
    de: {
      title: 'Mahngebühr erklärt',
      body: 'Eine Mahngebühr fällt an, wenn eine Rate 10 Tage nach dem Fälligkeitsdatum noch nicht bezahlt ist. Sie beträgt nie mehr als 25 % des Bestellwerts und wird in der App neben der Rate angezeigt. Die Gebühr für Rate {{installment.number}} beträgt {{installment.lateFee | "derzeit nichts"}}.',
    },
  },
  {
    category: 'missed_payment', shortcut: 'mp-extend',
    en: {
      title: 'Extend the due date',
      body: 'I can move the due date of installment {{installment.number}} ({{installment.amount}}, due {{installment.dueDate}}) once by up to 14 days, free of charge. Shall I go ahead?',
    },
    sv: {
      title: 'Flytta förfallodagen',
      body: 'Jag kan flytta förfallodagen för delbetalning {{installment.number}} ({{installment.amount}}, förfaller {{installment.dueDate}}) en gång med upp till 14 dagar, utan kostnad. Vill du att jag gör det?',
    },
    de: {
      title: 'Fälligkeit verschieben',
      body: 'Ich kann das Fälligkeitsdatum von Rate {{installment.number}} ({{installment.amount}}, fällig am {{installment.dueDate}}) einmalig um bis zu 14 Tage verschieben, kostenlos. Soll ich das für Sie erledigen?',
    },
  },
  {
    category: 'missed_payment', shortcut: 'mp-hardship',
    en: {
      title: 'Financial difficulty',
      body: 'Thank you for telling us, {{customer.firstName}}. I am passing your case to a specialist colleague who can set up a payment plan that works for you. While we do that, we will not charge late fees or send your account to collections. Your reference is {{ticket.reference}}.',
    },
    sv: {
      title: 'Ekonomiska svårigheter',
      body: 'Tack för att du berättar det, {{customer.firstName}}. Jag lämnar över ditt ärende till en specialist som kan ta fram en betalplan som fungerar för dig. Under tiden tar vi inte ut några förseningsavgifter och skickar inte ärendet till inkasso. Ditt referensnummer är {{ticket.reference}}.',
    },
    de: {
      title: 'Finanzielle Schwierigkeiten',
      body: 'Danke, dass Sie uns das mitteilen, {{customer.firstName}}. Ich übergebe Ihren Fall an unser Fachteam, das mit Ihnen einen passenden Zahlungsplan vereinbart. In der Zwischenzeit berechnen wir keine Mahngebühren und geben Ihr Konto nicht an ein Inkassounternehmen ab. Ihre Referenznummer lautet {{ticket.reference}}.',
    },
  },
  // ---- technical glitch ----
  {
    category: 'technical_glitch', shortcut: 'tg-update',
    en: {
      title: 'Update the app',
      body: 'Could you update the app to the latest version from the App Store or Google Play and restart it? Many display issues are fixed in the newest version.',
    },
    sv: {
      title: 'Uppdatera appen',
      body: 'Kan du uppdatera appen till den senaste versionen från App Store eller Google Play och starta om den? Många visningsproblem är åtgärdade i den nyaste versionen.',
    },
    de: {
      title: 'App aktualisieren',
      body: 'Könnten Sie die App über den App Store oder Google Play auf die neueste Version aktualisieren und neu starten? Viele Anzeigeprobleme sind in der aktuellen Version behoben.',
    },
  },
  {
    category: 'technical_glitch', shortcut: 'tg-clear-cache',
    en: {
      title: 'Clear cache / cookies',
      body: 'Please try logging out, clearing the app cache (or your browser cookies for our site) and logging in again. If the problem continues, a screenshot of the error helps us a lot.',
    },
    sv: {
      title: 'Rensa cache och cookies',
      body: 'Prova att logga ut, rensa appens cache (eller webbläsarens cookies för vår webbplats) och logga in igen. Om problemet finns kvar hjälper en skärmbild av felet oss mycket.',
    },
    de: {
      title: 'Cache und Cookies löschen',
      body: 'Bitte melden Sie sich ab, leeren Sie den App-Cache (oder die Browser-Cookies für unsere Website) und melden Sie sich erneut an. Falls das Problem weiterhin besteht, hilft uns ein Screenshot der Fehlermeldung sehr.',
    },
  },
  {
    category: 'technical_glitch', shortcut: 'tg-incident',
    en: {
      title: 'Known incident',
      body: 'Thanks for reporting this, {{customer.firstName}}. We are aware of an issue causing error {{incident.errorCode}} and our engineers are working on it. Your account and payments are not affected; I have noted your case ({{ticket.reference}}) so we can follow up.',
    },
    sv: {
      title: 'Känt driftproblem',
      body: 'Tack för att du hör av dig om det här, {{customer.firstName}}. Vi känner till ett problem som ger felkoden {{incident.errorCode}}, och våra tekniker arbetar på en lösning. Ditt konto och dina betalningar påverkas inte. Jag har noterat ditt ärende ({{ticket.reference}}) så att vi kan återkomma.',
    },
    de: {
      title: 'Bekannte Störung',
      body: 'Danke für Ihre Meldung, {{customer.firstName}}. Uns ist ein Problem bekannt, das den Fehler {{incident.errorCode}} verursacht, und unser Technikteam arbeitet daran. Ihr Konto und Ihre Zahlungen sind nicht betroffen. Ich habe Ihren Fall ({{ticket.reference}}) vermerkt, damit wir uns bei Ihnen melden können.',
    },
  },
  {
    category: 'technical_glitch', shortcut: 'tg-screenshot',
    en: {
      title: 'Ask for a screenshot',
      body: 'Could you send me a screenshot of the error? Use the paperclip button below the chat. Please do not include your full card number in the picture.',
    },
    sv: {
      title: 'Be om en skärmbild',
      body: 'Kan du skicka en skärmbild av felet? Använd gem-knappen under chatten. Se till att hela kortnumret inte syns på bilden.',
    },
    de: {
      title: 'Um einen Screenshot bitten',
      body: 'Könnten Sie mir einen Screenshot der Fehlermeldung schicken? Nutzen Sie dafür die Büroklammer unter dem Chat. Bitte achten Sie darauf, dass Ihre vollständige Kartennummer nicht auf dem Bild zu sehen ist.',
    },
  },
  // ---- other ----
  {
    category: 'other', shortcut: 'ot-hello',
    en: { title: 'Greeting', body: 'Hi {{customer.firstName | "there"}}, thanks for contacting us. My name is {{agent.firstName}}. How can I help you today?' },
    sv: { title: 'Hälsning', body: 'Hej {{customer.firstName | "och välkommen"}}! Tack för att du kontaktar oss. Jag heter {{agent.firstName}}. Hur kan jag hjälpa dig i dag?' },
    de: { title: 'Begrüßung', body: 'Hallo {{customer.firstName | "und willkommen"}}, danke für Ihre Nachricht. Mein Name ist {{agent.firstName}}. Wie kann ich Ihnen heute helfen?' },
  },
  {
    category: 'other', shortcut: 'ot-hold',
    en: { title: 'One moment', body: 'Thanks, give me a moment while I look into your account.' },
    sv: { title: 'Ett ögonblick', body: 'Tack! Ge mig en liten stund medan jag tittar på ditt konto.' },
    de: { title: 'Einen Moment', body: 'Danke, einen Moment bitte, ich sehe mir Ihr Konto kurz an.' },
  },
  {
    category: 'other', shortcut: 'ot-anything-else',
    en: { title: 'Anything else?', body: 'Is there anything else I can help you with today?' },
    sv: { title: 'Något mer?', body: 'Finns det något mer jag kan hjälpa dig med i dag?' },
    de: { title: 'Sonst noch etwas?', body: 'Kann ich Ihnen heute sonst noch weiterhelfen?' },
  },
  {
    category: 'other', shortcut: 'ot-closing',
    en: {
      title: 'Closing with reference',
      body: 'Thanks for chatting with us, {{customer.firstName}}. If you need to get back to us about this, just quote your reference {{ticket.reference}}. Have a lovely day!',
    },
    sv: {
      title: 'Avslutning med referens',
      body: 'Tack för att du chattade med oss, {{customer.firstName}}. Om du behöver höra av dig igen om det här, uppge bara ditt referensnummer {{ticket.reference}}. Ha en fin dag!',
    },
    de: {
      title: 'Abschluss mit Referenz',
      body: 'Vielen Dank für den Chat, {{customer.firstName}}. Wenn Sie sich dazu noch einmal melden möchten, nennen Sie einfach Ihre Referenznummer {{ticket.reference}}. Einen schönen Tag noch!',
    },
  },
  {
    category: 'other', shortcut: 'ot-spending-limit',
    en: {
      title: 'Spending limit',
      body: 'Your spending limit, currently {{account.spendingLimit}}, is set automatically from your payment history and is reviewed regularly. Paying on time is the best way to see it grow; we are not able to raise it manually.',
    },
    sv: {
      title: 'Köpgräns',
      body: 'Din köpgräns, just nu {{account.spendingLimit}}, sätts automatiskt utifrån din betalningshistorik och ses över regelbundet. Att betala i tid är det bästa sättet att få den att öka; vi kan tyvärr inte höja den manuellt.',
    },
    de: {
      title: 'Ausgabelimit',
      body: 'Ihr Ausgabelimit, derzeit {{account.spendingLimit}}, wird automatisch anhand Ihrer Zahlungshistorie festgelegt und regelmäßig überprüft. Pünktliche Zahlungen sind der beste Weg, es zu erhöhen; manuell können wir es leider nicht anheben.',
    },
  },
];

const LANGUAGES: readonly CannedLanguage[] = ['en', 'sv', 'de'];

/** One row per reply and language. Throws at load if a body uses a variable the catalogue lacks. */
export const CANNED_REPLIES: readonly CannedReplySpec[] = TRANSLATED.flatMap((t) =>
  LANGUAGES.map((language): CannedReplySpec => {
    const { title, body } = t[language];
    const unknown = unknownVariables(body);
    if (unknown.length > 0) throw new Error(`canned reply ${t.shortcut} (${language}) uses unknown variables: ${unknown.join(', ')}`);
    return { category: t.category, language, title, shortcut: t.shortcut, body };
  }),
);

function replyBody(shortcut: string): string {
  const reply = CANNED_REPLIES.find((r) => r.shortcut === shortcut && r.language === 'en');
  if (!reply) throw new Error(`no canned reply ${shortcut}`);
  return reply.body;
}


// ---- macros ---------------------------------------------------------------------------------
// One per common issue that takes a chat from the customer's question to "resolved, next chat"
// (first in each category, so Ctrl/Cmd+Shift+1 runs it), then the usual variations. A macro
// that needs a value the records lack asks for it first (an amount, a date); its reply is then
// its own text in each language. Money-moving account actions (extend a due date, waive a fee)
// are never macro steps: they keep their confirm dialog (UX.md §7.9), so "Offer a later due
// date" only offers it.

type MacroDraft = { category: Category; title: string; inputs?: z.input<typeof MacroInput>[]; steps: z.input<typeof MacroStep>[] };

const canned = (shortcut: string): z.input<typeof MacroStep> => ({ type: 'insertCannedReply', shortcut });
const note = (body: string): z.input<typeof MacroStep> => ({ type: 'addNote', body });
const RESOLVE_AND_NEXT: z.input<typeof MacroStep>[] = [{ type: 'resolve' }, { type: 'nextChat' }];
const WAIT_AND_NEXT: z.input<typeof MacroStep>[] = [{ type: 'setStatus', status: 'pending' }, { type: 'nextChat' }];

const MACRO_DRAFTS: readonly MacroDraft[] = [
  // ---- payment delay ----
  {
    category: 'payment_delay',
    title: 'Payment on its way: expected date, resolve',
    inputs: [{ key: 'expectedBy', label: 'Expected by', type: 'date', prefill: { from: 'today', addDays: 3, businessDays: true } }],
    steps: [
      {
        type: 'insertReply',
        text: {
          en: 'Hi {{customer.firstName | "there"}}, I can see your payment of {{transaction.amount}} from {{transaction.date}}; it is still on its way from your bank. It should reach us by {{input.expectedBy}}, and the installment will then show as paid by itself. You don’t need to pay again, and no late fee is charged while it is on its way.',
          sv: 'Hej {{customer.firstName | "och välkommen"}}! Jag ser din betalning på {{transaction.amount}} från {{transaction.date}}, och den är fortfarande på väg från din bank. Den bör vara hos oss senast {{input.expectedBy}}, och då visas delbetalningen som betald automatiskt. Du behöver inte betala igen, och ingen förseningsavgift tas ut medan betalningen är på väg.',
          de: 'Hallo {{customer.firstName | "und willkommen"}}, ich sehe Ihre Zahlung über {{transaction.amount}} vom {{transaction.date}}; sie ist noch von Ihrer Bank zu uns unterwegs. Sie sollte spätestens am {{input.expectedBy}} bei uns eingehen, danach wird die Rate automatisch als bezahlt angezeigt. Sie müssen nicht noch einmal zahlen, und solange die Zahlung unterwegs ist, fällt keine Mahngebühr an.',
        },
      },
      note('Payment {{transaction.reference | "(no reference)"}} of {{transaction.amount | "(amount unknown)"}} still pending at the bank; customer told to expect it by {{input.expectedBy}}.'),
      ...RESOLVE_AND_NEXT,
    ],
  },
  { category: 'payment_delay', title: 'Payment found: confirm and resolve', steps: [canned('pd-found'), ...RESOLVE_AND_NEXT] },
  { category: 'payment_delay', title: 'Still processing: wait for the bank', steps: [canned('pd-processing'), ...WAIT_AND_NEXT] },
  // ---- account verification ----
  {
    category: 'account_verification',
    title: 'Documents in review: resolve',
    steps: [canned('av-in-review'), note('Documents are in review; customer told it takes up to 24 hours and an email follows.'), ...RESOLVE_AND_NEXT],
  },
  {
    category: 'account_verification',
    title: 'Manual review: escalate to a senior agent',
    steps: [
      canned('av-manual-review'),
      { type: 'escalate', to: 'senior', reason: 'Manual document review requested; the automatic check says {{account.verificationStatus | "nothing"}}.' },
      { type: 'nextChat' },
    ],
  },
  { category: 'account_verification', title: 'Verification tips: wait for a new photo', steps: [canned('av-tips'), ...WAIT_AND_NEXT] },
  // ---- refund / return ----
  {
    category: 'refund_return',
    title: 'Refund confirmed: amount, resolve',
    inputs: [{ key: 'amount', label: 'Refund amount', type: 'money', prefill: { from: 'return.refundAmount' } }],
    steps: [
      {
        type: 'insertReply',
        text: {
          en: 'Hi {{customer.firstName | "there"}}, good news: {{order.merchant | "the store"}} has confirmed your return, and we are refunding {{input.amount}} for order {{order.number}}. It reaches your card or bank account within 3–5 business days, and your payment plan is updated to match.',
          sv: 'Hej {{customer.firstName | "och välkommen"}}! Goda nyheter: {{order.merchant | "butiken"}} har bekräftat din retur, och vi återbetalar {{input.amount}} för order {{order.number}}. Pengarna når ditt kort eller bankkonto inom 3–5 bankdagar, och din betalplan uppdateras efter det.',
          de: 'Hallo {{customer.firstName | "und willkommen"}}, gute Nachrichten: {{order.merchant | "Der Händler"}} hat Ihre Rücksendung bestätigt, und wir erstatten Ihnen {{input.amount}} für die Bestellung {{order.number}}. Das Geld ist innerhalb von 3–5 Werktagen auf Ihrer Karte oder Ihrem Bankkonto, und Ihr Zahlungsplan wird entsprechend angepasst.',
        },
      },
      note('Refund of {{input.amount}} for {{order.number | "the order"}} confirmed to the customer.'),
      ...RESOLVE_AND_NEXT,
    ],
  },
  { category: 'refund_return', title: 'Return registered: payments paused, resolve', steps: [canned('rr-paused'), ...RESOLVE_AND_NEXT] },
  { category: 'refund_return', title: 'How to return: wait for the customer', steps: [canned('rr-how'), ...WAIT_AND_NEXT] },
  // ---- missed payment ----
  {
    category: 'missed_payment',
    title: 'Pay-now options: resolve',
    steps: [
      canned('mp-options'),
      note('Sent the pay-now options for installment {{installment.number | "(unknown)"}} ({{installment.amount | "amount unknown"}}).'),
      ...RESOLVE_AND_NEXT,
    ],
  },
  {
    category: 'missed_payment',
    title: 'Offer a later due date',
    inputs: [{ key: 'newDueDate', label: 'New due date', type: 'date', prefill: { from: 'installment.dueDate', addDays: 14 } }],
    steps: [
      {
        type: 'insertReply',
        text: {
          en: 'I can move the due date of installment {{installment.number}} ({{installment.amount}}) to {{input.newDueDate}}, free of charge. Shall I go ahead?',
          sv: 'Jag kan flytta förfallodagen för delbetalning {{installment.number}} ({{installment.amount}}) till {{input.newDueDate}}, utan kostnad. Vill du att jag gör det?',
          de: 'Ich kann das Fälligkeitsdatum von Rate {{installment.number}} ({{installment.amount}}) kostenlos auf den {{input.newDueDate}} verschieben. Soll ich das für Sie erledigen?',
        },
      },
      { type: 'setStatus', status: 'pending' },
    ],
  },
  {
    category: 'missed_payment',
    title: 'Financial difficulty: hand over to a specialist',
    steps: [
      canned('mp-hardship'),
      note('Customer reports financial difficulty: no late fees or collections while a payment plan is arranged.'),
      { type: 'escalate', to: 'senior', reason: 'Financial difficulty: needs a payment arrangement.' },
      { type: 'nextChat' },
    ],
  },
  // ---- technical glitch ----
  {
    category: 'technical_glitch',
    title: 'App glitch: update the app, resolve',
    steps: [canned('tg-update'), note('Asked the customer to update the app and restart it.'), ...RESOLVE_AND_NEXT],
  },
  {
    category: 'technical_glitch',
    title: 'Known incident: error code, follow up',
    inputs: [{ key: 'errorCode', label: 'Error code', type: 'text' }],
    steps: [
      {
        type: 'insertReply',
        text: {
          en: 'Thanks for reporting this, {{customer.firstName | "and sorry for the trouble"}}. We know about an issue that shows error {{input.errorCode}}, and our engineers are working on it. Your account and payments are not affected; we will follow up under your reference {{ticket.reference}} once it is fixed.',
          sv: 'Tack för att du hör av dig om det här, {{customer.firstName | "och förlåt för besväret"}}. Vi känner till ett problem som visar felet {{input.errorCode}}, och våra tekniker arbetar på en lösning. Ditt konto och dina betalningar påverkas inte. Vi återkommer under ditt referensnummer {{ticket.reference}} när felet är åtgärdat.',
          de: 'Danke für Ihre Meldung, {{customer.firstName | "und entschuldigen Sie die Umstände"}}. Uns ist ein Problem bekannt, bei dem der Fehler {{input.errorCode}} erscheint, und unser Technikteam arbeitet daran. Ihr Konto und Ihre Zahlungen sind nicht betroffen. Wir melden uns unter Ihrer Referenznummer {{ticket.reference}}, sobald der Fehler behoben ist.',
        },
      },
      note('Known incident, error {{input.errorCode}}: follow up once it is fixed.'),
      { type: 'setPriority', priority: 'high' },
      ...WAIT_AND_NEXT,
    ],
  },
  { category: 'technical_glitch', title: 'Ask for a screenshot', steps: [canned('tg-screenshot'), ...WAIT_AND_NEXT] },
  // ---- other ----
  { category: 'other', title: 'Close with reference: resolve', steps: [canned('ot-closing'), ...RESOLVE_AND_NEXT] },
  { category: 'other', title: 'Anything else? Wait for the customer', steps: [canned('ot-anything-else'), { type: 'setStatus', status: 'pending' }] },
  {
    category: 'other',
    title: 'Needs another team: back to the queue',
    steps: [
      {
        type: 'insertReply',
        text: {
          en: 'Thanks, {{customer.firstName | "and thanks for waiting"}}. A colleague who handles exactly this will take over in a moment; please stay in the chat. Your reference is {{ticket.reference}}.',
          sv: 'Tack, {{customer.firstName | "och tack för att du väntar"}}. En kollega som arbetar med just det här tar över om en liten stund, så stanna gärna kvar i chatten. Ditt referensnummer är {{ticket.reference}}.',
          de: 'Danke, {{customer.firstName | "und danke für Ihre Geduld"}}. Eine Kollegin oder ein Kollege, die genau dafür zuständig sind, übernimmt gleich; bitte bleiben Sie im Chat. Ihre Referenznummer lautet {{ticket.reference}}.',
        },
      },
      { type: 'transfer', agentId: null, note: 'Needs another team: handed back to the queue.' },
      { type: 'nextChat' },
    ],
  },
];

const SHORTCUTS_BY_LANGUAGE = new Map(LANGUAGES.map((l) => [l, new Set(CANNED_REPLIES.filter((r) => r.language === l).map((r) => r.shortcut))] as const));

/** The demo macros, checked at load: steps, inputs and templates against the catalogue and the replies. */
export const MACROS: readonly MacroSpec[] = MACRO_DRAFTS.map((draft) => {
  const steps = draft.steps.map((s) => MacroStep.parse(s));
  const inputs = (draft.inputs ?? []).map((i) => MacroInput.parse(i));
  const problems = macroProblems({ steps, inputs }, { cannedShortcuts: SHORTCUTS_BY_LANGUAGE });
  if (problems.length > 0) throw new Error(`macro “${draft.title}”: ${problems.join('; ')}`);
  const position = MACRO_DRAFTS.filter((d) => d.category === draft.category).indexOf(draft);
  return { category: draft.category, title: draft.title, position, inputs, steps, ...legacyFields(steps, replyBody) };
});
