/**
 * Keyword rules per category in English, German and Swedish: what predicts a category while it
 * has too few resolved examples for the classifier, and the baseline the classifier must beat.
 * Each keyword matches at the start of a word (so `refund` also finds `refunded`, `återbetal`
 * finds `återbetalningen`); a keyword counts once however often it appears.
 */
import { CATEGORIES, type Category } from '../domain';
import { normalise } from './text';

const KEYWORDS: Record<Exclude<Category, 'other'>, readonly string[]> = {
  payment_delay: [
    // en
    'not showing', 'still shows', 'still says', 'unpaid', 'already paid', 'paid on time', 'i paid', 'bank transfer', 'transfer', 'not registered', 'left my account', 'processing', 'pending payment', 'charged twice', 'left my bank', 'reserved', "hasn't been registered", 'not been registered', "doesn't show", 'not show', 'says nothing', 'payment taken',
    // de
    'bezahlt', 'überwiesen', 'überweisung', 'nicht angezeigt', 'noch offen', 'zweimal abgebucht', 'abgebucht', 'reserviert', 'nicht verbucht',
    // sv
    'betalat', 'betalade', 'banköverföring', 'överföring', 'syns inte', 'inte registrerad', 'dragits', 'debiterats', 'reserverat',
  ],
  refund_return: [
    'refund', 'return', 'sent back', 'send back', 'returned', 'money back', 'cancelled order', 'credit note',
    'rückerstattung', 'erstattung', 'zurückgeschickt', 'zurücksenden', 'retoure', 'rücksendung', 'geld zurück', 'storniert',
    'återbetal', 'retur', 'skickade tillbaka', 'skicka tillbaka', 'pengarna tillbaka', 'ångerrätt',
  ],
  missed_payment: [
    'missed', 'late fee', 'overdue', 'reminder', 'not collected', 'card expired', 'expired', 'cannot pay', "can't pay", "can't make my payment", 'struggling to pay', "didn't go through", 'did not go through', 'payment failed', 'payment fail', 'due date', 'collection', 'debt', 'salary', 'unexpected bills',
    'verpasst', 'fehlgeschlagen', 'nicht durchgegangen', 'mahnung', 'mahngebühr', 'überfällig', 'säumnis', 'nicht zahlen', 'inkasso', 'gehalt', 'abgelaufen',
    'missade', 'missat', 'gick inte igenom', 'misslyckades', 'påminnelse', 'förseningsavgift', 'förfallen', 'förfallodag', 'inkasso', 'kan inte betala', 'lön', 'gått ut',
  ],
  account_verification: [
    'verify', 'verification', 'verified', 'identity', 'passport', 'id card', 'national id', 'link my bank', 'linking', 'bankid', 'kyc', 'id photo', 'photo of my id', 'id check', 'adding my', 'add my bank', "won't connect",
    'verifizier', 'identität', 'ausweis', 'reisepass', 'bestätig', 'konto verknüpf', 'konto hinzufüg',
    'verifier', 'legitimation', 'identitet', 'pass', 'id-kort', 'koppla',
  ],
  technical_glitch: [
    'error', 'crash', 'app is not working', 'not working', 'does not work', "doesn't work", 'bug', 'freez', 'froze', 'stuck', 'loading', 'reinstall', 'login code', 'glitch', 'log in', 'login', 'blank', 'service unavailable', 'button does nothing', 'website', "won't load", "doesn't load", 'not load', 'spins', 'really slow', 'closes',
    'fehler', 'absturz', 'stürzt', 'anmeld', 'einlogg', 'leere seite', 'leerer bildschirm', 'funktioniert nicht', 'hängt', 'lädt nicht', 'fehlermeldung',
    'fel', 'logga in', 'inloggning', 'tom sida', 'kraschar', 'krasch', 'fungerar inte', 'hänger', 'laddar inte', 'felmeddelande', 'frös',
  ],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const RULES = (Object.entries(KEYWORDS) as [Category, readonly string[]][]).map(([category, words]) => ({
  category,
  patterns: [...new Set(words)].map((w) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}`, 'u')),
}));

/**
 * The category whose keywords the text mentions most; `score` is its share of all keyword hits
 * (1 when only one category is mentioned). Null when no keyword matches. Ties go to the
 * category listed first in CATEGORIES.
 */
export function keywordCategory(text: string): { category: Category; score: number } | null {
  const n = normalise(text);
  let total = 0;
  let best: { category: Category; hits: number } | null = null;
  for (const category of CATEGORIES) {
    const rule = RULES.find((r) => r.category === category);
    if (!rule) continue;
    let hits = 0;
    for (const p of rule.patterns) if (p.test(n)) hits++;
    total += hits;
    if (hits > 0 && (!best || hits > best.hits)) best = { category, hits };
  }
  return best ? { category: best.category, score: best.hits / total } : null;
}
