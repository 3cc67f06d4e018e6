// Data root precedence: LODYN_HOME, then --data, then the OS app-data folder.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { osAppDataDir, resolveDataRoot } from '../../../../src-main/engine/data-root';

describe('resolveDataRoot', () => {
  it('prefers LODYN_HOME, then the flag, then the OS folder', () => {
    expect(resolveDataRoot({ env: { LODYN_HOME: '/a' }, flag: '/b' })).toBe(path.resolve('/a'));
    expect(resolveDataRoot({ env: {}, flag: '/b' })).toBe(path.resolve('/b'));
    expect(resolveDataRoot({ env: { XDG_DATA_HOME: '/x' }, platform: 'linux' })).toBe(path.join('/x', 'lodyn'));
  });
  it('follows each OS convention', () => {
    expect(osAppDataDir('lodyn', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('lodyn');
    expect(osAppDataDir('lodyn', {}, 'darwin')).toMatch(/Library[\\/]Application Support[\\/]lodyn$/);
  });
});
