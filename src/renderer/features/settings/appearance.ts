/** Theme and density on the document root, where the CSS tokens read them ([data-theme], [data-density]). */
import type { Settings } from '../../../shared/api/contract';

export type ThemeName = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

export function effectiveTheme(theme: Settings['theme'], prefersDark: boolean): ThemeName {
  return theme === 'system' ? (prefersDark ? 'dark' : 'light') : theme;
}

export function applyAppearance(root: HTMLElement, settings: Pick<Settings, 'theme' | 'density'>, prefersDark = systemPrefersDark()): void {
  const theme = effectiveTheme(settings.theme, prefersDark);
  if (root.dataset.theme !== theme) root.dataset.theme = theme;
  if (root.dataset.density !== settings.density) root.dataset.density = settings.density;
}

/** Follows the OS theme while the setting is "system"; returns the unsubscribe. */
export function onSystemThemeChange(listener: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const mq = matchMedia(DARK_QUERY);
  mq.addEventListener('change', listener);
  return () => mq.removeEventListener('change', listener);
}
