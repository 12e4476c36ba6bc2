import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('logger', () => {
  it('never writes tokens, passwords or authorization headers', () => {
    const { lines, log } = capture();
    log.info({ token: 'tok-secret-123', password: 'hunter2', req: { headers: { authorization: 'Bearer tok-secret-123' } } }, 'login');
    log.info({ session: { token: 'tok-secret-456' }, user: { password: 'p@ss' } }, 'nested');
    const out = lines.join('');
    expect(out).not.toContain('tok-secret');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('p@ss');
    expect(out).toContain('[redacted]');
  });

  it('drops message bodies and secret query values', () => {
    const { lines, log } = capture();
    log.info({ body: 'my card is 4111 1111 1111 1111' }, 'message');
    expect(lines.join('')).not.toContain('4111');
    expect(redactUrl('/x?token=abc&cursor=5')).toBe('/x?token=[redacted]&cursor=5');
  });
});
