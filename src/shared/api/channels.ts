/**
 * The channel names of the desktop's typed API, zod-free so the sandboxed preload can bundle
 * them in a few hundred bytes. `area:verb` for invokes; events are pushed from main.
 */
export const INVOKE_CHANNELS = [
  'session:get',
  'session:login',
  'session:logout',
  'tickets:list',
  /** How many tickets a view holds: the chat list's length, its pages loaded as they scroll into view. */
  'tickets:count',
  'tickets:get',
  'tickets:search',
  'tickets:byReference',
  'messages:page',
  'messages:send',
  'messages:retry',
  'messages:discard',
  'drafts:get',
  'drafts:save',
  'actions:run',
  'attachments:get',
  'attachments:upload',
  'presence:set',
  'sync:status',
  'sync:retryNow',
  'settings:get',
  'settings:set',
  /** Canned replies from the desktop cache, every language (the console picks one). */
  'canned:list',
  /** The list's summary of the given tickets (the tab strip's chats, whichever view holds them). */
  'tickets:summaries',
  /** The agent has seen the chat up to this message: its unread count drops. */
  'tickets:markRead',
  /** The agent's open chat tabs, kept per agent in the desktop cache so they survive a restart. */
  'tabs:get',
  'tabs:save',
  /** Which chat the agent is looking at, and typing in: told to colleagues, never stored. */
  'activity:viewing',
  'activity:typing',
  /** Macros from the desktop cache, checked and in their order (rows from before steps read as steps). */
  'macros:list',
  /** Colleagues who work this chat's queue, with presence and load; who can take it now first. */
  'agents:forTransfer',
  /** A customer's other cases in the desktop cache, newest first (the "earlier cases" dialog). */
  'tickets:ofCustomer',
  /** Phone: the caller by email among verified customers of the agent's regions (the server audits each lookup). */
  'customers:lookup',
  /** Phone: a new case for the caller, assigned to the agent and open, with the call logged; it arrives through sync. */
  'cases:fromCall',
  /** Supervisors: the live board and the four figures over a range (the desk server's supervisor API). */
  'supervisor:board',
  'supervisor:figures',
  /** Supervisors: the open formal complaints, soonest due first, with business time left. */
  'supervisor:complaints',
  /** Supervisors: set an agent's presence or capacity, reassign, whisper, take over, open a chat silently. */
  'supervisor:setAgent',
  'supervisor:reassign',
  'supervisor:whisper',
  'supervisor:takeOver',
  'supervisor:open',
  /** Assist (issue 9): suggested replies and similar cases for a chat, its handover summary; from the cache. */
  'assist:forTicket',
  'assist:summary',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

export const EVENT_CHANNELS = [
  'tickets:changed',
  'messages:changed',
  'chat:offered',
  'typing',
  'presence:changed',
  'sync:status',
  'session:changed',
  /** Main asks the console to open a chat (a notification was clicked). */
  'chat:open',
  /** Another agent started or stopped viewing or typing in a chat this agent can read. */
  'colleagues:activity',
  /** The server answered a ticket or account action: applied, or refused with its reason. */
  'actions:settled',
  /** Supervisors: the board as the desk server pushed it (at most once a second while things change). */
  'supervisor:board',
] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export const isInvokeChannel = (c: unknown): c is InvokeChannel => typeof c === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(c);
export const isEventChannel = (c: unknown): c is EventChannel => typeof c === 'string' && (EVENT_CHANNELS as readonly string[]).includes(c);
