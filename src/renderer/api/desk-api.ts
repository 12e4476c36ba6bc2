/**
 * The one module that obtains the DeskApi. Under Electron the preload exposes it as
 * `window.agentDesk`; in the browser host the page carries a per-launch secret in a meta tag and
 * talks to main over a WebSocket. The rest of the renderer sees only `DeskApi`.
 */
import type { DeskApi, Result } from '../../shared/api/contract';
import { HOST_API_PATH, HOST_SECRET_META } from '../../shared/api/host-protocol';
import { createHostBridge, type TransportState } from './host-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge). */
    agentDesk?: DeskApi;
  }
}

export type { TransportState };

export interface DeskConnection {
  api: DeskApi;
  /** 'ipc' under Electron, 'host' in a browser, 'none' when the page was opened some other way. */
  transport: 'ipc' | 'host' | 'none';
  state(): TransportState;
  onState(listener: (state: TransportState) => void): () => void;
}


export function obtainDeskApi(): DeskConnection {
  const preload = window.agentDesk;
  if (preload) return { api: preload, transport: 'ipc', state: () => 'up', onState: () => () => {} };

  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${HOST_SECRET_META}"]`);
  const secret = meta?.content ?? '';
  // The secret is needed once; keep it out of the DOM from here on.
  meta?.remove();
  if (secret && (location.protocol === 'http:' || location.protocol === 'https:')) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const bridge = createHostBridge({ url: `${scheme}//${location.host}${HOST_API_PATH}`, secret });
    return { api: bridge.api, transport: 'host', state: bridge.state, onState: bridge.onState };
  }
  return { api: unavailableApi(), transport: 'none', state: () => 'refused', onState: () => () => {} };
}

/** Opened outside the desktop app and its host: every call says so instead of failing silently. */
function unavailableApi(): DeskApi {
  const answer: Result<never> = {
    ok: false,
    error: { code: 'offline', message: 'Agent Desk is not running here; open it from the desktop app or from the address the browser host prints.' },
  };
  return {
    invoke: () => Promise.resolve(answer),
    on: () => () => {},
  };
}
