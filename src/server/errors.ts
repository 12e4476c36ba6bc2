import type { ErrorCode } from '../shared/protocol/errors';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  must_resync: 409,
  client_too_old: 426,
  region_closed: 409,
  unavailable: 503,
  internal: 500,
};

/** An error a client can act on: a code, an HTTP status, and one sentence saying what to do. */
export class DeskError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DeskError';
    this.status = STATUS[code];
  }
}
