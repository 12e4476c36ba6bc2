// @ts-check
/**
 * The page's shared state: the desk's chat config, the chat session token and the chat on
 * screen. Each module keeps its own details; only what several of them read lives here.
 */

/** @typedef {import('../../../../shared/protocol/customer').ChatConfig} ChatConfig */
/** @typedef {import('../../../../shared/protocol/customer').ChatState} ChatState */

export const state = {
  /** @type {ChatConfig | null} */ config: null,
  /** The chat session token (kept in sessionStorage, never in the URL). */
  /** @type {string | null} */ token: null,
  /** @type {ChatState | null} */ chat: null,
};
