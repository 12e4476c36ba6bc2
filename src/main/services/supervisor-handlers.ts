/**
 * The supervisor console's channels (issue 8): straight through to the desk server's supervisor
 * API, which refuses anyone but a supervisor. Nothing is cached: the board is live, the figures
 * are computed on the server, and every action needs the server's answer.
 */
import type { ApiHandlers } from '../../shared/api/contract';
import type { Runtime } from './runtime';

type SupervisorChannel = Extract<keyof ApiHandlers, `supervisor:${string}`>;

export interface SupervisorHandlerDeps {
  /** The signed-in runtime, or a `not_signed_in` failure. */
  runtime(): Runtime;
  /** Runs a server call, turning its errors into answers the renderer can show. */
  online<T>(fn: () => Promise<T>): Promise<T>;
  /** After an action: the board is fetched again at once, so the supervisor sees its effect without waiting for the next frame. */
  refreshBoard(): void;
}

export function createSupervisorHandlers(d: SupervisorHandlerDeps): Pick<ApiHandlers, SupervisorChannel> {
  const server = () => d.runtime().server.supervisor;
  const acted = <T>(value: T): T => {
    d.refreshBoard();
    return value;
  };
  return {
    'supervisor:board': async () => d.online(() => server().board()),
    'supervisor:figures': async ({ range }) => d.online(() => server().figures(range)),
    'supervisor:complaints': async () => d.online(() => server().complaints()),
    'supervisor:setAgent': async ({ agentId, ...change }) => acted(await d.online(() => server().setAgent(agentId, change))),
    'supervisor:reassign': async ({ ticketId, toAgentId, force, note }) => acted(await d.online(() => server().reassign(ticketId, { toAgentId, force, ...(note ? { note } : {}) }))),
    'supervisor:whisper': async ({ ticketId, body }) => d.online(() => server().whisper(ticketId, body)),
    'supervisor:takeOver': async ({ ticketId, note }) => acted(await d.online(() => server().takeOver(ticketId, note))),
    // The silent view carries the handover summary, extracted here from the thread the desk sent.
    'supervisor:open': async ({ ticketId }) => {
      const view = await d.online(() => server().open(ticketId));
      return { ...view, summary: await d.runtime().assist.summaryOf(view.ticket, view.messages) };
    },
  };
}
