/**
 * The image viewer: a modal dialog ("Image viewer") over the console, opened from a thumbnail.
 * Zoom and pan come from react-zoom-pan-pinch (wheel, drag, pinch); keys, fit / 100 %,
 * rotation and prev / next are ours, computed by geometry.ts. Redact mode draws regions over the
 * picture and saves a redacted copy (redaction.ts) as a new attachment on an internal note.
 * Everything the customer sent is shown as text or as an image from a blob: URL, never as markup.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { createPortal } from 'react-dom';
import { TransformComponent, TransformWrapper, type ReactZoomPanPinchContentRef } from 'react-zoom-pan-pinch';
import type { ApiError, DeskApi } from '../../../shared/api/contract';
import { DEFAULT_KEYMAP, type Keymap } from '../../app/keymap';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { Icon } from '../../ui/Icon';
import {
  centred,
  dragToImageRect,
  fitScale,
  nudgeRegion,
  regionInView,
  imageCssTransform,
  imageRectToBox,
  MAX_SCALE,
  MIN_SCALE,
  rectFromPoints,
  rotateBy,
  rotatedSize,
  rotateView,
  zoomAround,
  ZOOM_STEP,
  type Point,
  type Rect,
  type Rotation,
  type Size,
  type Transform,
} from './geometry';
import { useAttachmentUrl } from './load-attachment';
import { blobToBase64, redactedFilename, renderRedactedPng } from './redaction';
import { CardsHiddenBadge, ScreenshotText } from './ScreenshotText';
import { caption, downloadName, type ViewerItem } from './viewer-items';
import { keyAria, keyHint, matchViewerKey, withKeyHint, type ViewerCommand } from './viewer-keys';
import { ViewerIcon, type ViewerIconName } from './viewer-icons';
import './viewer.css';

/** How far an arrow key pans, in screen pixels (Shift: four times as far). */
const PAN_STEP = 64;

export interface ImageViewerProps {
  api: DeskApi;
  ticketId: string;
  items: readonly ViewerItem[];
  startId: string;
  /** Uploading the redacted copy needs the desk server. */
  online: boolean;
  onClose(): void;
  /** Where focus goes back to when the viewer closes (the thumbnail that opened it). */
  returnFocus?(): HTMLElement | null;
  /** The agent's keys (the keymap table with their remaps); the defaults when absent. */
  keymap?: Keymap;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; filename: string } | { kind: 'failed'; error: ApiError | { message: string }; uploadedId: string | null };

export function prefersReducedMotion(): boolean {
  // No matchMedia (tests, very old hosts): no motion.
  return typeof matchMedia !== 'function' || matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function ImageViewer({ api, ticketId, items, startId, online, onClose, returnFocus, keymap = DEFAULT_KEYMAP }: ImageViewerProps) {
  // Kept by id: the list may grow (a new message, an older page) while the viewer is open.
  const [currentId, setCurrentId] = useState(startId);
  const index = Math.max(0, items.findIndex((i) => i.attachment.id === currentId));
  const item = items[index];
  const [attempt, setAttempt] = useState(0);
  const view = useAttachmentUrl(api, item?.attachment.id ?? null, attempt);
  const [rotation, setRotation] = useState<Rotation>(0);
  const [natural, setNatural] = useState<Size | null>(null);
  const [transform, setTransform] = useState<Transform>({ scale: 1, x: 0, y: 0 });
  const [mode, setMode] = useState<'view' | 'redact'>('view');
  const [regions, setRegions] = useState<Rect[]>([]);
  /** A region added from the keyboard that the arrows move until it is placed (its index). */
  const [activeRegion, setActiveRegion] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ start: Point; end: Point } | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [announcement, setAnnouncement] = useState('');

  const dialogRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const imgRef = useRef<HTMLImageElement>(null);
  const zoomRef = useRef<ReactZoomPanPinchContentRef>(null);
  const fitted = useRef(true);
  const dragStart = useRef<Point | null>(null);
  const reduced = useMemo(prefersReducedMotion, []);
  const animation = reduced ? 0 : 150;
  const titleId = useId();
  const captionId = useId();

  // Modal: the rest of the page is inert while the viewer is open; focus starts on the picture
  // and goes back to the thumbnail afterwards.
  const returnFocusRef = useRef(returnFocus);
  returnFocusRef.current = returnFocus;
  useEffect(() => {
    const host = dialogRef.current?.closest('.viewer-backdrop')?.parentElement === document.body ? dialogRef.current.closest('.viewer-backdrop') : null;
    const others = [...document.body.children].filter((el) => el !== host && !el.hasAttribute('inert'));
    for (const el of others) el.setAttribute('inert', '');
    stageRef.current?.focus({ preventScroll: true });
    return () => {
      for (const el of others) el.removeAttribute('inert');
      const back = returnFocusRef.current?.();
      if (back?.isConnected) back.focus({ preventScroll: true });
    };
  }, []);

  const size: Size | null = natural ?? (item ? { width: item.attachment.width, height: item.attachment.height } : null);

  // ---- transform -----------------------------------------------------------------------------

  const viewport = useCallback((): Size => {
    const el = zoomRef.current?.instance.wrapperComponent ?? stageRef.current;
    return { width: el?.clientWidth ?? 0, height: el?.clientHeight ?? 0 };
  }, []);

  // Where the picture is going: while the library animates (a zoom), the next key press builds
  // on this target, not on the frame the animation happens to be at.
  const target = useRef<Transform | null>(null);
  const current = useCallback((): Transform => {
    const inst = zoomRef.current?.instance;
    if (inst?.isAnimating && target.current) return target.current;
    return inst ? { scale: inst.state.scale, x: inst.state.positionX, y: inst.state.positionY } : (target.current ?? transform);
  }, [transform]);

  const apply = useCallback(
    (t: Transform, animate = true) => {
      const z = zoomRef.current;
      target.current = t;
      setTransform(t);
      // An instant move must also stop a running animation (a 0 ms one does not), hence 1 ms.
      const time = animate ? animation : z?.instance.isAnimating ? 1 : 0;
      if (z) void z.setTransform(t.x, t.y, t.scale, time);
    },
    [animation],
  );

  const fit = useCallback(
    (rot: Rotation = rotation, animate = true) => {
      if (!size) return;
      fitted.current = true;
      apply(centred(size, rot, viewport(), fitScale(size, rot, viewport())), animate);
    },
    [apply, rotation, size, viewport],
  );

  const zoomTo = useCallback(
    (scale: number) => {
      fitted.current = false;
      const v = viewport();
      apply(zoomAround(current(), scale, { x: v.width / 2, y: v.height / 2 }));
    },
    [apply, current, viewport],
  );

  const actualSize = useCallback(() => {
    if (!size) return;
    fitted.current = false;
    apply(centred(size, rotation, viewport(), 1));
  }, [apply, rotation, size, viewport]);

  const pan = useCallback(
    (dx: number, dy: number) => {
      fitted.current = false;
      const t = current();
      apply({ ...t, x: t.x + dx, y: t.y + dy });
    },
    [apply, current],
  );

  const rotate = useCallback(
    (turns: number) => {
      if (!size) return;
      const next = rotateBy(rotation, turns);
      setRotation(next);
      setAnnouncement(next === 0 ? 'Not rotated' : `Rotated ${next}°`);
      // At fit, the turned picture is fitted again; zoomed in, the same spot stays in the middle.
      if (fitted.current) fit(next, false);
      else apply(rotateView(current(), size, rotation, next, viewport()), false);
    },
    [apply, current, fit, rotation, size, viewport],
  );

  // A new picture starts fitted, unturned, out of redact mode.
  useLayoutEffect(() => {
    setRotation(0);
    setNatural(null);
    setRegions([]);
    setActiveRegion(null);
    setMode('view');
    setDrag(null);
    setSave((s) => (s.kind === 'saved' ? s : { kind: 'idle' }));
    fitted.current = true;
  }, [item?.attachment.id]);

  useEffect(() => {
    if (item) setAnnouncement(`Image ${index + 1} of ${items.length}: ${item.attachment.filename}`);
  }, [index, item, items.length]);

  // The file's own size (when it differs from the row's, or the row was not known) refits; only
  // when that size becomes known, so `fit` is left out of the dependencies on purpose.
  useEffect(() => {
    if (natural && fitted.current) fit(rotation, false);
  }, [natural]);

  // Keep a fitted picture fitted when the window changes size.
  useEffect(() => {
    const el = stageRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (fitted.current) fit(rotation, false);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fit, rotation]);

  // ---- navigation, download, redaction -------------------------------------------------------

  const go = useCallback(
    (to: number) => {
      const next = items[Math.max(0, Math.min(items.length - 1, to))];
      if (next && next.attachment.id !== item?.attachment.id) {
        setCurrentId(next.attachment.id);
        setAttempt(0);
      }
    },
    [item, items],
  );

  const download = useCallback(() => {
    if (view.status !== 'ready' || !item) return;
    // Our own blob: URL with a cleaned name; Electron's will-download check lets only those through.
    const a = document.createElement('a');
    a.href = view.url;
    a.download = downloadName(item.attachment);
    a.rel = 'noopener';
    a.hidden = true;
    (dialogRef.current ?? document.body).appendChild(a);
    a.click();
    a.remove();
    setAnnouncement(`Downloading ${a.download}`);
  }, [item, view]);

  const toggleRedact = useCallback(() => {
    if (view.status !== 'ready') return;
    setMode((m) => (m === 'redact' ? 'view' : 'redact'));
    setRegions([]);
    setActiveRegion(null);
    setDrag(null);
    setSave({ kind: 'idle' });
  }, [view.status]);

  const saveRedacted = useCallback(async () => {
    const img = imgRef.current;
    if (!item || !img || !size || regions.length === 0 || save.kind === 'saving') return;
    const original = item.attachment;
    const filename = redactedFilename(original.filename);
    setSave({ kind: 'saving' });
    let uploadedId = save.kind === 'failed' ? save.uploadedId : null;
    try {
      if (!uploadedId) {
        const png = await renderRedactedPng(img, size, rotation, regions);
        const up = await api.invoke('attachments:upload', { ticketId, mime: 'image/png', filename, dataBase64: await blobToBase64(png) });
        if (!up.ok) return setSave({ kind: 'failed', error: up.error, uploadedId: null });
        uploadedId = up.value.id;
      }
      const regionsText = regions.length === 1 ? '1 region' : `${regions.length} regions`;
      const note = await api.invoke('messages:send', {
        ticketId,
        kind: 'note',
        body: `Redacted copy of ${original.filename} (${regionsText} blurred). Forward, export and escalate this copy, not the original.`,
        attachmentIds: [uploadedId],
      });
      if (!note.ok) return setSave({ kind: 'failed', error: note.error, uploadedId });
      setSave({ kind: 'saved', filename });
      setMode('view');
      setRegions([]);
      setActiveRegion(null);
      setAnnouncement(`Saved ${filename} and added it to an internal note`);
    } catch (err) {
      setSave({ kind: 'failed', error: { message: err instanceof Error ? err.message : String(err) }, uploadedId });
    }
  }, [api, item, regions, rotation, save, size, ticketId]);

  const addRegion = useCallback(() => {
    if (mode !== 'redact' || !size) return;
    const region = regionInView(current(), viewport(), size, rotation);
    if (!region) return setAnnouncement('The picture is not in view: press 0 to fit it first');
    setRegions((r) => [...r, region]);
    setActiveRegion(regions.length);
    setAnnouncement('Region added. Arrows move it, Shift and arrows resize it, Enter places it.');
  }, [current, mode, regions.length, rotation, size, viewport]);

  /** Arrows on a region being placed: move it (Shift: resize it) by a step on screen. */
  const nudge = useCallback(
    (dx: number, dy: number, resize: boolean) => {
      if (activeRegion === null || !size) return;
      setRegions((rs) => rs.map((r, i) => (i === activeRegion ? nudgeRegion(r, { x: dx, y: dy }, current(), size, rotation, resize) : r)));
    },
    [activeRegion, current, rotation, size],
  );

  const run = useCallback(
    (command: ViewerCommand, shift: boolean): boolean => {
      const step = shift ? PAN_STEP * 4 : PAN_STEP;
      if (activeRegion !== null && command.startsWith('pan')) {
        const d = 8;
        const [dx, dy] = command === 'panLeft' ? [-d, 0] : command === 'panRight' ? [d, 0] : command === 'panUp' ? [0, -d] : [0, d];
        nudge(dx, dy, shift);
        return true;
      }
      switch (command) {
        case 'zoomIn':
          zoomTo(current().scale * ZOOM_STEP);
          return true;
        case 'zoomOut':
          zoomTo(current().scale / ZOOM_STEP);
          return true;
        case 'fit':
          fit();
          return true;
        case 'actualSize':
          actualSize();
          return true;
        // The arrows move the view, like scrolling: Left shows what is to the left.
        case 'panLeft':
          pan(step, 0);
          return true;
        case 'panRight':
          pan(-step, 0);
          return true;
        case 'panUp':
          pan(0, step);
          return true;
        case 'panDown':
          pan(0, -step);
          return true;
        case 'rotate':
          rotate(1);
          return true;
        case 'rotateBack':
          rotate(-1);
          return true;
        case 'previous':
          go(index - 1);
          return true;
        case 'next':
          go(index + 1);
          return true;
        case 'first':
          go(0);
          return true;
        case 'last':
          go(items.length - 1);
          return true;
        case 'download':
          download();
          return true;
        case 'toggleRedact':
          toggleRedact();
          return true;
        case 'addRegion':
          addRegion();
          return mode === 'redact';
        case 'placeRegion':
          // Enter belongs to the focused button, unless a region is being placed from the picture.
          if (activeRegion === null || document.activeElement !== stageRef.current) return false;
          setActiveRegion(null);
          setAnnouncement(`Region placed. ${regions.length === 1 ? '1 region' : `${regions.length} regions`}.`);
          return true;
        case 'undoRegion':
          if (mode !== 'redact') return false;
          setRegions((r) => r.slice(0, -1));
          setActiveRegion(null);
          return true;
        case 'close':
          if (activeRegion !== null) setActiveRegion(null);
          else if (mode === 'redact') toggleRedact();
          else onClose();
          return true;
      }
    },
    [activeRegion, actualSize, addRegion, current, download, fit, go, index, items.length, mode, nudge, onClose, pan, regions.length, rotate, toggleRedact, zoomTo],
  );

  // Keys are taken on the window, before anything else sees them: the console's own shortcuts
  // never fire behind the modal, and the keys still work when focus has fallen to <body> (a
  // focused control that went away, e.g. Save in the redaction bar).
  const onKey = (e: KeyboardEvent) => {
    e.stopPropagation();
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.contains(document.activeElement)) stageRef.current?.focus({ preventScroll: true });
    if (e.key === 'Tab') return trapFocus(e, dialog);
    const command = matchViewerKey(e, keymap);
    if (command && run(command, e.shiftKey)) e.preventDefault();
  };
  const keyHandler = useRef(onKey);
  keyHandler.current = onKey;
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);

  // A control that had focus went away (leaving redact mode, the last image reached): focus the picture.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !dialogRef.current?.contains(active)) stageRef.current?.focus({ preventScroll: true });
  }, [mode, save.kind, index]);

  // ---- drawing regions -----------------------------------------------------------------------

  const toViewport = (e: ReactPointerEvent): Point => {
    const el = zoomRef.current?.instance.wrapperComponent ?? stageRef.current;
    const r = el?.getBoundingClientRect() ?? { left: 0, top: 0 };
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (mode !== 'redact' || e.button !== 0 || view.status !== 'ready') return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    const p = toViewport(e);
    dragStart.current = p;
    setDrag({ start: p, end: p });
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const start = dragStart.current;
    if (start) setDrag({ start, end: toViewport(e) });
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const start = dragStart.current;
    dragStart.current = null;
    setDrag(null);
    if (!start || !size) return;
    const region = dragToImageRect(start, toViewport(e), current(), size, rotation);
    if (region) {
      setActiveRegion(null);
      setRegions((r) => [...r, region]);
      if (save.kind === 'failed') setSave({ kind: 'idle' });
    }
  };

  if (!item) return null;
  const a = item.attachment;
  const box = size ? rotatedSize(size, rotation) : null;
  const offline = view.status === 'failed' && view.error.code === 'offline';
  const percent = `${Math.round(transform.scale * 100)} %`;
  const ready = view.status === 'ready';

  return createPortal(
    <div className={`viewer-backdrop${reduced ? ' viewer-backdrop--still' : ''}`}>
      <div
        ref={dialogRef}
        className={`viewer viewer--${mode}`}
        role="dialog"
        aria-modal="true"
        aria-label="Image viewer"
        aria-describedby={captionId}
        data-testid="image-viewer"
      >
        <header className="viewer__bar">
          <div className="viewer__title">
            <div className="viewer__name-line">
              <h2 className="viewer__name" id={titleId} title={a.filename}>
                {a.filename}
              </h2>
              {item.redacted ? (
                <Chip tone="info" title="Regions of this copy were blurred; the original stays in the chat">
                  <Icon name="shield" size={12} />
                  Redacted copy
                </Chip>
              ) : item.onNote ? (
                <Chip tone="warning">
                  <Icon name="lock" size={12} />
                  Internal
                </Chip>
              ) : null}
              <CardsHiddenBadge count={a.cardsHidden} />
            </div>
            <p className="viewer__caption" id={captionId}>
              {caption(a)}
              {rotation !== 0 && <span> · rotated {rotation}°</span>}
            </p>
          </div>
          <span className="viewer__index" aria-label={`Image ${index + 1} of ${items.length}`}>
            {index + 1} / {items.length}
          </span>
          <div className="viewer__tools" role="group" aria-label="Image tools">
            <Tool icon="previous" label="Previous image" command="previous" keymap={keymap} onClick={() => go(index - 1)} disabled={index === 0} />
            <Tool icon="next" label="Next image" command="next" keymap={keymap} onClick={() => go(index + 1)} disabled={index >= items.length - 1} />
            <span className="viewer__sep" aria-hidden="true" />
            <Tool icon="zoomOut" label="Zoom out" command="zoomOut" keymap={keymap} onClick={() => run('zoomOut', false)} disabled={!ready || transform.scale <= MIN_SCALE} />
            <output className="viewer__zoom-level" aria-label="Zoom level" data-testid="zoom-level">
              {percent}
            </output>
            <Tool icon="zoomIn" label="Zoom in" command="zoomIn" keymap={keymap} onClick={() => run('zoomIn', false)} disabled={!ready || transform.scale >= MAX_SCALE} />
            <Tool icon="fit" label="Fit to window" command="fit" keymap={keymap} onClick={() => fit()} disabled={!ready} />
            <Button dense variant="ghost" className="viewer__tool viewer__tool--text" onClick={actualSize} disabled={!ready} title={withKeyHint('Actual size', 'actualSize', keymap)} aria-keyshortcuts={keyAria('actualSize', keymap)}>
              100 %
            </Button>
            <Tool icon="rotate" label="Rotate clockwise" command="rotate" keymap={keymap} onClick={() => rotate(1)} disabled={!ready} />
            <span className="viewer__sep" aria-hidden="true" />
            <Tool icon="download" label="Download" command="download" keymap={keymap} onClick={download} disabled={!ready} />
            <Button
              dense
              variant={mode === 'redact' ? 'note' : 'ghost'}
              className="viewer__tool viewer__tool--text"
              onClick={toggleRedact}
              disabled={!ready}
              aria-pressed={mode === 'redact'}
              title={withKeyHint('Redact regions', 'toggleRedact', keymap)}
              aria-keyshortcuts={keyAria('toggleRedact', keymap)}
            >
              <ViewerIcon name="redact" size={14} />
              Redact
            </Button>
            <span className="viewer__sep" aria-hidden="true" />
            <Button dense variant="ghost" className="viewer__tool" icon="close" onClick={onClose} aria-label="Close" title={withKeyHint('Close', 'close', keymap)} aria-keyshortcuts={keyAria('close', keymap)} />
          </div>
        </header>

        {mode === 'redact' && (
          <div className="viewer__redact-bar" role="group" aria-label="Redaction">
            <p className="viewer__redact-hint">
              <Icon name="lock" size={14} />
              Drag over what to hide{keyHint('addRegion', keymap) ? ` (or press ${keyHint('addRegion', keymap)}, then arrows)` : ''}. The copy is blurred and pixelated, added to an internal note; the original stays as it is.
            </p>
            <span className="viewer__redact-count" aria-live="polite">
              {regions.length === 0 ? 'No regions yet' : regions.length === 1 ? '1 region' : `${regions.length} regions`}
            </span>
            <Button dense variant="ghost" onClick={() => setRegions((r) => r.slice(0, -1))} disabled={regions.length === 0} title={withKeyHint('Remove the last region', 'undoRegion', keymap)}>
              <ViewerIcon name="undo" size={14} />
              Undo
            </Button>
            <Button dense variant="ghost" onClick={toggleRedact}>
              Cancel
            </Button>
            <Button dense variant="note" onClick={() => void saveRedacted()} disabled={regions.length === 0 || !online || save.kind === 'saving'} title={online ? undefined : 'Needs a connection to the desk server'}>
              {save.kind === 'saving' ? 'Saving…' : save.kind === 'failed' && save.uploadedId ? 'Retry adding the note' : 'Save redacted copy'}
            </Button>
            {!online && <span className="viewer__redact-offline">Needs connection</span>}
          </div>
        )}
        {save.kind === 'failed' && (
          <p className="viewer__notice viewer__notice--error" role="alert">
            <Icon name="alert" size={14} />
            The redacted copy was not saved: {save.error.message}
          </p>
        )}
        {save.kind === 'saved' && (
          <p className="viewer__notice" role="status">
            <Icon name="check" size={14} />
            Saved {save.filename} and added it to an internal note. Forward and escalate that copy.
          </p>
        )}

        <div
          ref={stageRef}
          className="viewer__stage"
          tabIndex={0}
          role="group"
          aria-label={mode === 'redact' ? 'Picture: drag over what to hide' : 'Picture: drag or use the arrow keys to pan'}
          data-rotation={rotation}
          data-scale={transform.scale.toFixed(3)}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => {
            dragStart.current = null;
            setDrag(null);
          }}
        >
          {view.status === 'loading' && (
            <div className="viewer__state" role="status">
              <div className="viewer__placeholder" style={placeholderSize(a)} />
              <span>Loading image…</span>
            </div>
          )}
          {view.status === 'failed' && (
            <div className="viewer__state viewer__state--error" role="alert">
              <Icon name={offline ? 'offline' : 'image'} size={24} />
              <p>{offline ? 'This image is not saved on this computer, and you are offline. It opens once the connection is back.' : 'This image could not be loaded'}</p>
              <Button dense onClick={() => setAttempt((n) => n + 1)} icon="retry">
                Retry
              </Button>
            </div>
          )}
          {ready && size && box && (
            <TransformWrapper
              ref={zoomRef}
              key={a.id}
              minScale={MIN_SCALE}
              maxScale={MAX_SCALE}
              limitToBounds={false}
              centerOnInit={false}
              disablePadding
              smooth={!reduced}
              keyboard={{ disabled: true }}
              wheel={{ step: 0.15 }}
              panning={{ disabled: mode === 'redact', velocityDisabled: true }}
              doubleClick={{ disabled: mode === 'redact', mode: 'toggle', animationTime: animation }}
              zoomAnimation={{ disabled: reduced }}
              velocityAnimation={{ disabled: true }}
              onTransform={(_ref, s) => setTransform({ scale: s.scale, x: s.positionX, y: s.positionY })}
              onWheelStart={() => void (fitted.current = false)}
              onPanningStart={() => void (fitted.current = false)}
              onPinchStart={() => void (fitted.current = false)}
              onInit={() => fit(rotation, false)}
            >
              <TransformComponent wrapperClass="viewer__zoom" contentClass="viewer__content">
                <div className="viewer__box" style={{ width: box.width, height: box.height, ['--viewer-scale' as string]: transform.scale }}>
                  <img
                    ref={imgRef}
                    className="viewer__img"
                    src={view.url}
                    alt={a.filename}
                    draggable={false}
                    style={{ width: size.width, height: size.height, transform: imageCssTransform(size, rotation) }}
                    onLoad={(e) => {
                      const img = e.currentTarget;
                      if (img.naturalWidth > 0 && (img.naturalWidth !== size.width || img.naturalHeight !== size.height)) setNatural({ width: img.naturalWidth, height: img.naturalHeight });
                    }}
                  />
                  {mode === 'redact' &&
                    regions.map((r, i) => {
                      const b = imageRectToBox(r, size, rotation);
                      return <div key={i} className={`viewer__region${i === activeRegion ? ' viewer__region--active' : ''}`} style={{ left: b.x, top: b.y, width: b.width, height: b.height }} />;
                    })}
                </div>
              </TransformComponent>
            </TransformWrapper>
          )}
          {drag && <div className="viewer__drag" style={dragStyle(drag)} />}
        </div>
        <ScreenshotText attachment={a} variant="viewer" />
        <p className="viewer__hint" aria-hidden="true">
          Wheel or + − to zoom · drag or arrows to pan · R rotate · PageUp / PageDown or [ ] previous / next · Esc close
        </p>
        <div className="visually-hidden" aria-live="polite">
          {announcement}
        </div>
      </div>
    </div>,
    document.body,
  );
}

function Tool({ icon, label, command, onClick, disabled, keymap }: { icon: ViewerIconName; label: string; command: ViewerCommand; onClick(): void; disabled?: boolean; keymap: Keymap }) {
  return (
    <button
      type="button"
      className="btn btn--ghost btn--dense viewer__tool"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={withKeyHint(label, command, keymap)}
      aria-keyshortcuts={keyAria(command, keymap)}
    >
      <ViewerIcon name={icon} />
    </button>
  );
}

function placeholderSize(a: { width: number; height: number }) {
  const scale = Math.min(1, 320 / Math.max(1, a.width), 320 / Math.max(1, a.height));
  return { width: Math.round(a.width * scale), height: Math.round(a.height * scale) };
}

function dragStyle(d: { start: Point; end: Point }) {
  const r = rectFromPoints(d.start, d.end);
  return { left: r.x, top: r.y, width: r.width, height: r.height };
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round the dialog's own controls. */
function trapFocus(e: KeyboardEvent, dialog: HTMLElement) {
  const all = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return e.preventDefault();
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}
