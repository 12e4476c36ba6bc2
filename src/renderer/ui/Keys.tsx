/** Key hints from the keymap registry: never a hard-coded "Ctrl+K" (UX.md §7.2). */
import { bindingLabel, isMac } from '../app/keymap';

/** The keys as <kbd> chips, "or" between alternatives; nothing when there are none. */
export function Keys({ bindings, className }: { bindings: readonly string[]; className?: string }) {
  if (bindings.length === 0) return null;
  const mac = isMac();
  return (
    <span className={`keys${className ? ` ${className}` : ''}`}>
      {bindings.map((b, i) => (
        <span key={b} className="keys__one">
          {i > 0 && <span className="keys__or">or</span>}
          <kbd>{bindingLabel(b, mac)}</kbd>
        </span>
      ))}
    </span>
  );
}
