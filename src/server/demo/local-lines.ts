/**
 * The German and Swedish lines of a thread whose customer writes in their own language: what the
 * customer answers, the agent's own (non-canned) words, greetings, closings and email wrappers.
 * German agents write "Sie", Swedish ones "du", as the canned replies do.
 */
import type { Category } from '../../shared/domain';

export type LocalLang = 'de' | 'sv';

interface Local {
  greet(first: string, agent: string): string;
  seniorGreet(first: string, senior: string): string;
  acks: readonly string[];
  followUps: Record<Category, readonly string[]>;
  customerAcks: readonly string[];
  customerDone: readonly string[];
  customerThanks: readonly string[];
  waitingLines: readonly string[];
  agentOwn: readonly string[];
  /** After looking the case up, when no canned reply fits. */
  agentLookup: readonly string[];
  seniorOwn: string;
  anythingElse: string;
  nothingElse: readonly string[];
  closing(first: string, reference: string): string;
  mailFromCustomer(text: string, first: string): string;
  mailToCustomer(first: string, parts: string, closing: string, name: string): string;
  mailClosing(reference: string): string;
}

export const LOCAL: Record<LocalLang, Local> = {
  de: {
    greet: (first, agent) => `Hallo ${first}, ich bin ${agent}.`,
    seniorGreet: (first, senior) => `Hallo ${first}, hier ist ${senior} aus dem Fachteam.`,
    acks: ['Ich sehe mir das gleich an.', 'Einen Moment, ich prüfe das für Sie.', 'Danke für Ihre Nachricht, ich schaue nach.'],
    followUps: {
      payment_delay: ['Muss ich also nicht noch einmal zahlen?', 'Und es kommt keine Mahngebühr dazu?', 'Warum dauert das so lange? Das Geld ist doch schon weg.'],
      refund_return: ['Und wann bekomme ich mein Geld zurück?', 'Muss ich die nächste Rate trotzdem zahlen?', 'Werden die restlichen Raten automatisch angepasst?'],
      missed_payment: ['Kann ich das jetzt direkt in der App bezahlen?', 'Mein Gehalt kommt am Freitag, geht das dann noch?', 'Hat das Auswirkungen auf meine Bonität?'],
      account_verification: ['Das habe ich alles schon gemacht, mehrmals.', 'Wie lange dauert die Prüfung normalerweise?', 'Okay, ich versuche es noch einmal.'],
      technical_glitch: ['Gibt es einen anderen Weg zu zahlen?', 'Ich habe die App schon neu installiert.', 'Soll ich es später nochmal probieren?'],
      other: ['Muss ich in der App selbst etwas machen?', 'Ändert das etwas an meinen aktuellen Einkäufen?'],
    },
    customerAcks: ['Okay, danke.', 'Alles klar.', 'Verstehe.', 'Gut zu wissen.'],
    customerDone: ['Hab es gerade gemacht, jetzt geht es!', 'Erledigt, hat funktioniert.'],
    customerThanks: ['Danke für die Hilfe!', 'Super, vielen Dank.', 'Danke, das hilft mir.'],
    waitingLines: ['Hallo? Ist da jemand?', 'Es geht um meine letzte Bestellung.'],
    agentOwn: ['Genau, Sie müssen dafür nichts weiter tun.', 'Das verstehe ich. Ich habe es in Ihrem Fall vermerkt.', 'Ja, das ist richtig so.', 'Gern, dafür sind wir da.'],
    agentLookup: ['Ich habe mir Ihr Konto angesehen: Das ist bei uns vermerkt und wird bearbeitet.', 'Danke fürs Warten. Ich sehe den Vorgang und habe das für Sie geprüft.'],
    seniorOwn: 'Ich habe mir Ihren Fall angesehen und kümmere mich darum. Sie bekommen heute noch eine E-Mail mit allen Details.',
    anythingElse: 'Kann ich sonst noch etwas für Sie tun?',
    nothingElse: ['Nein, das war alles. Danke!', 'Nein danke, schönen Tag noch.', 'Das war alles, vielen Dank.'],
    closing: (first, reference) => `Danke für den Chat, ${first}! Ihre Referenznummer ist ${reference}, falls Sie sich noch einmal melden möchten.`,
    mailFromCustomer: (text, first) => `Hallo,\n\n${text}\n\nViele Grüße\n${first}`,
    mailToCustomer: (first, parts, closing, name) => `Hallo ${first},\n\n${parts}${closing}\n\nFreundliche Grüße\n${name}\nKundenservice`,
    mailClosing: (reference) => `\n\nIhre Referenznummer ist ${reference}; antworten Sie einfach auf diese E-Mail, wenn noch etwas ist.`,
  },
  sv: {
    greet: (first, agent) => `Hej ${first}! Jag heter ${agent}.`,
    seniorGreet: (first, senior) => `Hej ${first}! Det är ${senior} från specialistteamet.`,
    acks: ['Jag kollar på det direkt.', 'Ett ögonblick, jag tittar på det åt dig.', 'Tack för ditt meddelande, jag kollar.'],
    followUps: {
      payment_delay: ['Så jag behöver inte betala igen?', 'Och det blir ingen förseningsavgift?', 'Varför tar det så lång tid? Pengarna har ju redan dragits.'],
      refund_return: ['Och när får jag tillbaka pengarna?', 'Måste jag ändå betala nästa delbetalning?', 'Justeras resten av delbetalningarna automatiskt?'],
      missed_payment: ['Kan jag betala direkt i appen nu?', 'Lönen kommer på fredag, går det bra då?', 'Påverkar det min kreditvärdighet?'],
      account_verification: ['Det har jag redan gjort, flera gånger.', 'Hur lång tid brukar granskningen ta?', 'Okej, jag försöker igen.'],
      technical_glitch: ['Finns det något annat sätt att betala?', 'Jag har redan installerat om appen.', 'Ska jag försöka igen senare?'],
      other: ['Behöver jag göra något själv i appen?', 'Påverkar det mina nuvarande köp?'],
    },
    customerAcks: ['Okej, tack.', 'Jag förstår.', 'Toppen.', 'Bra att veta.'],
    customerDone: ['Gjorde det nu, nu funkar det!', 'Klart, det fungerade.'],
    customerThanks: ['Tack för hjälpen!', 'Super, tack så mycket.', 'Tack, det hjälper.'],
    waitingLines: ['Hallå? Är det någon där?', 'Det gäller min senaste order.'],
    agentOwn: ['Precis, du behöver inte göra något mer.', 'Jag förstår. Jag har noterat det i ditt ärende.', 'Ja, det stämmer.', 'Absolut, det är det vi är här för.'],
    agentLookup: ['Jag har tittat på ditt konto: det är noterat hos oss och hanteras.', 'Tack för att du väntade. Jag ser ärendet och har kollat det åt dig.'],
    seniorOwn: 'Jag har tittat på ditt ärende och tar hand om det. Du får ett mejl med alla detaljer i dag.',
    anythingElse: 'Är det något mer jag kan hjälpa dig med?',
    nothingElse: ['Nej, det var allt. Tack!', 'Nej tack, ha en bra dag.', 'Det var allt, tack så mycket.'],
    closing: (first, reference) => `Tack för att du hörde av dig, ${first}! Ditt referensnummer är ${reference} om du behöver kontakta oss igen.`,
    mailFromCustomer: (text, first) => `Hej,\n\n${text}\n\nMvh\n${first}`,
    mailToCustomer: (first, parts, closing, name) => `Hej ${first},\n\n${parts}${closing}\n\nVänliga hälsningar\n${name}\nKundservice`,
    mailClosing: (reference) => `\n\nDitt referensnummer är ${reference}; svara bara på det här mejlet om det är något mer.`,
  },
};
