import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startSmtpIn } from './smtp-in';

const options = { host: '127.0.0.1', supportAddress: 'support@desk.example', maxBytes: 1024 * 1024, log: pino({ level: 'silent' }), receive: () => Promise.reject(new Error('not here')) };

describe('mail in listener', () => {
  it('says which option to change when its port is taken', async () => {
    const first = await startSmtpIn({ ...options, port: 0 });
    try {
      await expect(startSmtpIn({ ...options, port: first.port })).rejects.toThrow(`Mail in cannot listen on 127.0.0.1:${first.port} (EADDRINUSE); choose another port with --smtp-port N`);
    } finally {
      await first.close();
    }
  });
});
