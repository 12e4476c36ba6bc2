/**
 * The sandboxed preload: exposes ONE object, `window.agentDesk` (a `DeskApi`), with two
 * functions. `invoke` forwards an allowlisted channel and its input to main and returns main's
 * result envelope; `on` subscribes to an allowlisted event and returns the unsubscribe function.
 * The Electron event object never reaches the page (it would hand the page `sender`), and
 * neither does ipcRenderer itself.
 *
 * Only channel names come from src/shared (zod-free), plus `import type`: the bundle stays a
 * few hundred bytes (scripts/build-desktop.mjs prints its size and fails if zod sneaks in).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isInvokeChannel } from '../shared/api/channels';
import type { DeskApi } from '../shared/api/contract';

const api: DeskApi = {
  invoke(channel, input) {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: 'Unknown API channel.' } });
    }
    return ipcRenderer.invoke(channel, input ?? null);
  },
  on(event, listener) {
    if (!isEventChannel(event)) throw new TypeError('Unknown event channel.');
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    const forward = (_e: IpcRendererEvent, payload: unknown) => {
      (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(event, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('agentDesk', api);
