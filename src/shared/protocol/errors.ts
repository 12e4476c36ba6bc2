/** Error codes every API answers with: `{ error: { code, message } }`. */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'must_resync',
  'client_too_old',
  'region_closed',
  /** A service the request needs did not answer in time (e.g. the screenshot scanner); try again. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** The oldest desktop protocol version the server accepts (SYNC.md §15). */
export const PROTOCOL_VERSION = 1;
export const MIN_CLIENT_PROTOCOL = 1;

/** WebSocket close codes (4000-4999 are ours). */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  policyViolation: 1008,
  tooBig: 1009,
  authTimeout: 4001,
  unauthorized: 4003,
  sessionRevoked: 4004,
  /** Over a cap on concurrent sockets (per address, agent session or chat token); the reason says which, for people. */
  tooManyConnections: 4008,
  rateLimited: 4029,
} as const;
