import { describe, expect, it } from 'vitest';
import { HELP_CENTRE_URL, isAppUrl, isTrustedExternalUrl, trustedExternalUrl } from './trusted-url';

describe('isTrustedExternalUrl', () => {
  const trusted: [string, string][] = [
    ['the help centre', HELP_CENTRE_URL],
    ['a help article with query and fragment', 'https://help.agentdesk.test/articles/42?lang=en#refunds'],
    ['the status page', 'https://status.agentdesk.test/'],
    ['explicit default port', 'https://help.agentdesk.test:443/x'],
    ['upper-case https scheme and host (normalised before opening)', 'HTTPS://HELP.AGENTDESK.TEST/x'],
    ['percent-encoded path', 'https://help.agentdesk.test/search?q=%E2%82%AC%20refund'],
    ['mailto', 'mailto:support@agentdesk.test'],
    ['mailto with subject and body', 'mailto:support@agentdesk.test?subject=Hello&body=Line%201%0ALine%202'],
    ['mailto to two addresses', 'mailto:a@agentdesk.test,b@example.com'],
  ];
  it.each(trusted)('opens %s', (_name, url) => {
    expect(isTrustedExternalUrl(url)).toBe(true);
  });

  const hostile: [string, unknown][] = [
    // schemes
    ['javascript:', 'javascript:alert(1)'],
    ['upper-case JAVASCRIPT:', 'JAVASCRIPT:alert(1)'],
    ['mixed-case javascript with a tab inside', 'java\tscript:alert(1)'],
    ['javascript with an encoded newline', 'javascript:%0aalert(1)'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['data: html', 'data:text/html,<script>alert(1)</script>'],
    ['data: base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['file:', 'file:///etc/passwd'],
    ['file: UNC share', 'file://evil.com/share/payload.exe'],
    ['upper-case FILE:', 'FILE:///C:/Windows/System32/calc.exe'],
    ['http: to a trusted host', 'http://help.agentdesk.test/'],
    ['ftp:', 'ftp://help.agentdesk.test/'],
    ['blob:', 'blob:https://help.agentdesk.test/uuid'],
    ['the app scheme', 'app://agent-desk/index.html'],
    ['app scheme traversal', 'app://../'],
    ['ms-msdt protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['search-ms protocol handler', 'search-ms:query=x&crumb=location:\\\\evil.com\\share'],
    ['smb:', 'smb://evil.com/share'],
    ['custom scheme', 'slack://open'],
    ['scheme-relative', '//help.agentdesk.test/'],
    ['relative path', '/articles/1'],
    // hosts
    ['another host', 'https://evil.com/'],
    ['userinfo trick', 'https://help.agentdesk.test@evil.com/'],
    ['userinfo trick with password', 'https://help.agentdesk.test:x@evil.com/'],
    ['credentials on the trusted host', 'https://user:pass@help.agentdesk.test/'],
    ['encoded @ in userinfo', 'https://help.agentdesk.test%40evil.com/'],
    ['trusted name as a subdomain of evil', 'https://help.agentdesk.test.evil.com/'],
    ['encoded dot joining hosts', 'https://help.agentdesk.test%2eevil.com/'],
    ['trusted name as a suffix', 'https://evilhelp.agentdesk.test/'],
    ['sibling subdomain', 'https://evil.agentdesk.test/'],
    ['parent domain', 'https://agentdesk.test/'],
    ['trailing dot FQDN', 'https://help.agentdesk.test./'],
    ['trusted URL only in the query', 'https://evil.com/?https://help.agentdesk.test/'],
    ['trusted URL only in the fragment', 'https://evil.com/#https://help.agentdesk.test/'],
    ['trusted URL only in the path', 'https://evil.com/https://help.agentdesk.test/'],
    ['non-default port', 'https://help.agentdesk.test:8443/'],
    ['IP address', 'https://127.0.0.1/'],
    ['hex IP', 'https://0x7f.1/'],
    ['IDN homograph (Cyrillic е)', 'https://hеlp.agentdesk.test/'],
    ['IDN homograph as punycode', 'https://xn--hlp-rdd.agentdesk.test/'],
    ['full-width letters', 'https://ｈｅｌｐ.agentdesk.test/'],
    // parser differentials
    ['backslash before @', 'https://help.agentdesk.test\\@evil.com/'],
    ['backslashes as slashes', 'https:\\\\help.agentdesk.test\\'],
    ['backslash in path', 'https://help.agentdesk.test/a\\b'],
    ['leading space', ' https://help.agentdesk.test/'],
    ['trailing newline', 'https://help.agentdesk.test/\n'],
    ['space inside', 'https://help.agentdesk.test/a b'],
    ['tab in host', 'https://help.agent\tdesk.test/'],
    ['newline in scheme', 'ht\ntps://help.agentdesk.test/'],
    ['NUL byte', 'https://help.agentdesk.test/\0'],
    ['DEL character', 'https://help.agentdesk.test/\x7f'],
    ['right-to-left override', 'https://help.agentdesk.test/\u202Etxt.exe'],
    ['zero-width space in host', 'https://help\u200b.agentdesk.test/'],
    // size and shape
    ['very long URL', `https://help.agentdesk.test/${'a'.repeat(5000)}`],
    ['empty string', ''],
    ['garbage', 'not a url'],
    ['only a scheme', 'https:'],
    ['unparseable host', 'https://[::1/'],
    ['percent-garbage host', 'https://%zz/'],
    ['non-string', 42],
    ['null', null],
    ['object with href', { href: HELP_CENTRE_URL }],
    // mailto abuse
    ['mailto with attach', 'mailto:a@agentdesk.test?attach=/etc/passwd'],
    ['mailto with attachment', 'mailto:a@agentdesk.test?attachment=C:\\secret.txt'],
    ['mailto with upper-case ATTACH', 'mailto:a@agentdesk.test?ATTACH=%2Fetc%2Fpasswd'],
    ['mailto with a newline in the address', 'mailto:a@agentdesk.test%0ABcc:x@evil.com'],
    ['mailto without an address', 'mailto:'],
    ['mailto with a non-address', 'mailto:javascript:alert(1)'],
    ['mailto with an authority', 'mailto://evil.com/a@b.c'],
    ['mailto upper-case with space', 'MAILTO: a@b.c'],
  ];
  it.each(hostile)('refuses %s', (_name, url) => {
    expect(isTrustedExternalUrl(url as string)).toBe(false);
    expect(trustedExternalUrl(url)).toBeNull();
  });

  it('returns the normalised href, which is what the OS gets', () => {
    expect(trustedExternalUrl('HTTPS://HELP.AGENTDESK.TEST:443/a/../b')).toBe('https://help.agentdesk.test/b');
  });
});

describe('isAppUrl', () => {
  it.each([
    'app://agent-desk/',
    'app://agent-desk/index.html',
    'app://agent-desk/assets/app.js?v=1#x',
    'app://agent-desk',
    'APP://AGENT-DESK/index.html',
  ])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://agent-desk.evil/',
    'app://agent-desk:80/',
    'app://user@agent-desk/',
    'app://agent-desk@evil/',
    'app://../',
    'app:///index.html',
    'app:index.html',
    'https://agent-desk/',
    'file:///agent-desk/index.html',
    'http://localhost:5173/',
    'about:blank',
    'app://agent-desk\\..\\x',
    ' app://agent-desk/',
    'app://agent-desk/\n',
    '',
    'nonsense',
    `app://agent-desk/${'a'.repeat(10_000)}`,
    42,
    undefined,
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
