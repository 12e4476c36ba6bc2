/**
 * Settings (nav rail): theme, density, sound and notifications, the canned-reply language and the
 * keyboard shortcuts. Every change applies at once and is saved by main; a refusal says why.
 */
import { useEffect, useRef } from 'react';
import { CANNED_REPLY_LANGUAGES, type CannedReplyLanguage, type Settings } from '../../../shared/api/contract';
import { useSettings, useStores, useUi } from '../../app/hooks';
import { useDelayed } from '../../lib/use-now';
import { Button } from '../../ui/Button';
import { InlineAlert } from '../../ui/InlineAlert';
import { SegmentedControl } from '../../ui/SegmentedControl';
import { SkeletonLine } from '../../ui/Skeleton';
import { ShortcutSettings } from './ShortcutSettings';
import './settings.css';

const THEMES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
] as const satisfies readonly { value: Settings['theme']; label: string }[];

const DENSITIES = [
  { value: 'comfortable', label: 'Comfortable' },
  { value: 'compact', label: 'Compact' },
] as const satisfies readonly { value: Settings['density']; label: string }[];

const LANGUAGE_LABELS: Record<CannedReplyLanguage, string> = {
  auto: 'The customer’s language (automatic)',
  en: 'English',
  sv: 'Svenska (Swedish)',
  de: 'Deutsch (German)',
};

export function SettingsView() {
  const { settings: store } = useStores();
  const settings = useSettings((s) => s.settings);
  const status = useSettings((s) => s.status);
  const loadError = useSettings((s) => s.loadError);
  const saveError = useSettings((s) => s.saveError);
  const showSkeleton = useDelayed(status === 'loading' || status === 'idle');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const view = useUi((s) => s.view);
  const update = (patch: Partial<Settings>) => void store.getState().update(patch);

  // Arriving here (rail, palette, Ctrl+,) puts focus on the title, so screen readers announce it.
  useEffect(() => {
    if (view === 'settings' && !headingRef.current?.contains(document.activeElement)) {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) headingRef.current?.focus();
    }
  }, [view]);

  useEffect(() => {
    if (store.getState().status === 'idle') void store.getState().load();
  }, [store]);

  return (
    <main className="settings" aria-labelledby="settings-title">
      <div className="settings__inner">
        <h1 id="settings-title" className="settings__title" tabIndex={-1} ref={headingRef}>
          Settings
        </h1>
        {status === 'error' && loadError && (
          <InlineAlert
            actions={
              <Button dense variant="ghost" onClick={() => void store.getState().load()}>
                Retry
              </Button>
            }
          >
            Could not load your settings: {loadError.message} These are the defaults until then.
          </InlineAlert>
        )}
        {saveError && <InlineAlert>Your last change was not saved: {saveError.message}</InlineAlert>}
        {status !== 'ready' && status !== 'error' ? (
          showSkeleton ? <SettingsSkeleton /> : null
        ) : (
          <>
            <section className="settings__section" aria-labelledby="settings-appearance">
              <h2 id="settings-appearance" className="settings__section-title">
                Appearance
              </h2>
              <div className="settings__row">
                <span className="settings__label">
                  Theme
                </span>
                <SegmentedControl label="Theme" options={THEMES} value={settings.theme} onChange={(theme) => update({ theme })} />
              </div>
              <div className="settings__row">
                <span className="settings__label">Density</span>
                <SegmentedControl label="Density" options={DENSITIES} value={settings.density} onChange={(density) => update({ density })} />
                <span className="settings__help">Compact shows two lines per chat instead of three.</span>
              </div>
            </section>

            <section className="settings__section" aria-labelledby="settings-sound">
              <h2 id="settings-sound" className="settings__section-title">
                Sound and notifications
              </h2>
              <Toggle label="Sound" help="Desktop notifications play the system sound." checked={settings.sound} onChange={(sound) => update({ sound })} />
              <Toggle
                label="Desktop notifications"
                help="When Agent Desk is not in front: new chats and customer messages."
                checked={settings.notifications}
                onChange={(notifications) => update({ notifications })}
              />
            </section>

            <section className="settings__section" aria-labelledby="settings-canned">
              <h2 id="settings-canned" className="settings__section-title">
                Canned replies
              </h2>
              <div className="settings__row">
                <label className="settings__label" htmlFor="settings-canned-language">
                  Language
                </label>
                <select
                  id="settings-canned-language"
                  className="input settings__select"
                  value={settings.cannedReplyLanguage}
                  onChange={(e) => update({ cannedReplyLanguage: e.target.value as CannedReplyLanguage })}
                >
                  {CANNED_REPLY_LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {LANGUAGE_LABELS[l]}
                    </option>
                  ))}
                </select>
              </div>
            </section>

            <section className="settings__section" aria-labelledby="settings-keys">
              <h2 id="settings-keys" className="settings__section-title">
                Keyboard shortcuts
              </h2>
              <ShortcutSettings />
            </section>
          </>
        )}
      </div>
    </main>
  );
}

function Toggle({ label, help, checked, onChange }: { label: string; help: string; checked: boolean; onChange(value: boolean): void }) {
  return (
    <label className="settings__row settings__toggle">
      <span className="settings__label">{label}</span>
      <input type="checkbox" role="switch" className="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span className="settings__help">{help}</span>
    </label>
  );
}

function SettingsSkeleton() {
  return (
    <div className="settings__skeleton" aria-hidden="true">
      {[160, 220, 180, 240].map((w, i) => (
        <div key={i} className="settings__row">
          <SkeletonLine width={120} />
          <SkeletonLine width={w} height={24} />
        </div>
      ))}
    </div>
  );
}
