import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/api/contract';
import type { CannedReplyRow } from '../../../shared/domain';
import { createFakeApi, deferred, fail, ok } from '../../testing/fake-api';
import { createCannedRepliesStore, languageFor, languageSettingOf, paletteItems } from './canned-store';

const row = (id: string, over: Partial<CannedReplyRow> = {}): CannedReplyRow => ({
  id, category: 'other', language: 'en', title: `Title ${id}`, shortcut: `ot-${id}`, body: 'Hello', version: 1, ...over,
});

function setup(replies: CannedReplyRow[] = [row('b'), row('a', { category: 'payment_delay' })], settings: Settings = DEFAULT_SETTINGS) {
  const api = createFakeApi({ 'canned:list': () => ok(replies), 'settings:get': () => ok(settings) });
  return { api, store: createCannedRepliesStore({ api }) };
}

describe('canned replies store', () => {
  it('loads the replies sorted by category and title, and the language setting', async () => {
    const { store } = setup([row('z'), row('y', { category: 'payment_delay', title: 'B' }), row('x', { category: 'payment_delay', title: 'A' })], {
      ...DEFAULT_SETTINGS,
      cannedReplyLanguage: 'de',
    } as Settings);
    await store.getState().load();
    expect(store.getState().replies?.map((r) => r.id)).toEqual(['z', 'x', 'y']);
    expect(store.getState().languageSetting).toBe('de');
    expect(store.getState().loading).toBe(false);
  });

  it('coalesces overlapping loads into one more run', async () => {
    const gate = deferred<void>();
    const { api, store } = setup();
    api.handle('canned:list', async () => {
      await gate.promise;
      return ok([row('a')]);
    });
    const first = store.getState().load();
    void store.getState().load();
    void store.getState().load();
    gate.resolve();
    await first;
    await store.getState().load();
    expect(api.callsTo('canned:list').length).toBeLessThanOrEqual(3);
    expect(api.callsTo('canned:list').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the replies on screen when a reload fails, and shows the error', async () => {
    const { api, store } = setup();
    await store.getState().load();
    api.handle('canned:list', () => fail('not_signed_in', 'Sign in first.'));
    await store.getState().load();
    expect(store.getState().replies).toHaveLength(2);
    expect(store.getState().error).toEqual({ code: 'not_signed_in', message: 'Sign in first.' });
  });

  it('drops an answer that arrives after a reset (signed out meanwhile)', async () => {
    const gate = deferred<void>();
    const { api, store } = setup();
    api.handle('canned:list', async () => {
      await gate.promise;
      return ok([row('old-session')]);
    });
    const loading = store.getState().load();
    store.getState().reset();
    gate.resolve();
    await loading;
    expect(store.getState().replies).toBeNull();
  });

  it('picks the language: the agent\'s switch, else the setting, else the language the customer writes, else their locale', () => {
    const { store } = setup();
    const s = () => store.getState();
    expect(languageFor(s(), 't1', 'sv-SE')).toEqual({ language: 'sv', source: 'customer' });
    expect(languageFor(s(), 't1', 'de-AT')).toEqual({ language: 'de', source: 'customer' });
    expect(languageFor(s(), 't1', 'en-US')).toEqual({ language: 'en', source: 'customer' });
    expect(languageFor(s(), 't1', 'pl-PL')).toEqual({ language: 'en', source: 'customer' });
    expect(languageFor(s(), 't1', null)).toEqual({ language: 'en', source: 'customer' });
    // The language the customer writes in (triage) wins over their locale; one without canned replies does not.
    expect(languageFor(s(), 't1', 'sv-SE', 'en')).toEqual({ language: 'en', source: 'customer' });
    expect(languageFor(s(), 't1', 'en-GB', 'de')).toEqual({ language: 'de', source: 'customer' });
    expect(languageFor(s(), 't1', 'sv-SE', 'fi')).toEqual({ language: 'sv', source: 'customer' });
    s().setLanguageSetting('de');
    expect(languageFor(s(), 't1', 'sv-SE', 'sv')).toEqual({ language: 'de', source: 'setting' });
    expect(languageFor(s(), 't1', 'sv-SE')).toEqual({ language: 'de', source: 'setting' });
    s().setLanguage('t1', 'sv');
    expect(languageFor(s(), 't1', 'en-US')).toEqual({ language: 'sv', source: 'chosen' });
    expect(languageFor(s(), 't2', 'en-US')).toEqual({ language: 'de', source: 'setting' }); // per chat
    s().setLanguage('t1', null);
    expect(languageFor(s(), 't1', 'en-US')).toEqual({ language: 'de', source: 'setting' });
  });

  it.each([
    [null, 'auto'],
    [DEFAULT_SETTINGS, 'auto'],
    [{ ...DEFAULT_SETTINGS, cannedReplyLanguage: 'auto' }, 'auto'],
    [{ ...DEFAULT_SETTINGS, cannedReplyLanguage: 'sv' }, 'sv'],
    [{ ...DEFAULT_SETTINGS, cannedReplyLanguage: 'fr' }, 'auto'],
    [{ ...DEFAULT_SETTINGS, cannedReplyLanguage: 42 }, 'auto'],
  ])('reads the setting %j as %s', (settings, expected) => {
    expect(languageSettingOf(settings as Settings | null)).toBe(expected);
  });

  it('hands an insert request to the open chat\'s composer, once', () => {
    let open: string | null = null;
    const store = createCannedRepliesStore({ api: createFakeApi(), openTicketId: () => open });
    expect(store.getState().insert('r0')).toBe(false); // no chat open
    expect(store.getState().insertRequest).toBeNull();
    open = 't1';
    expect(store.getState().insert('r1')).toBe(true);
    const req = store.getState().insertRequest;
    expect(req).toMatchObject({ replyId: 'r1', ticketId: 't1' });
    store.getState().insert('r2');
    store.getState().insertHandled(req!.seq); // an older request: the newer one stays
    expect(store.getState().insertRequest?.replyId).toBe('r2');
    store.getState().insertHandled(store.getState().insertRequest!.seq);
    expect(store.getState().insertRequest).toBeNull();
    expect(store.getState().insertText('ORD-1')).toBe(true);
    expect(store.getState().insertRequest).toMatchObject({ text: 'ORD-1', ticketId: 't1' });
    open = null;
    expect(store.getState().insertText('ORD-2')).toBe(false);
  });

  it('remembers prompt fallbacks per chat until forgotten', () => {
    const { store } = setup();
    store.getState().rememberFallbacks('t1', { 'first name': 'there' });
    store.getState().rememberFallbacks('t1', { 'due date': 'soon' });
    store.getState().rememberFallbacks('t2', {});
    expect(store.getState().fallbacks).toEqual({ t1: { 'first name': 'there', 'due date': 'soon' } });
    store.getState().forgetFallbacks('t1');
    expect(store.getState().fallbacks).toEqual({});
  });

  it('lists palette items for every language or one', async () => {
    const { store } = setup([row('a'), row('b', { language: 'sv', title: 'Hej' })]);
    await store.getState().load();
    expect(paletteItems(store.getState().replies)).toEqual([
      { id: 'b', title: 'Hej', shortcut: 'ot-b', category: 'other', language: 'sv' },
      { id: 'a', title: 'Title a', shortcut: 'ot-a', category: 'other', language: 'en' },
    ]);
    expect(paletteItems(store.getState().replies, 'sv').map((i) => i.id)).toEqual(['b']);
    expect(paletteItems(null)).toEqual([]);
  });
});
