/**
 * Secondary views that follow a chat switch a frame later (QUALITY.md: the switch itself paints
 * within one frame): the customer panel, the list's highlight, the tab strip's scroll.
 */
import { useEffect, useState } from 'react';

/** Runs `fn` once the next frame has been painted (at once where there are no frames). */
export function afterNextPaint(fn: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.visibilityState === 'hidden') {
    fn();
    return () => {};
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The value, but a new one only once the next frame has been painted. */
export function useValueAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    return afterNextPaint(() => setShown(value));
  }, [value, shown]);
  return shown;
}
