// @ts-check
/**
 * The customer API over fetch: JSON in and out, the chat token as a bearer when asked, and
 * every failure (network, HTTP status, the server's `{ error: { code, message } }`) as an
 * ApiError whose message can be shown to the customer as it is.
 */
import { state } from './state.js';

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {unknown} [details] */
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Calls the customer API. JSON in and out unless `raw` is given; errors become ApiError.
 * @param {string} method
 * @param {string} path
 * @param {{ json?: unknown, raw?: Blob, headers?: Record<string, string>, auth?: boolean, as?: 'json' | 'blob' }} [opts]
 * @returns {Promise<any>}
 */
export async function api(method, path, opts = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...opts.headers };
  if (opts.auth) {
    if (!state.token) throw new ApiError(401, 'unauthorized', 'This chat is not active any more.');
    headers.Authorization = `Bearer ${state.token}`;
  }
  /** @type {BodyInit | undefined} */
  let body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw) {
    body = opts.raw;
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', "We couldn't reach support. Check your connection and try again.");
  }
  if (!res.ok) {
    let code = 'internal';
    let message = `Something went wrong (${res.status}). Please try again.`;
    /** @type {unknown} */
    let details;
    try {
      const data = await res.json();
      if (data && data.error) {
        code = String(data.error.code ?? code);
        message = String(data.error.message ?? message);
        details = data.error.details;
      }
    } catch {
      // not JSON: keep the generic message
    }
    throw new ApiError(res.status, code, message, details);
  }
  if (opts.as === 'blob') return res.blob();
  if (res.status === 204) return null;
  return res.json();
}

/** The message to show for a failure: the server's own words, or `fallback` for anything else. @param {unknown} e @param {string} fallback */
export function errorText(e, fallback) {
  return e instanceof ApiError ? e.message : fallback;
}
