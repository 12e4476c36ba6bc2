/**
 * Structured logs (pino) that never carry a token, a password or a card number: secrets are
 * redacted by path, requests are logged without headers or bodies, and customer text is masked
 * before it could reach a log line anyway.
 */
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'password',
  'token',
  '*.password',
  '*.token',
  'authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'body',
  '*.body',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url ?? ''), ip: req.ip }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/** Drops query values that could carry secrets (the API never puts tokens in URLs, but clients might). */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|password)=)[^&]*/gi, '$1[redacted]');
}
