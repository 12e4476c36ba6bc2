/**
 * A modal dialog: rendered over the app, the rest of the page inert, Tab kept inside, Esc and a
 * click outside close it, and focus goes back where it was (UX.md §4; W 2.4.11). Our own rather
 * than cmdk's Radix dialog: that one injects a <style> element the strict CSP refuses.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './dialog.css';

/** Where each open dialog sends focus back: a dialog opened from another one inherits it. */
const RETURN_TO = new WeakMap<Element, HTMLElement | null>();

function focusToReturnTo(): HTMLElement | null {
  if (typeof document === 'undefined') return null;
  const active = document.activeElement as HTMLElement | null;
  const owner = active?.closest('[role="dialog"]');
  return owner && RETURN_TO.has(owner) ? (RETURN_TO.get(owner) ?? null) : active;
}

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  /** The accessible name ("Command palette"). */
  label: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
  /** Where focus goes when the element it came from is gone. */
  fallbackFocus?(): void;
}

export function Dialog({ label, onClose, children, className, fallbackFocus }: DialogProps) {
  // Read during render, before anything in the dialog takes focus (the palette handing over to
  // the shortcuts overlay passes on where the palette came from).
  const [returnTo] = useState(focusToReturnTo);
  const layerRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const fallbackRef = useRef(fallbackFocus);
  fallbackRef.current = fallbackFocus;

  useLayoutEffect(() => {
    const layer = layerRef.current;
    const panel = panelRef.current;
    if (!layer || !panel) return;
    RETURN_TO.set(panel, returnTo);
    const madeInert: HTMLElement[] = [];
    for (const el of Array.from(document.body.children)) {
      if (el === layer || !(el instanceof HTMLElement) || el.inert) continue;
      el.inert = true;
      madeInert.push(el);
    }
    if (!panel.contains(document.activeElement)) (panel.querySelector<HTMLElement>(FOCUSABLE) ?? panel).focus();
    return () => {
      for (const el of madeInert) el.inert = false;
      if (returnTo && returnTo.isConnected && returnTo !== document.body) returnTo.focus();
      else fallbackRef.current?.();
    };
  }, [returnTo]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !panelRef.current) return;
    const items = Array.from(panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return e.preventDefault();
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div ref={layerRef} className="dialog-layer" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={panelRef} role="dialog" aria-modal="true" aria-label={label} tabIndex={-1} className={`dialog${className ? ` ${className}` : ''}`} onKeyDown={onKeyDown}>
        {children}
      </div>
    </div>,
    document.body,
  );
}
