import { describe, expect, it } from 'vitest';
import { formatBinding, isPrintableKey, layoutProblem, parseBinding } from './keybinding';

describe('key binding strings', () => {
  it('parses the canonical form and formats it back', () => {
    for (const s of ['Mod+k', 'Mod+Shift+e', 'Alt+KeyJ', '?', 'F6', 'Shift+F6', 'Escape', 'Mod+Digit1', 'Mod+,', 'Mod++', 'Mod+/', 'r', 'Space'])
      expect(formatBinding(parseBinding(s)!), s).toBe(s);
    expect(parseBinding('Mod+Shift+e')).toEqual({ mod: true, alt: false, shift: true, key: 'e' });
    expect(parseBinding('Alt+KeyJ')).toEqual({ mod: false, alt: true, shift: false, code: 'KeyJ' });
  });

  it('refuses what is not a binding', () => {
    for (const s of ['', 'Mod+', 'Ctrl+k', 'Shift+Mod+k', 'Mod+Mod+k', 'Mod+K', 'Mod+Enter+x', 'Mod+\u0000', 'Mod+ ', 'Hyper+k', 'x'.repeat(40), 'Mod+ab'])
      expect(parseBinding(s), JSON.stringify(s)).toBeNull();
  });

  it('knows which keys type a character', () => {
    expect(isPrintableKey(parseBinding('r')!)).toBe(true);
    expect(isPrintableKey(parseBinding('?')!)).toBe(true);
    expect(isPrintableKey(parseBinding('Space')!)).toBe(true);
    expect(isPrintableKey(parseBinding('F6')!)).toBe(false);
    expect(isPrintableKey(parseBinding('Escape')!)).toBe(false);
  });

  it('refuses bindings that take AltGr / Option characters on PL, DE and Nordic layouts', () => {
    expect(layoutProblem(parseBinding('Mod+Alt+e')!)).toMatch(/AltGr/);
    expect(layoutProblem(parseBinding('Mod+Alt+Shift+F6')!)).toMatch(/AltGr/);
    expect(layoutProblem(parseBinding('Alt+KeyS')!)).toMatch(/ś/);
    expect(layoutProblem(parseBinding('Alt+KeyA')!)).toMatch(/ą/);
    expect(layoutProblem(parseBinding('Alt+KeyQ')!)).toMatch(/@/);
    expect(layoutProblem(parseBinding('Alt+Digit7')!)).toMatch(/\{/);
    expect(layoutProblem(parseBinding('Alt+Digit1')!)).not.toBeNull();
    expect(layoutProblem(parseBinding('Alt+l')!)).not.toBeNull(); // an Alt chord must name the physical key
    for (const ok of ['Alt+KeyJ', 'Alt+KeyK', 'Alt+F6', 'Alt+ArrowUp', 'Mod+Shift+e', 'Mod+k', '?', 'Mod+Digit1'])
      expect(layoutProblem(parseBinding(ok)!), ok).toBeNull();
  });
});
