/** The console's key handler: one listener, reading the keymap table with the agent's changes. */
import { useEffect } from 'react';
import { runCommand } from '../../app/commands';
import { useStores } from '../../app/hooks';
import { COMMANDS, isTextField, matchShortcut } from '../../app/keymap';

export function useShortcuts(): void {
  const stores = useStores();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const id = matchShortcut(e, isTextField(document.activeElement), stores.settings.getState().keymap);
      if (!id) return;
      // Under a dialog only the palette and help toggles run; the dialog owns the other keys.
      if (stores.ui.getState().overlay && !COMMANDS[id].inDialogs) return;
      // A held key runs a toggle or a dialog once, not again with every repeat.
      if (e.repeat && COMMANDS[id].once) return e.preventDefault();
      if (runCommand(stores, id)) e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}
