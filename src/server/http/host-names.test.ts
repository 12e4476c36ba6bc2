import { describe, expect, it } from 'vitest';
import { createHostCheck, hostName } from './host-names';

const check = createHostCheck({ listenHost: 'desk.lan', publicHosts: ['Desk.Example.com', ' support.example.org ', '10.0.0.5'] });

describe('the Host header check (DNS rebinding)', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.1:4780',
    '10.1.2.3:80',
    '[::1]',
    '[::1]:4780',
    '[2001:db8::7]:443',
    '[::ffff:127.0.0.1]:4780',
    'localhost',
    'localhost:4780',
    'LOCALHOST:4780',
    'localhost.:4780',
    'desk.lan:4780',
    'desk.example.com',
    'DESK.EXAMPLE.COM:443',
    'desk.example.com.',
    'support.example.org:8443',
  ])('accepts %j', (host) => expect(check(host)).toBe(true));

  it.each([
    'evil.example',
    'evil.example:4780',
    '127.0.0.1.evil.example',
    '127.0.0.1.nip.io',
    'localhost.evil',
    'localhost.evil.example:4780',
    'evil-localhost',
    'desk.example.com.evil.example',
    'sub.desk.example.com',
    'example.com',
    '',
    ' ',
    ':4780',
    'user@127.0.0.1',
    'user:pass@localhost:4780',
    '127.0.0.1@evil.example',
    'evil.example#@127.0.0.1',
    '127.0.0.1/evil',
    '127.0.0.1:4780/x',
    '127.0.0.1 evil.example',
    '127.0.0.1,evil.example',
    '127.0.0.1:99999',
    '127.0.0.1:-1',
    '127.0.0.1:http',
    '::1',
    '[::1',
    '[evil.example]',
    '[::1]evil',
    '[::1]:4780:1',
    '2130706433',
    '0x7f.0.0.1',
    '127.1',
    'localhost\u0000',
    'xn--localhost-evil.example',
  ])('refuses %j', (host) => expect(check(host)).toBe(false));

  it('lets a request without a Host header through (HTTP/1.0; a browser always sends one)', () => {
    expect(check(undefined)).toBe(true);
  });

  it('without configured names answers to IP literals and localhost only', () => {
    const bare = createHostCheck({ listenHost: '0.0.0.0' });
    expect(bare('127.0.0.1:4780')).toBe(true);
    expect(bare('192.168.1.20:4780')).toBe(true);
    expect(bare('localhost:4780')).toBe(true);
    expect(bare('desk.lan:4780')).toBe(false);
  });

  it('names the host part of a header, or null when malformed', () => {
    expect(hostName('Desk.Example.com:443')).toBe('desk.example.com');
    expect(hostName('[::1]:80')).toBe('[::1]');
    expect(hostName('a@b')).toBeNull();
  });
});
