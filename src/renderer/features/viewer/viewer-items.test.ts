import { describe, expect, it } from 'vitest';
import type { AttachmentRow } from '../../../shared/domain';
import { message } from '../../testing/fake-api';
import { caption, downloadName, formatBytes, viewerItems } from './viewer-items';

const row = (id: string, over: Partial<AttachmentRow> = {}): AttachmentRow => ({
  id,
  ticketId: 't1',
  messageId: `m-${id}`,
  sha256: 'a'.repeat(64),
  mime: 'image/png',
  bytes: 1000,
  width: 10,
  height: 10,
  filename: `${id}.png`,
  createdAt: '2026-05-01T12:00:00.000Z',
  version: 1,
  ocrText: '',
  cardsHidden: 0,
  ...over,
});

describe('viewerItems', () => {
  it('lists older pages first by time, then the thread in order, without unlinked uploads', () => {
    const rows = [
      row('b'),
      row('old2', { messageId: 'gone2', createdAt: '2026-04-02T00:00:00.000Z' }),
      row('a'),
      row('old1', { messageId: 'gone1', createdAt: '2026-04-01T00:00:00.000Z' }),
      row('draft', { messageId: null }),
      row('copy-redacted', { messageId: 'm-n' }),
      row('fake-redacted', { messageId: 'm-c' }),
    ];
    const items = viewerItems(rows, [
      message('m-a', '1', { attachmentIds: ['a', 'b'] }),
      message('m-n', '2', { authorKind: 'note', attachmentIds: ['copy-redacted', 'missing'] }),
      message('m-c', '3', { attachmentIds: ['fake-redacted'] }),
    ]);
    expect(items.map((i) => i.attachment.id)).toEqual(['old1', 'old2', 'a', 'b', 'copy-redacted', 'fake-redacted']);
    // Only a copy on a note counts as redacted: a customer can name a file "-redacted" too.
    expect(items.filter((i) => i.redacted).map((i) => i.attachment.id)).toEqual(['copy-redacted']);
  });
});

describe('captions and names', () => {
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(86_016)).toBe('84 KB');
    expect(formatBytes(2_500_000)).toBe('2.4 MB');
  });

  it('reads "time · W×H · size"', () => {
    const a = row('x', { width: 390, height: 844, bytes: 86_016, createdAt: '2026-05-01T12:41:00' });
    expect(caption(a, new Date('2026-05-01T18:00:00'))).toMatch(/^12:41( PM)? · 390×844 · 84 KB$/);
  });

  it('saves under a safe name with the right extension', () => {
    expect(downloadName({ filename: 'receipt.png', mime: 'image/jpeg' })).toBe('receipt.jpg');
    expect(downloadName({ filename: '../../etc/passwd', mime: 'image/png' })).toBe('passwd.png');
    expect(downloadName({ filename: 'a\u202Egnp.exe', mime: 'image/png' })).toBe('agnp.png');
    expect(downloadName({ filename: '...', mime: 'image/webp' })).toBe('image.webp');
    expect(downloadName({ filename: 'CON:<>|?*.png', mime: 'image/png' })).toBe('CON.png');
  });
});
