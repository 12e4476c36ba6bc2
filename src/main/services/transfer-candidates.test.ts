import { describe, expect, it } from 'vitest';
import type { AgentRow } from '../../shared/domain';
import { transferCandidates } from './transfer-candidates';

const agent = (id: string, name: string, over: Partial<AgentRow> = {}): AgentRow => ({
  id,
  email: `${id}@x.test`,
  name,
  role: 'agent',
  tier: 1,
  regions: ['eu-north'],
  capacity: 8,
  presence: 'available',
  presenceReason: null,
  openChats: 0,
  ...over,
});

const ticket = { regionId: 'eu-north', tier: 1 as const, assigneeId: 'me' };

describe('transferCandidates', () => {
  it('lists who works the queue: Available with room first (least loaded first), then busy, away, offline, each with the reason', () => {
    const list = transferCandidates(
      [
        agent('me', 'Ava Lind'),
        agent('off', 'Bo Offline', { presence: 'offline' }),
        agent('away', 'Sam Stone', { presence: 'away', presenceReason: 'Lunch' }),
        agent('full', 'Cleo Full', { openChats: 8 }),
        agent('busy', 'Dan Busy', { openChats: 6 }),
        agent('free', 'Eve Free', { openChats: 1 }),
        agent('far', 'Lena Vogel', { regions: ['eu-central'] }),
        agent('sup', 'Nora Ekström', { role: 'supervisor', tier: 3, regions: ['uk'], openChats: 3, capacity: 6 }),
      ],
      'me',
      ticket,
    );
    expect(list.map((c) => [c.name, c.available, c.reason])).toEqual([
      ['Eve Free', true, null],
      ['Nora Ekström', true, null],
      ['Dan Busy', true, null],
      ['Cleo Full', false, 'Cleo is at capacity (8/8 chats).'],
      ['Sam Stone', false, 'Sam is away (Lunch).'],
      ['Bo Offline', false, 'Bo is offline.'],
    ]);
  });

  it('leaves out tier-1 colleagues for a tier-2 chat, and shows the current assignee to a supervisor as already having it', () => {
    const list = transferCandidates([agent('a1', 'Ava Lind'), agent('s1', 'Anna Holm', { role: 'senior', tier: 2 }), agent('sup', 'Nora Ekström', { role: 'supervisor', tier: 3 })], 'sup', {
      regionId: 'eu-north',
      tier: 2,
      assigneeId: 's1',
    });
    expect(list.map((c) => [c.name, c.reason])).toEqual([['Anna Holm', 'Anna already has this chat.']]);
  });

  it('does not guess a load it does not know: rows without a count stay takeable (the server checks)', () => {
    const { openChats: _n, ...old } = agent('old', 'Olle Old');
    expect(transferCandidates([old], 'me', ticket)).toEqual([expect.objectContaining({ id: 'old', openChats: null, available: true })]);
  });
});
