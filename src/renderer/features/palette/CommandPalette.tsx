/**
 * The command palette (Ctrl/⌘+K anywhere, also in the composer): every command with its current
 * keys, a case by its reference, the offline cache searched as you type with the matches marked,
 * and the entries other features register (canned replies, macros). ↑/↓, Enter, Esc; focus goes
 * back where it was.
 */
import { Command } from 'cmdk';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SearchHit } from '../../../shared/api/contract';
import { COMMAND_GROUPS, bindingsOf, type CommandId } from '../../app/keymap';
import { useKeymap, usePalette, useSession, useStores, useSync, useTickets, useUi } from '../../app/hooks';
import type { PaletteMode } from '../../app/ui-store';
import { Dialog } from '../../ui/Dialog';
import { Highlighted } from '../../ui/Highlighted';
import { Keys } from '../../ui/Keys';
import { commandItems, filterItems } from './palette-entries';
import type { PaletteItem, ReferenceState, SearchState } from './palette-store';
import './palette.css';

const PLACEHOLDER: Record<PaletteMode, string> = {
  all: 'Type a command, a case reference or words to search…',
  reference: 'Type the case reference, like ABCD-EFGH…',
  search: 'Search cached chats: name, reference or message words…',
};

export function CommandPalette() {
  const stores = useStores();
  const mode = useUi((s) => s.paletteMode);
  const { query, search, reference, sources } = usePalette(useShallow((s) => ({ query: s.query, search: s.search, reference: s.reference, sources: s.sources })));
  const keymap = useKeymap();
  // Availability depends on these: re-render when they change.
  useSession((s) => s.session);
  useSync((s) => s.status);
  useTickets((s) => s.selectedId);

  useEffect(() => {
    stores.palette.getState().setQuery('', mode);
    return () => stores.palette.getState().reset();
  }, [stores, mode]);

  const close = () => stores.ui.getState().closeOverlay();
  /** Closes first, then runs, so a command that moves focus wins over the focus return. */
  const runItem = (item: Pick<PaletteItem, 'run' | 'disabled'>) => {
    if (item.disabled) return;
    close();
    void item.run();
  };
  const openTicket = (ticketId: string) =>
    runItem({
      run: () => {
        stores.ui.getState().showView('chats');
        stores.tickets.getState().select(ticketId);
      },
    });

  const commands = mode === 'all' ? commandItems(stores) : [];
  const shownCommands = filterItems(commands, query);
  const extra = sources
    .filter((src) => (src.modes ?? ['all']).includes(mode))
    .map((src) => {
      const items = src.items(query);
      return { src, items: src.filtersItself ? [...items] : filterItems(items, query) };
    })
    .filter((x) => x.items.length > 0);
  const hits = search.status === 'done' || search.status === 'loading' ? search.hits : [];
  const nothing = shownCommands.length === 0 && extra.length === 0 && hits.length === 0 && reference.status === 'none' && search.status !== 'loading';

  return (
    <Dialog label="Command palette" onClose={close} className="palette" fallbackFocus={() => stores.ui.getState().focus('list')}>
      <Command label="Command palette" shouldFilter={false} loop vimBindings={false} className="palette__command">
        <div className="palette__input-row">
          <Command.Input
            className="palette__input"
            value={query}
            onValueChange={(q) => stores.palette.getState().setQuery(q, mode)}
            placeholder={PLACEHOLDER[mode]}
            aria-label={PLACEHOLDER[mode].replace(/…$/, '')}
            autoFocus
            spellCheck={false}
          />
          {mode !== 'all' && <span className="palette__mode">{mode === 'reference' ? 'Go to case' : 'Search'}</span>}
        </div>
        {/* Notes and their live regions sit outside the listbox, which may hold only groups and options. */}
        <ReferenceNote state={reference} />
        <Command.List className="palette__list" label="Results">
          <ReferenceEntry state={reference} onOpen={openTicket} />
          {mode === 'all' && query.trim() === '' ? (
            COMMAND_GROUPS.map((group) => {
              const items = shownCommands.filter((c) => c.group === group);
              return items.length === 0 ? null : (
                <Command.Group key={group} heading={group} className="palette__group">
                  {items.map((c) => (
                    <Entry key={c.id} item={c} value={`cmd:${c.id}`} keys={bindingsOf(keymap, c.shortcut as CommandId)} onRun={runItem} />
                  ))}
                </Command.Group>
              );
            })
          ) : shownCommands.length > 0 ? (
            <Command.Group heading="Commands" className="palette__group">
              {shownCommands.map((c) => (
                <Entry key={c.id} item={c} value={`cmd:${c.id}`} keys={bindingsOf(keymap, c.shortcut as CommandId)} onRun={runItem} />
              ))}
            </Command.Group>
          ) : null}
          {extra.map(({ src, items }) => (
            <Command.Group key={src.id} heading={src.heading} className="palette__group">
              {items.map((item) => (
                <Entry key={item.id} item={item} value={`src:${src.id}:${item.id}`} keys={item.shortcut ? bindingsOf(keymap, item.shortcut) : []} onRun={runItem} />
              ))}
            </Command.Group>
          ))}
          {hits.length > 0 && (
            <Command.Group heading="Cached chats" className="palette__group">
              {hits.map((hit, i) => (
                <HitEntry key={`${hit.ticketId}:${hit.messageId ?? ''}:${i}`} hit={hit} value={`hit:${i}:${hit.ticketId}:${hit.messageId ?? ''}`} onOpen={openTicket} />
              ))}
            </Command.Group>
          )}
        </Command.List>
        <SearchNote search={search} mode={mode} query={query} />
        {nothing && query.trim() !== '' && <div className="palette__note">Nothing matches “{query.trim()}”.</div>}
        <PaletteFooter />
      </Command>
    </Dialog>
  );
}

function Entry({ item, value, keys, onRun }: { item: PaletteItem; value: string; keys: readonly string[]; onRun(item: PaletteItem): void }) {
  return (
    <Command.Item value={value} disabled={!!item.disabled} onSelect={() => onRun(item)} className="palette__item">
      <span className="palette__label">{item.label}</span>
      {item.detail && <span className="palette__detail">{item.detail}</span>}
      {item.disabled && <span className="palette__why">{item.disabled}</span>}
      <Keys bindings={keys} className="palette__keys" />
    </Command.Item>
  );
}

function HitEntry({ hit, value, onOpen }: { hit: SearchHit; value: string; onOpen(ticketId: string): void }) {
  return (
    <Command.Item value={value} onSelect={() => onOpen(hit.ticketId)} className="palette__item palette__item--hit">
      <span className="palette__hit-head">
        <span className="palette__label">{hit.customerName}</span>
        {hit.reference && <span className="palette__ref mono">{hit.reference}</span>}
      </span>
      <Highlighted text={hit.snippet} className="palette__snippet" />
    </Command.Item>
  );
}

function ReferenceEntry({ state, onOpen }: { state: ReferenceState; onOpen(ticketId: string): void }) {
  if (state.status !== 'found') return null;
  return (
    <Command.Group heading="Go to case" className="palette__group">
      <Command.Item value={`ref:${state.hit.reference}`} onSelect={() => onOpen(state.hit.ticketId)} className="palette__item">
        <span className="palette__label">
          Open case <span className="mono">{state.hit.reference}</span>
        </span>
        <span className="palette__detail">{state.hit.customerName}</span>
      </Command.Item>
    </Command.Group>
  );
}

function ReferenceNote({ state }: { state: ReferenceState }) {
  switch (state.status) {
    case 'none':
    case 'found':
      return null;
    case 'loading':
      return <div className="palette__note" role="status">Looking up {state.reference}…</div>;
    case 'missing':
      return (
        <div className="palette__note" role="status">
          No case <span className="mono">{state.reference}</span> in your cache. It may belong to another agent, or be older than your cache keeps.
        </div>
      );
    case 'invalid':
      return (
        <div className="palette__note palette__note--warn" role="status">
          “{state.typed}” is not a case reference: {state.message}
        </div>
      );
    case 'error':
      return (
        <div className="palette__note palette__note--error" role="alert">
          Could not look up {state.reference}: {state.message}
        </div>
      );
  }
}

function SearchNote({ search, mode, query }: { search: SearchState; mode: PaletteMode; query: string }) {
  if (mode === 'search' && query.trim() === '') return <div className="palette__note">Type a customer’s name, a reference or words from a message. Search runs on this computer’s cache, also offline.</div>;
  if (mode === 'reference' && query.trim() === '') return <div className="palette__note">The reference the customer quotes, with or without the dash.</div>;
  switch (search.status) {
    case 'idle':
      return null;
    case 'loading':
      return search.hits.length === 0 ? (
        <div className="palette__note" role="status">
          Searching cached chats…
        </div>
      ) : null;
    case 'done':
      return search.hits.length === 0 ? (
        <div className="palette__note" role="status">
          No cached chats match “{search.query}”.
        </div>
      ) : null;
    case 'error':
      return (
        <div className="palette__note palette__note--error" role="alert">
          Search failed: {search.message}
        </div>
      );
  }
}

function PaletteFooter() {
  const keymap = useKeymap();
  const hint = (id: CommandId, text: string) => (
    <span className="palette__hint">
      <Keys bindings={bindingsOf(keymap, id)} /> {text}
    </span>
  );
  return (
    <div className="palette__footer" aria-hidden="true">
      {hint('dialogMove', 'move')}
      {hint('dialogRun', 'run')}
      {hint('dialogClose', 'close')}
    </div>
  );
}
