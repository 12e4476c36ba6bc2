/**
 * The `?` overlay: every key of the keymap table by group, the customer panel's and the image
 * viewer's included, as the agent has them now (changed keys marked, switched-off ones said
 * so), with a filter. Read from the same table as the key handler and the palette, so it can't
 * disagree with them.
 */
import { useState } from 'react';
import { COMMAND_GROUPS, COMMAND_IDS, COMMANDS, GROUP_NOTES, bindingLabel, bindingsOf, isChanged, isMac, type CommandId, type Scope } from '../../app/keymap';
import { useKeymap, useStores } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Keys } from '../../ui/Keys';
import { filterItems } from '../palette/palette-entries';
import './help.css';

const SCOPE_NOTE: Record<Scope, string> = {
  global: '',
  command: 'outside text fields',
  list: 'in the chat list',
  panel: 'in the panel’s lists',
  dialog: '',
  viewer: '', // said once, under the group's title
};

export function ShortcutsHelp() {
  const stores = useStores();
  const keymap = useKeymap();
  const [filter, setFilter] = useState('');
  const close = () => stores.ui.getState().closeOverlay();
  const mac = isMac();

  const rows = filterItems(
    // Ctrl+1…9 is one row (tab positions), not nine.
    COMMAND_IDS.filter((id) => !COMMANDS[id].reserved && !(id.startsWith('goToTab') && id !== 'goToTab1')).map((id) => ({
      id,
      label: COMMANDS[id].label,
      keywords: [...(COMMANDS[id].keywords ?? []), ...bindingsOf(keymap, id).map((b) => bindingLabel(b, mac))],
    })),
    filter,
  );

  return (
    <Dialog label="Keyboard shortcuts" onClose={close} className="help" fallbackFocus={() => stores.ui.getState().focus('list')}>
      <header className="help__header">
        <h2 className="help__title">Keyboard shortcuts</h2>
        <input
          className="input help__filter"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Filter by action or key"
          aria-label="Filter shortcuts"
          autoFocus
          spellCheck={false}
        />
        <Button dense variant="ghost" onClick={() => { close(); stores.ui.getState().showView('settings'); }}>
          Change shortcuts
        </Button>
        <Button dense variant="ghost" icon="close" aria-label="Close" onClick={close} />
      </header>
      {/* Focusable: the list scrolls (it grew with the macro keys), and keyboard users must reach it. */}
      <div className="help__body" tabIndex={0} role="region" aria-label="Shortcuts by group">
        {rows.length === 0 && <p className="help__empty">No shortcut matches “{filter.trim()}”.</p>}
        {COMMAND_GROUPS.map((group) => {
          const ids = rows.filter((r) => COMMANDS[r.id].group === group).map((r) => r.id);
          if (ids.length === 0) return null;
          return (
            <div key={group} role="group" className="help__group" aria-labelledby={`help-${slug(group)}`}>
              <h3 id={`help-${slug(group)}`} className="help__group-title">
                {group}
              </h3>
              {GROUP_NOTES[group] && <p className="help__group-note">{GROUP_NOTES[group]}</p>}
              <dl className="help__list">
                {ids.map((id) => (
                  <HelpRow key={id} id={id} bindings={bindingsOf(keymap, id)} changed={isChanged(keymap, id)} />
                ))}
              </dl>
            </div>
          );
        })}
      </div>
    </Dialog>
  );
}

/** A group name as an id: aria-labelledby reads a space as two ids ("Image viewer"). */
const slug = (group: string) => group.replace(/[^A-Za-z0-9]+/g, '-');

function HelpRow({ id, bindings, changed }: { id: CommandId; bindings: string[]; changed: boolean }) {
  if (id === 'goToTab1') return <TabPositionsRow />;
  const spec = COMMANDS[id];
  const defaults = spec.defaults.map((b) => bindingLabel(b)).join(' or ');
  const note = SCOPE_NOTE[spec.scope];
  return (
    <div className={`help__row${changed ? ' help__row--changed' : ''}`}>
      <dt className="help__label">
        {spec.label}
        {note && <span className="help__scope"> · {note}</span>}
      </dt>
      <dd className="help__keys">
        {bindings.length > 0 ? <Keys bindings={bindings} /> : <span className="help__off">{spec.defaults.length > 0 || changed ? 'Off' : 'No key'}</span>}
        {changed && <span className="help__changed">{defaults ? `changed · default ${defaults}` : 'changed'}</span>}
      </dd>
    </div>
  );
}

/** Ctrl+1 … Ctrl+9 in one row: built-in tab positions (9 is the last tab). */
function TabPositionsRow() {
  const first = COMMANDS.goToTab1.defaults[0] ?? '';
  const last = COMMANDS.goToTab9.defaults[0] ?? '';
  return (
    <div className="help__row">
      <dt className="help__label">Go to tab 1…8 (9: the last tab)</dt>
      <dd className="help__keys">
        <span className="keys">
          <kbd>{bindingLabel(first)}</kbd>
          <span className="keys__or">…</span>
          <kbd>{bindingLabel(last)}</kbd>
        </span>
      </dd>
    </div>
  );
}
