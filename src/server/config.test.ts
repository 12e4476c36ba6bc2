import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('server configuration: socket caps and public host names', () => {
  it('takes the caps and public hosts from options, else from the environment, else leaves the defaults', () => {
    const fromArgs = parseConfig(['--max-sockets-per-address', '500', '--max-sockets-per-chat', '3', '--public-host', 'desk.example.com', '--public-host', 'support.example.org'], {});
    expect(fromArgs.socketLimits).toEqual({ maxSocketsPerAddress: 500, maxSocketsPerChat: 3 });
    expect(fromArgs.publicHosts).toEqual(['desk.example.com', 'support.example.org']);
    const fromEnv = parseConfig([], {
      AGENT_DESK_MAX_SOCKETS_PER_SESSION: '2',
      AGENT_DESK_MAX_PENDING_SOCKETS_PER_ADDRESS: '0',
      AGENT_DESK_PUBLIC_HOSTS: 'desk.example.com, desk.internal ,',
    });
    expect(fromEnv.socketLimits).toEqual({ maxSocketsPerSession: 2, maxPendingSocketsPerAddress: 0 });
    expect(fromEnv.publicHosts).toEqual(['desk.example.com', 'desk.internal']);
    expect(parseConfig([], {})).toMatchObject({ socketLimits: {}, publicHosts: [] });
  });

  it.each([
    [['--max-sockets-per-address', '-1']],
    [['--max-sockets-per-session', 'many']],
    [['--max-sockets-per-chat', '2.5']],
    [['--public-host', 'desk.example.com:443']],
    [['--public-host', 'user@desk.example.com']],
    [['--public-host', '']],
  ])('refuses %j with a clear message', (args) => {
    expect(() => parseConfig(args, {})).toThrow(/--(max-|public-host)/);
  });

  it('takes trusted proxies from options or the environment, and refuses what is not an address or range', () => {
    expect(parseConfig(['--trust-proxy', 'loopback', '--trust-proxy', '10.0.0.0/8'], {}).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(parseConfig([], { AGENT_DESK_TRUST_PROXY: '127.0.0.1, fd00::/8' }).trustProxy).toEqual(['127.0.0.1', 'fd00::/8']);
    expect(parseConfig([], {}).trustProxy).toEqual([]);
    expect(() => parseConfig(['--trust-proxy', 'nginx.internal'], {})).toThrow(/--trust-proxy takes an address/);
    expect(() => parseConfig(['--trust-proxy', '10.0.0.0/99'], {})).toThrow(/--trust-proxy/);
  });

  it('takes the PostgreSQL database from --database-url or the environment, refuses other URLs without echoing a password', () => {
    expect(parseConfig([], {}).databaseUrl).toBeUndefined();
    expect(parseConfig(['--database-url', 'postgres://desk:pw@db/agentdesk'], {}).databaseUrl).toBe('postgres://desk:pw@db/agentdesk');
    expect(parseConfig([], { AGENT_DESK_DATABASE_URL: 'postgresql://desk@/agentdesk?host=/run/postgresql' }).databaseUrl).toBe('postgresql://desk@/agentdesk?host=/run/postgresql');
    expect(parseConfig([], { AGENT_DESK_DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(() => parseConfig(['--database-url', 'mysql://desk:secret@db/x'], {})).toThrow(/must start with postgres:\/\//);
    expect(() => parseConfig(['--database-url', 'mysqlx://desk:secret@db/x'], {})).not.toThrow(/secret/);
    expect(parseConfig([], {}).poolSize).toBe(10);
    expect(parseConfig(['--pool-size', '25'], {}).poolSize).toBe(25);
    expect(() => parseConfig(['--pool-size', '0'], {})).toThrow(/--pool-size/);
    expect(parseConfig([], {}).oneMoreThingMs).toBe(600_000);
    expect(parseConfig(['--one-more-thing-minutes', '3'], {}).oneMoreThingMs).toBe(180_000);
    expect(parseConfig([], { AGENT_DESK_ONE_MORE_THING_MINUTES: '15' }).oneMoreThingMs).toBe(900_000);
    expect(() => parseConfig(['--one-more-thing-minutes', '0'], {})).toThrow(/--one-more-thing-minutes/);
  });

  it('turns mail in on at a fixed port for the demo world, off without it, and checks the mail options', () => {
    expect(parseConfig([], {}).mail).toStrictEqual({ supportAddress: 'support@agent-desk.localhost', smtpPort: 2525, maxBytes: 25 * 1024 * 1024 });
    expect(parseConfig(['--no-demo'], {}).mail.smtpPort).toBeUndefined();
    expect(parseConfig(['--no-demo', '--smtp-port', '2526'], {}).mail.smtpPort).toBe(2526);
    expect(parseConfig(['--smtp-port', '0'], {}).mail.smtpPort).toBeUndefined();
    expect(parseConfig([], { AGENT_DESK_SMTP_PORT: '2600', AGENT_DESK_SUPPORT_ADDRESS: 'help@shop.example' }).mail).toMatchObject({ smtpPort: 2600, supportAddress: 'help@shop.example' });
    expect(parseConfig(['--smtp-relay', 'smtp://mail.internal:587', '--mail-max-mb', '10'], {}).mail).toMatchObject({ relay: 'smtp://mail.internal:587', maxBytes: 10 * 1024 * 1024 });
    expect(parseConfig([], { AGENT_DESK_SMTP_RELAY: 'smtps://desk:pw@mail.internal:465' }).mail.relay).toBe('smtps://desk:pw@mail.internal:465');
    expect(() => parseConfig(['--smtp-port', '70000'], {})).toThrow(/--smtp-port/);
    expect(() => parseConfig(['--support-address', 'support'], {})).toThrow(/--support-address/);
    expect(() => parseConfig(['--mail-max-mb', '0'], {})).toThrow(/--mail-max-mb/);
    expect(() => parseConfig(['--smtp-relay', 'http://desk:secret@mail.internal'], {})).toThrow(/--smtp-relay/);
    expect(() => parseConfig(['--smtp-relay', 'http://desk:secret@mail.internal'], {})).not.toThrow(/secret/);
  });
});
