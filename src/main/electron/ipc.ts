/**
 * The typed API over Electron IPC. One loop registers every invoke channel: refuse any sender
 * that is not our own window's main frame on app://agent-desk, then hand the call to the
 * dispatcher (which parses input and output and never throws). Events to the renderer are
 * validated against the event contract before they are sent.
 *
 * Electron is only imported for types, so all of this is tested under Node with fakes.
 * Models: VS Code `ipcMain.ts` (validateEvent), Signal `sql_channel.main.ts` (wrapResult).
 */
import type { WebContents, WebFrameMain } from 'electron';
import { INVOKE_CHANNELS, isEventChannel, type EventChannel } from '../../shared/api/channels';
import { eventContract, type Result } from '../../shared/api/contract';
import type { Dispatch } from '../api/dispatch';
import { isAppUrl } from '../security/trusted-url';

/** The parts of a WebFrameMain the sender check reads. */
export type FrameLike = Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> & { readonly parent: unknown };

/** The parts of ipcMain we use; Electron's own `ipcMain` fits. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { readonly senderFrame: FrameLike | null }, input?: unknown) => Promise<Result<unknown>>): void;
}

export interface IpcLog {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden_sender', message: 'This request did not come from the Agent Desk window and was refused.' },
};

/** Trims a URL for a log line (no query: it could carry anything). */
function logUrl(url: string | undefined): string {
  if (!url) return '(none)';
  return url.split(/[?#]/, 1)[0]!.slice(0, 200);
}

/**
 * A sender check for one window: the frame must be the window's current main frame (same
 * process and routing id, no parent) showing a page of our app:// origin. `getMainFrame`
 * returns null when there is no window (the check then refuses everything).
 */
export function createOwnFrameCheck(getMainFrame: () => FrameLike | null): (frame: FrameLike) => boolean {
  return (frame) => {
    const main = getMainFrame();
    if (!main) return false;
    if (frame.parent !== null) return false;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return isAppUrl(frame.url);
  };
}

/** Registers every invoke channel, and only those. Returns the channels registered. */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isOwnFrame: (frame: FrameLike) => boolean,
  log?: IpcLog,
): readonly string[] {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      // senderFrame is null when the frame navigated away or was destroyed before we got here.
      const frame = event.senderFrame ?? null;
      let own = false;
      try {
        own = frame !== null && isOwnFrame(frame);
      } catch (err) {
        log?.error({ err, channel }, 'ipc: sender check failed');
      }
      if (!own) {
        log?.warn({ channel, url: logUrl(frame?.url) }, 'ipc: refused a call from a frame that is not the Agent Desk window');
        return FORBIDDEN;
      }
      try {
        return await dispatch(channel, input ?? null);
      } catch (err) {
        // The dispatcher never throws; this is the last guard so IPC never carries an exception.
        log?.error({ err, channel }, 'ipc: dispatch threw');
        return { ok: false, error: { code: 'internal', message: 'Something went wrong in Agent Desk; try again.' } };
      }
    });
  }
  return INVOKE_CHANNELS;
}

/** The parts of a WebContents `sendEvent` uses. */
export type EventTarget = Pick<WebContents, 'isDestroyed' | 'send'>;

/**
 * Sends one event to the renderer after checking the payload against the event contract (what
 * the renderer receives is what its types promise). Returns whether it was sent.
 */
export function sendEvent(target: EventTarget | null | undefined, channel: EventChannel, payload: unknown, log?: IpcLog): boolean {
  if (!isEventChannel(channel)) {
    log?.error({ channel }, 'ipc: not an event channel');
    return false;
  }
  const parsed = eventContract[channel].safeParse(payload);
  if (!parsed.success) {
    log?.error({ channel, issue: parsed.error.issues[0]?.message }, 'ipc: event payload does not match the contract; not sent');
    return false;
  }
  if (!target || target.isDestroyed()) return false;
  target.send(channel, parsed.data);
  return true;
}
