/**
 * Shortcut settings: each command's keys, changed by pressing the new ones, switched off, or
 * reset. AltGr combinations, keys that type into the composer where the command works
 * everywhere, system chords and keys another command uses are refused with a sentence.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { COMMAND_GROUPS, COMMAND_IDS, COMMANDS, GROUP_NOTES, bindingFromEvent, bindingLabel, bindingsOf, isChanged, isMac, isRemappable, type CommandId } from '../../app/keymap';
import { useKeymap, useSettings, useStores } from '../../app/hooks';
import { Button } from '../../ui/Button';
import { Keys } from '../../ui/Keys';

type RowMessage = { id: CommandId; tone: 'error' | 'ok'; text: string };

export function ShortcutSettings() {
  const { settings } = useStores();
  const keymap = useKeymap();
  const overrides = useSettings((s) => s.settings.shortcuts);
  const [recording, setRecording] = useState<CommandId | null>(null);
  const [message, setMessage] = useState<RowMessage | null>(null);
  const [resetAll, setResetAll] = useState<string | null>(null);
  const changeButtons = useRef(new Map<CommandId, HTMLButtonElement | null>());
  const mac = isMac();

  const stopRecording = (id: CommandId) => {
    setRecording(null);
    // Back on the row's Change button, after React has put it back.
    requestAnimationFrame(() => changeButtons.current.get(id)?.focus());
  };

  const onRecordKey = (id: CommandId, e: KeyboardEvent<HTMLButtonElement>) => {
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
    if (e.key === 'Tab' && plain) return setRecording(null); // keyboard users leave the field as usual
    e.preventDefault();
    e.stopPropagation(); // the console's shortcuts stay quiet while recording
    if (e.key === 'Escape' && plain) {
      setMessage(null);
      return stopRecording(id);
    }
    const got = bindingFromEvent(e.nativeEvent, mac);
    if (!got) return; // a modifier alone: keep listening
    if ('problem' in got) return setMessage({ id, tone: 'error', text: got.problem });
    void settings
      .getState()
      .setShortcut(id, [got.binding])
      .then((r) => {
        if (!r.ok) return setMessage({ id, tone: 'error', text: r.message });
        setMessage({ id, tone: 'ok', text: `${COMMANDS[id].label}: ${bindingLabel(got.binding, mac)}` });
        stopRecording(id);
      });
  };

  const act = (id: CommandId, p: Promise<{ ok: true } | { ok: false; message: string }>, done: string) =>
    void p.then((r) => setMessage(r.ok ? { id, tone: 'ok', text: done } : { id, tone: 'error', text: r.message }));

  const changedCount = Object.keys(overrides).length;

  return (
    <div className="shortcut-settings">
      <p className="settings__hint">
        Press <strong>Change</strong>, then the new keys. Shortcuts that work everywhere need {mac ? '⌘' : 'Ctrl'} or an F-key; single keys work outside text fields.
        Combinations that type characters with AltGr on Polish, German or Nordic keyboards are refused.
      </p>
      {COMMAND_GROUPS.map((group) => {
        const ids = COMMAND_IDS.filter((id) => COMMANDS[id].group === group && !COMMANDS[id].reserved);
        return (
          <div key={group} role="group" className="shortcut-settings__group" aria-labelledby={`keys-${group.replace(/[^A-Za-z0-9]+/g, '-')}`}>
            <h3 id={`keys-${group.replace(/[^A-Za-z0-9]+/g, '-')}`} className="settings__subtitle">
              {group}
            </h3>
            {GROUP_NOTES[group] && <p className="settings__hint">{GROUP_NOTES[group]}</p>}
            <ul className="shortcut-settings__list">
              {ids.map((id) => {
                const bindings = bindingsOf(keymap, id);
                const changed = isChanged(keymap, id);
                const off = bindings.length === 0;
                const rowMessage = message?.id === id ? message : null;
                return (
                  <li key={id} className={`shortcut-row${changed ? ' shortcut-row--changed' : ''}`}>
                    <span className="shortcut-row__label" id={`keys-label-${id}`}>
                      {COMMANDS[id].label}
                    </span>
                    <span className="shortcut-row__keys">
                      {recording === id ? (
                        <button
                          type="button"
                          className="shortcut-row__recorder"
                          autoFocus
                          onKeyDown={(e) => onRecordKey(id, e)}
                          onBlur={() => setRecording((r) => (r === id ? null : r))}
                          aria-describedby={`keys-label-${id}`}
                        >
                          Press keys… Esc cancels
                        </button>
                      ) : off ? (
                        <span className="shortcut-row__off">{changed ? 'Off' : 'No key'}</span>
                      ) : (
                        <Keys bindings={bindings} />
                      )}
                    </span>
                    <span className="shortcut-row__actions">
                      {isRemappable(id) ? (
                        <>
                          <Button
                            dense
                            ref={(el: HTMLButtonElement | null) => void changeButtons.current.set(id, el)}
                            aria-label={`Change the keys of ${COMMANDS[id].label}`}
                            onClick={() => {
                              setMessage(null);
                              setRecording(id);
                            }}
                          >
                            Change
                          </Button>
                          {off ? (
                            <span />
                          ) : (
                            <Button dense variant="ghost" aria-label={`Switch off ${COMMANDS[id].label}`} onClick={() => act(id, settings.getState().setShortcut(id, null), `${COMMANDS[id].label}: switched off`)}>
                              Switch off
                            </Button>
                          )}
                          {changed ? (
                            <Button dense variant="ghost" aria-label={`Reset ${COMMANDS[id].label}`} onClick={() => act(id, settings.getState().resetShortcut(id), `${COMMANDS[id].label}: default keys again`)}>
                              Reset
                            </Button>
                          ) : (
                            <span />
                          )}
                        </>
                      ) : (
                        <span className="shortcut-row__builtin">Built in</span>
                      )}
                    </span>
                    {rowMessage && (
                      <span className={`shortcut-row__message shortcut-row__message--${rowMessage.tone}`} role={rowMessage.tone === 'error' ? 'alert' : 'status'}>
                        {rowMessage.text}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      <div className="shortcut-settings__footer">
        <Button
          disabled={changedCount === 0}
          onClick={() =>
            void settings
              .getState()
              .resetAllShortcuts()
              .then((r) => setResetAll(r.ok ? 'All shortcuts are back to their defaults.' : r.message))
          }
        >
          Reset all shortcuts
        </Button>
        {resetAll && (
          <span className="shortcut-row__message" role="status">
            {resetAll}
          </span>
        )}
      </div>
    </div>
  );
}
