/** Frames on the agent gateway (/ws/agent): live events are hints, the pull is the truth. */
import { z } from 'zod';
import type { Presence } from '../domain';
import type { Change } from './sync';
import type { Board } from './supervisor';

export const AgentClientFrame = z.discriminatedUnion('type', [
  /** First frame on a socket; tokens never travel in URLs. */
  z.strictObject({ type: z.literal('auth'), token: z.string().min(10).max(200), protocol: z.number().int().min(0).max(1000) }),
  /** Start live events after `cursor` (a feed cursor the desktop has applied). */
  z.strictObject({ type: z.literal('subscribe'), cursor: z.string().max(200), epoch: z.string().max(64) }),
  /** The agent is typing in a chat: a reply reaches the customer, and colleagues who can read the chat see it (a note only them). */
  z.strictObject({ type: z.literal('typing'), ticketId: z.string().max(64), typing: z.boolean(), kind: z.enum(['reply', 'note']).optional() }),
  /** The chat the agent has on screen (null: none): colleagues who can read it see "viewing". */
  z.strictObject({ type: z.literal('viewing'), ticketId: z.string().max(64).nullable() }),
  z.strictObject({ type: z.literal('ping'), t: z.number() }),
]);
export type AgentClientFrame = z.infer<typeof AgentClientFrame>;

export interface QueueFigures {
  regionId: string;
  waiting: number;
  longestWaitSec: number;
  agentsAvailable: number;
  agentsAtCapacity: number;
}

export type AgentServerFrame =
  | { type: 'ready'; agentId: string; epoch: string; head: number; protocol: number; minProtocol: number }
  /** Changes visible to this agent; nothing visible happened between `from` and `seq`. */
  | { type: 'changes'; from: number; seq: number; changes: Change[] }
  /** The desktop is behind the feed: pull from its cursor. */
  | { type: 'behind'; head: number }
  | { type: 'must_resync'; epoch: string }
  | { type: 'chat.offered'; ticketId: string; reference: string }
  | { type: 'typing'; ticketId: string; typing: boolean }
  /** Another agent viewing or typing in a chat this agent can read, or gone from it (ephemeral, never in the feed). */
  | { type: 'colleague'; ticketId: string; agentId: string; name: string; state: 'viewing' | 'typing' | 'left' }
  | { type: 'presence'; agentId: string; presence: Presence }
  | { type: 'queues'; queues: QueueFigures[] }
  /** Supervisors only: the live board (protocol/supervisor.ts), at most once a second while things change. */
  | { type: 'board'; board: Board }
  | { type: 'pong'; t: number }
  | { type: 'error'; code: string; message: string };
