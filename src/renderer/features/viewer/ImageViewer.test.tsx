// @vitest-environment jsdom
/**
 * The viewer in jsdom: opened from a thumbnail with Enter, its keys (zoom, fit, 100 %, rotate,
 * previous / next), Esc closing with focus back on the thumbnail, the focus trap, the console's
 * shortcuts kept out, the error and offline states, and redact mode's regions. jsdom lays nothing
 * out (the stage is 0 × 0, so "fit" is 100 %) and has no canvas: saving a copy is tested in
 * Chromium (tests/e2e/image-viewer.test.ts).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalMessage } from '../../../shared/api/contract';
import type { AttachmentRow } from '../../../shared/domain';
import { StoresContext } from '../../app/hooks';
import { createStores } from '../../app/stores';
import { createFakeApi, detail, fail, message, ok, syncStatus, type FakeApi } from '../../testing/fake-api';
import { AttachmentImage } from '../conversation/AttachmentImage';
import { ImageViewerProvider } from './ImageViewerProvider';
import { forgetLoadedAttachments } from './load-attachment';

const row = (id: string, over: Partial<AttachmentRow> = {}): AttachmentRow => ({
  id,
  ticketId: 't1',
  messageId: `m-${id}`,
  sha256: 'a'.repeat(64),
  mime: 'image/png',
  bytes: 86_016,
  width: 390,
  height: 844,
  filename: `${id}.png`,
  createdAt: '2026-05-01T12:41:00.000Z',
  version: 1,
  ocrText: '',
  cardsHidden: 0,
  ...over,
});

const OCR_TEXT = 'Payment failed: error E-4012\nCard •••• 1111 <b>exp</b> 12/27';
const attachments = [row('first', { ocrText: OCR_TEXT, cardsHidden: 1 }), row('second', { width: 1200, height: 800, bytes: 2_500_000 }), row('third-redacted', { messageId: 'm-note' })];
const messages: LocalMessage[] = [
  message('m-first', '1', { attachmentIds: ['first'] }),
  message('m-second', '2', { attachmentIds: ['second'] }),
  message('m-note', '3', { authorKind: 'note', authorName: 'Maja', attachmentIds: ['third-redacted'] }),
];

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let api: FakeApi;

function setup(opts: { online?: boolean } = {}) {
  api = createFakeApi({ 'attachments:get': () => ok({ mime: 'image/png', dataBase64: PNG_BASE64 }) });
  const stores = createStores(api);
  stores.conversation.setState({ ticketId: 't1', detail: { ...detail('t1'), attachments }, messages, loading: false });
  stores.sync.setState({ status: syncStatus({ connection: opts.online === false ? 'offline' : 'online' }) });
  const user = userEvent.setup();
  render(
    <StoresContext.Provider value={stores}>
      <main id="app">
        <button type="button">Before</button>
        <ImageViewerProvider ticketId="t1">
          {messages.map((m) => m.attachmentIds.map((id) => <AttachmentImage key={id} attachmentId={id} onNote={m.authorKind === 'note'} />))}
        </ImageViewerProvider>
      </main>
    </StoresContext.Provider>,
  );
  return { user, stores };
}

async function openFirst(user: ReturnType<typeof userEvent.setup>) {
  const thumb = await screen.findByRole('button', { name: /^first\.png/ });
  thumb.focus();
  await user.keyboard('{Enter}');
  const dialog = await screen.findByRole('dialog', { name: 'Image viewer' });
  await within(dialog).findByRole('img', { name: 'first.png' });
  return { thumb, dialog };
}

const zoom = () => screen.getByTestId('zoom-level').textContent;
const stage = (dialog: HTMLElement) => within(dialog).getByRole('group', { name: /^Picture/ });

beforeAll(() => {
  // jsdom has no blob: URLs.
  let n = 0;
  URL.createObjectURL = vi.fn(() => `blob:test/${n++}`);
  URL.revokeObjectURL = vi.fn();
});
beforeEach(() => forgetLoadedAttachments());
afterEach(cleanup);

describe('thumbnails', () => {
  it('are buttons named by the file name, sized before the image arrives, and marked when redacted on a note', async () => {
    setup();
    const thumb = await screen.findByRole('button', { name: /^first\.png/ });
    expect(thumb.style.width).toBe('111px'); // 390 × 844 in 240 × 240
    expect(thumb.style.height).toBe('240px');
    await waitFor(() => expect(within(thumb).getByRole('img', { name: 'first.png' })).toBeTruthy());
    expect(within(screen.getByRole('button', { name: /third-redacted\.png/ })).getByText('Redacted')).toBeTruthy();
    expect(within(screen.getByRole('button', { name: /^second\.png/ })).queryByText('Redacted')).toBeNull();
  });
});

describe("what the desk read in a screenshot", () => {
  it('shows under the thumbnail and in the viewer as text, with a badge when a card number was hidden', async () => {
    const { user } = setup();
    const thumb = await screen.findByRole('button', { name: /^first\.png/ });
    const figure = thumb.parentElement!;
    // Outside the button, so it can be selected; markup in it stays text.
    expect(within(thumb).queryByTestId('screenshot-text')).toBeNull();
    expect(within(figure).getByTestId('screenshot-text').textContent).toBe(OCR_TEXT);
    expect(figure.querySelector('b')).toBeNull();
    expect(within(figure).getByTestId('cards-hidden').textContent).toBe('Card number hidden');
    // A screenshot with nothing read shows neither.
    const second = screen.getByRole('button', { name: /^second\.png/ }).parentElement!;
    expect(within(second).queryByTestId('screenshot-text')).toBeNull();
    expect(within(second).queryByTestId('cards-hidden')).toBeNull();

    const { dialog } = await openFirst(user);
    expect(within(dialog).getByTestId('screenshot-text').textContent).toBe(OCR_TEXT);
    expect(within(dialog).getByTestId('cards-hidden').textContent).toBe('Card number hidden');
    expect(within(dialog).getByText('Text in the screenshot')).toBeTruthy();
  });
});

describe('the image viewer', () => {
  it('opens with Enter as a modal dialog with the caption, index and focus inside', async () => {
    const { user } = setup();
    const { dialog } = await openFirst(user);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByRole('heading', { name: 'first.png' })).toBeTruthy();
    expect(within(dialog).getByText(/· 390×844 · 84 KB$/)).toBeTruthy();
    expect(within(dialog).getByText('1 / 3')).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.getElementById('app')?.closest('[inert]')).not.toBeNull();
    await waitFor(() => expect(within(dialog).getByRole('img', { name: 'first.png' })).toBeTruthy());
  });

  it('zooms with + and -, fits with 0 and shows 100 % with 1', async () => {
    const { user } = setup();
    await openFirst(user);
    expect(zoom()).toBe('100 %'); // fit, in a 0 × 0 stage
    await user.keyboard('+');
    expect(zoom()).toBe('125 %');
    await user.keyboard('=');
    expect(zoom()).toBe('156 %');
    await user.keyboard('-');
    await user.keyboard('-');
    await user.keyboard('-');
    expect(zoom()).toBe('80 %');
    await user.keyboard('0');
    expect(zoom()).toBe('100 %');
    await user.keyboard('++1');
    expect(zoom()).toBe('100 %');
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(zoom()).toBe('125 %');
  });

  it('rotates with R (clockwise) and Shift+R, keeping the zoom', async () => {
    const { user } = setup();
    const { dialog } = await openFirst(user);
    await user.keyboard('+');
    await user.keyboard('r');
    expect(stage(dialog).dataset.rotation).toBe('90');
    expect(within(dialog).getByText(/rotated 90°/)).toBeTruthy();
    expect(zoom()).toBe('125 %');
    await user.keyboard('R'); // Shift+R is the same letter with Shift
    await user.keyboard('{Shift>}r{/Shift}');
    expect(stage(dialog).dataset.rotation).toBe('90');
    await user.keyboard('rrr');
    expect(stage(dialog).dataset.rotation).toBe('0');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate clockwise' }));
    expect(stage(dialog).dataset.rotation).toBe('90');
    // The picture is laid in its box turned: 844 × 390 now.
    const img = within(dialog).getByRole('img', { name: 'first.png' });
    expect(img.style.transform).toBe('translate(844px, 0) rotate(90deg)');
  });

  it('goes to the next and previous image with ] [ and PageDown / PageUp, and stops at the ends', async () => {
    const { user } = setup();
    const { dialog } = await openFirst(user);
    await user.keyboard('r');
    await user.keyboard(']');
    expect(within(dialog).getByText('2 / 3')).toBeTruthy();
    expect(within(dialog).getByRole('heading', { name: 'second.png' })).toBeTruthy();
    expect(within(dialog).getByText(/1200×800 · 2\.4 MB/)).toBeTruthy();
    expect(stage(dialog).dataset.rotation).toBe('0'); // a new picture starts unturned
    await user.keyboard('{PageDown}');
    expect(within(dialog).getByText('3 / 3')).toBeTruthy();
    expect(within(dialog).getByText('Redacted copy')).toBeTruthy();
    await user.keyboard(']');
    expect(within(dialog).getByText('3 / 3')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Next image' }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{PageUp}[[');
    expect(within(dialog).getByText('1 / 3')).toBeTruthy();
    await user.keyboard('{End}');
    expect(within(dialog).getByText('3 / 3')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Previous image' }));
    expect(within(dialog).getByText('2 / 3')).toBeTruthy();
  });

  it('closes with Esc and gives focus back to the thumbnail', async () => {
    const { user } = setup();
    const { thumb } = await openFirst(user);
    await user.keyboard(']');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(thumb);
    expect(document.querySelector('[inert]')).toBeNull();
  });

  it('closes with the Close button too', async () => {
    const { user } = setup();
    const { thumb, dialog } = await openFirst(user);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(thumb);
  });

  it('keeps Tab inside the dialog', async () => {
    const { user } = setup();
    const { dialog } = await openFirst(user);
    const close = within(dialog).getByRole('button', { name: 'Close' });
    close.focus();
    await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(close);
  });

  it("keeps its keys from the console's shortcuts", async () => {
    const { user } = setup();
    await openFirst(user);
    const seen = vi.fn();
    document.addEventListener('keydown', seen);
    await user.keyboard('rn{Escape}');
    document.removeEventListener('keydown', seen);
    expect(seen).not.toHaveBeenCalled();
  });

  it('says when an image could not be loaded, and retries', async () => {
    const { user } = setup();
    let fails = true;
    api.handle('attachments:get', () => (fails ? fail('server_error', 'boom') : ok({ mime: 'image/png', dataBase64: PNG_BASE64 })));
    forgetLoadedAttachments();
    const thumb = await screen.findByRole('button', { name: /^first\.png/ });
    await user.click(thumb);
    const dialog = await screen.findByRole('dialog', { name: 'Image viewer' });
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('This image could not be loaded');
    fails = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await within(dialog).findByRole('img', { name: 'first.png' });
  });

  it('says when an image is not cached and the desk is offline', async () => {
    setup();
    api.handle('attachments:get', () => fail('offline', 'The desk server is not reachable'));
    forgetLoadedAttachments();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^second\.png/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Image viewer' });
    expect((await within(dialog).findByRole('alert')).textContent).toContain('not saved on this computer, and you are offline');
  });
});

describe('redact mode', () => {
  it('draws regions by dragging, undoes them, leaves with Esc before closing, and needs a connection to save', async () => {
    const { user } = setup({ online: false });
    const { dialog } = await openFirst(user);
    await user.keyboard('x');
    const bar = within(dialog).getByRole('group', { name: 'Redaction' });
    expect(within(bar).getByText('No regions yet')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Redact' }).getAttribute('aria-pressed')).toBe('true');

    const s = stage(dialog);
    fireEvent.pointerDown(s, { button: 0, clientX: 10, clientY: 10, pointerId: 1 });
    fireEvent.pointerMove(s, { clientX: 60, clientY: 40, pointerId: 1 });
    expect(dialog.querySelector('.viewer__drag')).not.toBeNull();
    fireEvent.pointerUp(s, { clientX: 60, clientY: 40, pointerId: 1 });
    expect(within(bar).getByText('1 region')).toBeTruthy();
    // A click is not a region.
    fireEvent.pointerDown(s, { button: 0, clientX: 100, clientY: 100, pointerId: 1 });
    fireEvent.pointerUp(s, { clientX: 101, clientY: 101, pointerId: 1 });
    expect(within(bar).getByText('1 region')).toBeTruthy();
    expect(dialog.querySelectorAll('.viewer__region')).toHaveLength(1);

    const save = within(bar).getByRole('button', { name: 'Save redacted copy' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(within(bar).getByText('Needs connection')).toBeTruthy();

    await user.keyboard('{Backspace}');
    expect(within(bar).getByText('No regions yet')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Redaction' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Image viewer' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('adds a region from the keyboard: N, arrows move it, Shift+arrows resize it, Enter places it', async () => {
    // Give the stage a size (jsdom lays nothing out).
    const sized = (el: HTMLElement, w: number, h: number) => {
      Object.defineProperty(el, 'clientWidth', { configurable: true, get: () => w });
      Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => h });
    };
    const { user } = setup();
    const { dialog } = await openFirst(user);
    for (const el of dialog.querySelectorAll<HTMLElement>('.viewer__stage, .viewer__zoom')) sized(el, 800, 600);
    await user.keyboard('0x');
    const bar = within(dialog).getByRole('group', { name: 'Redaction' });
    stage(dialog).focus();
    await user.keyboard('n');
    expect(within(bar).getByText('1 region')).toBeTruthy();
    const region = () => dialog.querySelector<HTMLElement>('.viewer__region')!;
    expect(region().classList.contains('viewer__region--active')).toBe(true);
    // The band spans the narrow picture: make it narrower first, then move it right.
    const full = parseFloat(region().style.width);
    await user.keyboard('{Shift>}{ArrowLeft}{ArrowLeft}{ArrowLeft}{/Shift}');
    expect(parseFloat(region().style.width)).toBeLessThan(full);
    const before = { left: parseFloat(region().style.left), top: parseFloat(region().style.top), height: parseFloat(region().style.height) };
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(parseFloat(region().style.left)).toBeGreaterThan(before.left);
    const moved = parseFloat(region().style.left);
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    expect(parseFloat(region().style.height)).toBeGreaterThan(before.height);
    expect(parseFloat(region().style.top)).toBe(before.top);
    await user.keyboard('{Enter}');
    expect(region().classList.contains('viewer__region--active')).toBe(false);
    // Placed: the arrows pan again, and Esc leaves redact mode.
    await user.keyboard('{ArrowRight}');
    expect(parseFloat(region().style.left)).toBe(moved);
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('group', { name: 'Redaction' })).toBeNull();
  });
});
