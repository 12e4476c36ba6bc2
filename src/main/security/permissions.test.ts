import { describe, expect, it } from 'vitest';
import { isPermissionGranted, PERMISSION_TABLE } from './permissions';

const OURS = 'app://agent-desk/index.html';

describe('isPermissionGranted', () => {
  it.each(['clipboard-sanitized-write', 'notifications'])('grants %s to our main frame', (permission) => {
    expect(isPermissionGranted({ permission, requestingUrl: OURS, isMainFrame: true })).toBe(true);
  });

  it.each([
    'clipboard-read',
    'media',
    'display-capture',
    'geolocation',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'fileSystem',
    'hid',
    'serial',
    'usb',
    'midiSysex',
    'unknown',
    'some-future-permission',
    '__proto__',
    'constructor',
    'toString',
    '',
  ])('denies %s even to our main frame', (permission) => {
    expect(isPermissionGranted({ permission, requestingUrl: OURS, isMainFrame: true })).toBe(false);
  });

  it.each([
    ['a sub-frame of ours', OURS, false],
    ['an unknown frame kind', OURS, undefined],
    ['another origin', 'https://evil.com/', true],
    ['a look-alike app host', 'app://agent-desk.evil/', true],
    ['file://', 'file:///index.html', true],
    ['no URL', undefined, true],
    ['about:blank', 'about:blank', true],
  ] as const)('denies notifications to %s', (_name, requestingUrl, isMainFrame) => {
    expect(isPermissionGranted({ permission: 'notifications', requestingUrl, isMainFrame })).toBe(false);
  });

  it('grants exactly two permissions in the table', () => {
    const granted = Object.entries(PERMISSION_TABLE)
      .filter(([, v]) => v === 'grant')
      .map(([k]) => k)
      .sort();
    expect(granted).toEqual(['clipboard-sanitized-write', 'notifications']);
  });
});
