// @vitest-environment jsdom
/** A message of the thread: a supervisor's whisper is labelled and styled apart from notes and replies, its text shown as text. */
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalMessage } from '../../../shared/api/contract';
import { MessageItem, type MessageActions } from './MessageItem';

const actions: MessageActions = { retry() {}, edit() {}, discard() {} };
const message = (over: Partial<LocalMessage>): LocalMessage => ({
  id: 'm-1',
  ticketId: 't-1',
  authorKind: 'note',
  authorId: 'sup-1',
  authorName: 'Sara Supervisor',
  body: 'Offer the payment pause',
  clientMsgId: null,
  attachmentIds: [],
  createdAt: '2026-03-05T10:00:00.000Z',
  version: 1,
  delivery: 'sent',
  rejection: null,
  sortKey: '2026-03-05T10:00:00.000Z|m-1',
  ...over,
});
const show = (m: LocalMessage) => render(createElement(MessageItem, { message: m, actions, rowError: undefined }));

afterEach(cleanup);

describe('MessageItem', () => {
  it('labels a whisper "Whisper from <supervisor>" in its own style, not as an internal note', () => {
    show(message({ whisper: true }));
    const item = screen.getByRole('article', { name: 'Whisper from Sara Supervisor' });
    expect(item.className).toContain('msg--whisper');
    expect(item.textContent).toContain('Whisper from Sara Supervisor');
    expect(item.textContent).toContain('only you and supervisors see this');
    expect(item.textContent).not.toContain('Internal');
    expect(item.querySelector('.msg__body')?.textContent).toBe('Offer the payment pause');
  });

  it('keeps a plain note an internal note, without the whisper label or style', () => {
    show(message({ authorId: 'agent-1', authorName: 'Maja', body: 'Checked the order' }));
    const item = screen.getByRole('article', { name: 'Internal note from Maja' });
    expect(item.className).not.toContain('msg--whisper');
    expect(item.textContent).toContain('Internal');
    expect(item.textContent).not.toContain('Whisper');
  });

  it('shows a whisper’s text and its author’s name as text, never markup', () => {
    show(message({ whisper: true, authorName: '<i>Sara</i>', body: '<img src=x onerror=alert(1)>' }));
    const item = screen.getByRole('article', { name: 'Whisper from <i>Sara</i>' });
    expect(item.querySelector('img')).toBeNull();
    expect(item.querySelector('i')).toBeNull();
    expect(item.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
