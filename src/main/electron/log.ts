/**
 * The Electron main process's logger: one JSON line per entry on stdout/stderr, named by module
 * (`createLogger('main/electron')`), errors reduced to name, message, code and stack. Callers
 * never pass tokens, passwords or message text; URLs are logged without their query.
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

function plain(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}), stack: value.stack };
  }
  return value;
}

export function createLogger(name: string, sink: Pick<Console, 'log' | 'error'> = console): Logger {
  const line = (level: 'info' | 'warn' | 'error', obj: object, msg?: string) => {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) fields[k] = plain(v);
    let text: string;
    try {
      text = JSON.stringify({ time: new Date().toISOString(), level, name, msg, ...fields });
    } catch {
      text = JSON.stringify({ time: new Date().toISOString(), level, name, msg, note: 'fields not serialisable' });
    }
    if (level === 'info') sink.log(text);
    else sink.error(text);
  };
  return {
    info: (obj, msg) => line('info', obj, msg),
    warn: (obj, msg) => line('warn', obj, msg),
    error: (obj, msg) => line('error', obj, msg),
  };
}
