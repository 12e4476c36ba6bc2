/**
 * One dispatcher for every transport (Electron IPC, the browser host's WebSocket): check the
 * channel, parse the input, call the service, parse the output, answer with a result envelope.
 * Nothing throws across the boundary.
 */
import { isInvokeChannel } from '../../shared/api/channels';
import { invokeContract, type ApiErrorCode, type ApiHandlers, type Result } from '../../shared/api/contract';

/** An error a handler throws on purpose: its code and message reach the renderer. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface DispatchLog {
  error(obj: object, msg: string): void;
}

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: ApiHandlers, log: DispatchLog): Dispatch {
  return async (channel, rawInput) => {
    if (!isInvokeChannel(channel)) return { ok: false, error: { code: 'invalid_input', message: 'Unknown API channel.' } };
    const contract = invokeContract[channel];
    const parsed = contract.input.safeParse(rawInput ?? null);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${channel}: ${first ? `${first.path.join('.') || 'input'} ${first.message}` : 'invalid'}.` } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = contract.output.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiFailure) return { ok: false, error: { code: err.code, message: err.message } };
      log.error({ err, channel }, 'api handler failed');
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in Agent Desk; try again.' } };
    }
  };
}
