// @vitest-environment jsdom
/**
 * The composer with the `/` canned-reply picker, in jsdom with Testing Library: opening, fuzzy
 * filtering with the chat's category first, inserting the filled reply, Tab through prompts,
 * no accidental send with a prompt left, the language switch, the palette's insert(id), the
 * shortcut a reply is sent with while it still largely is the inserted canned reply, and pasting
 * an image.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SessionState, type TicketDetail } from '../../../shared/api/contract';
import type { AgentRow, CannedReplyRow, TicketRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores, type Stores } from '../../app/stores';
import { createFakeApi, detail as detailOf, message, ok, type FakeApi } from '../../testing/fake-api';
import { Composer } from './Composer';

const agent: AgentRow = { id: 'agent-1', email: 'maja@desk.example', name: 'Maja Lindqvist', role: 'agent', tier: 1, regions: ['se'], capacity: 8, presence: 'available', presenceReason: null };
const session: SessionState = { serverUrl: 'http://127.0.0.1:4780', agent, signedIn: true };

let n = 0;
const reply = (over: Partial<CannedReplyRow> & Pick<CannedReplyRow, 'shortcut' | 'title' | 'body'>): CannedReplyRow => ({
  id: `r${++n}`, category: 'other', language: 'sv', version: 1, ...over,
});
const REPLIES: CannedReplyRow[] = [
  reply({ category: 'other', shortcut: 'ot-hello', title: 'Hälsning', body: 'Hej {{customer.firstName | "och välkommen"}}! Jag heter {{agent.firstName}}.' }),
  reply({ category: 'payment_delay', shortcut: 'pd-processing', title: 'Betalningen behandlas', body: 'Din betalning på {{transaction.amount}} behandlas.' }),
  reply({ category: 'missed_payment', shortcut: 'mp-options', title: 'Missad betalning: alternativ', body: 'Hej {{customer.firstName}}! Din delbetalning på {{installment.amount}} med förfallodag {{installment.dueDate}} har inte kunnat dras.' }),
  reply({ category: 'missed_payment', shortcut: 'mp-late-fee', title: 'Förseningsavgiften förklarad', body: 'Avgiften på delbetalning {{installment.number}} är {{installment.lateFee | "inte debiterad ännu"}}.' }),
  reply({ category: 'technical_glitch', shortcut: 'tg-incident', title: 'Känt driftproblem', body: 'Felkoden {{incident.errorCode}} gäller ärende {{ticket.reference}} och kod {{incident.errorCode}}.' }),
  reply({ category: 'missed_payment', shortcut: 'mp-options', title: 'Missed payment options', body: 'Hi {{customer.firstName}}, your installment of {{installment.amount}} due {{installment.dueDate}} has not been collected.', language: 'en' }),
  reply({ category: 'missed_payment', shortcut: 'mp-options', title: 'Verpasste Zahlung: Möglichkeiten', body: 'Hallo {{customer.firstName}}, Ihre Rate über {{installment.amount}} ist offen.', language: 'de' }),
];

function chat(): TicketDetail {
  const d = detailOf('t1', { category: 'missed_payment', reference: 'ABCD-EFGH' });
  d.context.customer = {
    id: 'c1', name: 'Anna Lind', email: 'anna@example.com', phone: '', locale: 'sv-SE', timeZone: 'Europe/Stockholm', regionId: 'se', country: 'SE', currency: 'SEK',
    device: null, riskFlags: [], createdAt: '2025-01-01T00:00:00Z', identity: 'verified', version: 1,
  };
  d.context.installments = [
    { id: 'i1', orderId: 'o1', customerId: 'c1', number: 2, dueDate: '2026-03-04', amountMinor: 129_900, currency: 'SEK', status: 'overdue', paidAt: null, lateFeeMinor: 0, version: 1 },
  ];
  return d;
}

let api: FakeApi;
let stores: Stores;
let ticket: TicketRow;

beforeEach(async () => {
  api = createFakeApi({
    'canned:list': () => ok(REPLIES),
    'settings:get': () => ok(DEFAULT_SETTINGS),
    'drafts:save': () => ok(null),
    'messages:send': ({ body }) => ok(message('local:c1', '~1', { authorKind: 'agent', body, delivery: 'pending' })),
    'attachments:upload': ({ ticketId, filename, mime }) =>
      ok({ id: 'att-1', ticketId, messageId: null, sha256: 'x', mime, bytes: 3, width: 1, height: 1, filename, createdAt: '2026-03-01T00:00:00Z', version: 1, ocrText: '', cardsHidden: 0 }),
  });
  stores = createStores(api);
  stores.session.getState().apply(session);
  const d = chat();
  ticket = d.ticket;
  stores.conversation.setState({ ticketId: 't1', detail: d });
  await stores.cannedReplies.getState().load();
});
afterEach(cleanup);

function renderComposer() {
  render(createElement(StoresContext.Provider, { value: stores }, createElement(Composer, { ticket })));
  const box = screen.getByLabelText('Reply to the customer') as HTMLTextAreaElement;
  return { box, user: userEvent.setup() };
}
const options = () => within(screen.getByRole('listbox')).getAllByRole('option');
const titles = () => options().map((o) => o.querySelector('.canned-option__title')?.textContent);
const selected = (box: HTMLTextAreaElement) => box.value.slice(box.selectionStart, box.selectionEnd);
const sends = () => api.callsTo('messages:send');

describe('the / canned-reply picker', () => {
  it('opens on / at the start, as a listbox the composer points into, the chat\'s category first', async () => {
    const { box, user } = renderComposer();
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(box, '/');
    const list = screen.getByRole('listbox', { name: 'Canned replies in Swedish' });
    expect(titles().slice(0, 2)).toEqual(['Förseningsavgiften förklarad', 'Missad betalning: alternativ']);
    expect(options()).toHaveLength(5); // Swedish only: the customer is sv-SE
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0]!.id);
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[4]!.id); // wraps
  });

  it('does not open in the middle of a line', async () => {
    const { box, user } = renderComposer();
    await user.type(box, 'Hej /mp');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('filters fuzzily over shortcut, title, category and body', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/drift');
    expect(titles()[0]).toBe('Känt driftproblem');
    await user.clear(box);
    await user.type(box, '/pd-proc');
    expect(titles()[0]).toBe('Betalningen behandlas');
    await user.clear(box);
    await user.type(box, '/förfallodag');
    expect(titles()[0]).toBe('Missad betalning: alternativ');
    await user.clear(box);
    await user.type(box, '/nothing like this');
    expect(screen.queryByRole('listbox')).toBeNull(); // no match and a space: just text
  });

  it('shows each reply filled for this chat, prompts marked', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/mp-opt');
    const preview = options()[0]!.querySelector('.canned-option__preview')!;
    expect(preview.textContent?.replace(/\u00a0/g, ' ')).toBe('Hej Anna! Din delbetalning på 1 299,00 kr med förfallodag 4 mars 2026 har inte kunnat dras.');
  });

  it('inserts the filled reply on Enter, without sending', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/mp-opt{Enter}');
    expect(box.value.replace(/\u00a0/g, ' ')).toBe('Hej Anna! Din delbetalning på 1 299,00 kr med förfallodag 4 mars 2026 har inte kunnat dras.');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(sends()).toEqual([]);
    expect(box.selectionStart).toBe(box.value.length);
    await user.keyboard('{Enter}');
    // Sent as inserted: it goes with the shortcut of the reply it came from.
    expect(sends()).toEqual([{ ticketId: 't1', body: expect.stringContaining('Hej Anna!'), kind: 'reply', attachmentIds: [], cannedShortcut: 'mp-options' }]);
  });

  it('sends a canned reply the agent rewrote for the most part without its shortcut, and forgets it after the send', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/mp-opt{Enter}');
    await user.clear(box);
    await user.type(box, 'Hej Anna! Du kan betala i appen i dag, så slipper du avgiften.{Enter}');
    expect(sends()).toEqual([{ ticketId: 't1', body: 'Hej Anna! Du kan betala i appen i dag, så slipper du avgiften.', kind: 'reply', attachmentIds: [] }]);
    expect(stores.cannedReplies.getState().uses['t1']).toBeUndefined();
  });

  it('records a reply inserted by shortcut (a suggested reply) and keeps it through small edits', async () => {
    const { box, user } = renderComposer();
    act(() => void stores.cannedReplies.getState().insertShortcut('mp-options', 'sv'));
    expect(box.value.replace(/\u00a0/g, ' ')).toBe('Hej Anna! Din delbetalning på 1 299,00 kr med förfallodag 4 mars 2026 har inte kunnat dras.');
    await user.type(box, ' Vill du betala nu?{Enter}');
    expect(sends()).toEqual([{ ticketId: 't1', body: expect.stringContaining('Vill du betala nu?'), kind: 'reply', attachmentIds: [], cannedShortcut: 'mp-options' }]);
  });

  it('keeps the text before the / line and inserts with Tab too', async () => {
    const { box, user } = renderComposer();
    await user.type(box, 'Tack!{Shift>}{Enter}{/Shift}/hälsn');
    await user.keyboard('{Tab}');
    expect(box.value).toBe('Tack!\nHej Anna! Jag heter Maja.');
  });

  it('turns missing values into prompts: the first is selected, typing fills it, Tab moves on', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/tg-inc{Enter}');
    expect(box.value).toBe('Felkoden ⟦error code⟧ gäller ärende ABCD-EFGH och kod ⟦error code⟧.');
    expect(document.activeElement).toBe(box);
    expect(selected(box)).toBe('⟦error code⟧');
    expect(screen.getByText(/2 prompts to fill/)).toBeTruthy();
    expect(document.querySelectorAll('.composer__mirror .prompt-mark')).toHaveLength(2);
    await user.keyboard('E-42');
    expect(box.value).toBe('Felkoden E-42 gäller ärende ABCD-EFGH och kod ⟦error code⟧.');
    await user.keyboard('{Tab}');
    expect(selected(box)).toBe('⟦error code⟧');
    expect(box.selectionStart).toBeGreaterThan(20);
    await user.keyboard('{Shift>}{Tab}{/Shift}'); // the only prompt left: stays on it
    expect(selected(box)).toBe('⟦error code⟧');
    await user.keyboard('E-43');
    expect(box.value).toBe('Felkoden E-42 gäller ärende ABCD-EFGH och kod E-43.');
    expect(document.querySelectorAll('.composer__mirror .prompt-mark')).toHaveLength(0);
  });

  it('does not send with a prompt left: it says why and goes to the prompt', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/tg-inc{Enter}');
    await user.keyboard('{ArrowRight}{End}'); // the caret away from the prompt
    await user.keyboard('{Enter}');
    expect(sends()).toEqual([]);
    expect(screen.getByRole('alert').textContent).toMatch(/Not sent: fill the highlighted prompts first \(error code, error code\)/);
    expect(selected(box)).toBe('⟦error code⟧');
    expect(box.selectionStart).toBe(box.value.indexOf('⟦'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(sends()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sends()).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Send with fallbacks' })).toBeNull(); // no fallback for an error code
  });

  it('sends with the reply\'s fallbacks when the agent asks for it', async () => {
    stores.conversation.setState({ detail: { ...chat(), context: { ...chat().context, customer: null } } });
    stores.cannedReplies.getState().setLanguage('t1', 'sv'); // no customer: the agent picks Swedish
    const { box, user } = renderComposer();
    await user.type(box, '/hälsn{Enter}');
    expect(box.value).toBe('Hej ⟦first name⟧! Jag heter Maja.');
    await user.keyboard('{Enter}');
    expect(sends()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Send with fallbacks' }));
    expect(sends()).toEqual([{ ticketId: 't1', body: 'Hej och välkommen! Jag heter Maja.', kind: 'reply', attachmentIds: [], cannedShortcut: 'ot-hello' }]);
  });

  it('closes on Esc without leaving the composer, and reopens for a new /', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/mp');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(box);
    await user.keyboard('-');
    expect(screen.queryByRole('listbox')).toBeNull(); // dismissed for this / line
    await user.clear(box);
    await user.type(box, '/');
    expect(screen.getByRole('listbox')).toBeTruthy();
  });

  it('switches the language with Alt+← → or the switch, per chat, and inserts in that language', async () => {
    const { box, user } = renderComposer();
    await user.type(box, '/mp-opt');
    expect(titles()[0]).toBe('Missad betalning: alternativ');
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    expect(screen.getByRole('listbox', { name: 'Canned replies in German' })).toBeTruthy();
    expect(titles()[0]).toBe('Verpasste Zahlung: Möglichkeiten');
    await user.click(screen.getByRole('button', { name: 'EN' }));
    expect(titles()[0]).toBe('Missed payment options');
    expect(screen.getByText(/English · chosen for this chat/)).toBeTruthy();
    await user.keyboard('{Enter}');
    // English words, Swedish money (the customer's region)
    expect(box.value.replace(/\u00a0/g, ' ')).toBe('Hi Anna, your installment of 1 299,00 kr due 4 March 2026 has not been collected.');
    expect(stores.cannedReplies.getState().languageByTicket).toEqual({ t1: 'en' });
  });

  it('follows the language setting when it is not auto', async () => {
    api.handle('settings:get', () => ok({ ...DEFAULT_SETTINGS, cannedReplyLanguage: 'de' } as typeof DEFAULT_SETTINGS));
    await stores.cannedReplies.getState().load();
    const { box, user } = renderComposer();
    await user.type(box, '/');
    expect(screen.getByText(/German · from Settings/)).toBeTruthy();
    expect(titles()).toEqual(['Verpasste Zahlung: Möglichkeiten']);
  });

  it('inserts a reply the palette asks for, at the caret', async () => {
    const { box, user } = renderComposer();
    await user.type(box, 'Hej! ');
    act(() => stores.cannedReplies.getState().insert(REPLIES[1]!.id));
    expect(box.value).toBe('Hej! Din betalning på ⟦payment amount⟧ behandlas.');
    expect(selected(box)).toBe('⟦payment amount⟧');
    expect(stores.cannedReplies.getState().insertRequest).toBeNull();
  });

  it('inserts plain text another feature asks for (the panel\'s summary) at the caret, caret after it', async () => {
    const { box, user } = renderComposer();
    await user.type(box, 'Hej! Tack.');
    box.setSelectionRange(5, 5);
    act(() => void stores.cannedReplies.getState().insertText('Order ORD-1 hos Stadium. '));
    expect(box.value).toBe('Hej! Order ORD-1 hos Stadium. Tack.');
    expect(box.selectionStart).toBe(30);
    expect(stores.cannedReplies.getState().insertRequest).toBeNull();
  });
});

describe('images in the composer', () => {
  it('uploads a pasted image and sends it with the reply', async () => {
    const { box, user } = renderComposer();
    const file = new File([new Uint8Array([1, 2, 3])], 'error.png', { type: 'image/png' });
    fireEvent.paste(box, { clipboardData: { files: [file], items: [], types: ['Files'], getData: () => '' } });
    expect(await screen.findByText('Ready')).toBeTruthy();
    expect(api.callsTo('attachments:upload')).toEqual([{ ticketId: 't1', mime: 'image/png', filename: 'error.png', dataBase64: 'AQID' }]);
    await user.type(box, 'Här är felet{Enter}');
    expect(sends()).toEqual([{ ticketId: 't1', body: 'Här är felet', kind: 'reply', attachmentIds: ['att-1'] }]);
    expect(screen.queryByText('error.png')).toBeNull();
  });

  it('refuses other files and sends an image on its own with its name', async () => {
    const { user } = renderComposer();
    const section = screen.getByRole('region', { name: 'Composer' });
    const pdf = new File(['x'], 'a.pdf', { type: 'application/pdf' });
    const png = new File([new Uint8Array([1])], 'shot.png', { type: 'image/png' });
    fireEvent.drop(section, { dataTransfer: { files: [pdf, png], types: ['Files'] } });
    expect(screen.getByText('Only PNG, JPEG or WebP images can be sent.')).toBeTruthy();
    await screen.findByText('Ready');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sends()).toEqual([{ ticketId: 't1', body: 'shot.png', kind: 'reply', attachmentIds: ['att-1'] }]);
  });
});
