import { describe, expect, it } from 'vitest';
import { isAllowedDownload, safeDownloadName } from './downloads';

describe('isAllowedDownload', () => {
  it('allows a blob: of our own page', () => {
    expect(isAllowedDownload('blob:app://agent-desk/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f')).toBe(true);
  });

  it.each([
    'https://evil.example/x.png',
    'http://127.0.0.1:4780/api/attachments/1',
    'data:image/png;base64,iVBORw0KGgo=',
    'file:///etc/passwd',
    'blob:https://evil.example/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f',
    'blob:app://agent-desk.evil/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f',
    'blob:app://agent-desk:8080/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f',
    'blob:app://agent-desk/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f/../x',
    'blob:app://agent-desk/0b6f3c7e-2d7a-4f51-9a0e-7f1c2b3d4e5f#x',
    'BLOB:APP://AGENT-DESK/0B6F3C7E-2D7A-4F51-9A0E-7F1C2B3D4E5F',
    'javascript:alert(1)',
    '',
    42,
    null,
  ])('refuses %s', (url) => {
    expect(isAllowedDownload(url)).toBe(false);
  });
});

describe('safeDownloadName', () => {
  it.each([
    ['IMG_2041.png', 'IMG_2041.png'],
    ['../../.bashrc', 'bashrc.png'],
    ['C:\\Windows\\system32\\evil.exe', 'evil.exe.png'],
    ['a\u202Egnp.exe', 'agnp.exe.png'],
    ['receipt.JPG', 'receipt.JPG'],
    ['', 'image.png'],
    [undefined, 'image.png'],
  ])('%s → %s', (name, safe) => {
    expect(safeDownloadName(name)).toBe(safe);
  });
});
