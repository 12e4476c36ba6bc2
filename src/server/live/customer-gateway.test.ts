import { describe, expect, it } from 'vitest';
import { laneIndex } from './customer-gateway';

describe('customer message lanes', () => {
  it('keeps a chat in one lane (its acks stay in order) and spreads chats over the lanes', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `01JTICKET${i.toString(36).padStart(6, '0')}`);
    for (const id of ids.slice(0, 50)) expect(laneIndex(id, 4)).toBe(laneIndex(id, 4));
    const counts = [0, 0, 0, 0];
    for (const id of ids) counts[laneIndex(id, 4)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(400); // 500 each if even
    expect(ids.every((id) => laneIndex(id, 1) === 0)).toBe(true);
  });
});
