/**
 * Assist's keys against the keymap's rules: none types a character on Polish, German or Nordic
 * layouts (Alt+1–3 would: Alt+2 is @), none collides with another command where both listen,
 * and the suggestion keys work while the agent types in the composer.
 */
import { describe, expect, it } from 'vitest';
import { layoutProblem, parseBinding } from '../../../shared/keybinding';
import { COMMANDS, DEFAULT_KEYMAP, findConflict, matchShortcut, type CommandId, type KeyLike } from '../../app/keymap';

const ASSIST = (Object.keys(COMMANDS) as CommandId[]).filter((id) => id.startsWith('assist.'));
const key = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });

describe('assist keys', () => {
  it('are five commands in the Assist group, each with a layout-safe default that nothing else has', () => {
    expect(ASSIST).toEqual(['assist.reply1', 'assist.reply2', 'assist.reply3', 'assist.applyCategory', 'assist.useSummary']);
    for (const id of ASSIST) {
      expect(COMMANDS[id].group).toBe('Assist');
      for (const text of COMMANDS[id].defaults) {
        const b = parseBinding(text);
        expect(b, `${id} ${text}`).not.toBeNull();
        expect(layoutProblem(b!), `${id} ${text}`).toBeNull();
        expect(findConflict(DEFAULT_KEYMAP, id, text), `${id} ${text}`).toBeNull();
      }
    }
    // What the issue first thought of would take a character: Alt+2 is @ on German and Nordic keyboards.
    expect(layoutProblem(parseBinding('Alt+Digit2')!)).toMatch(/@/);
  });

  it('F1–F3 insert suggestions from inside the composer; Ctrl+Shift+L there too', () => {
    expect(matchShortcut(key({ key: 'F1', code: 'F1' }), true)).toBe('assist.reply1');
    expect(matchShortcut(key({ key: 'F3', code: 'F3' }), true)).toBe('assist.reply3');
    expect(matchShortcut(key({ key: 'L', code: 'KeyL', ctrlKey: true, shiftKey: true }), true)).toBe('assist.applyCategory');
    // The summary key belongs to the dialogs, not to the console.
    expect(matchShortcut(key({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }), true)).toBeNull();
  });
});
