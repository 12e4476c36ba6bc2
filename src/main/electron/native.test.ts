import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBindingPath, sqliteNativeBinding, type NativeBindingEnv } from './native';

const APP = path.resolve('/repo');
const RES = path.resolve('/opt/Agent Desk/resources');

const env = (over: Partial<NativeBindingEnv>, files: string[] = []): NativeBindingEnv => ({
  electronVersion: '45.4.1',
  abi: '150',
  isPackaged: false,
  resourcesPath: undefined,
  appPath: APP,
  exists: (f) => files.includes(f),
  ...over,
});

describe('sqliteNativeBinding', () => {
  it('is undefined under Node, whatever files exist', () => {
    const devCopy = electronBindingPath(path.join(APP, 'out'), '115');
    expect(sqliteNativeBinding(env({ electronVersion: undefined, abi: '115' }, [devCopy]))).toBeUndefined();
  });

  it('uses the development copy for this ABI', () => {
    const devCopy = path.join(APP, 'out', 'native', 'electron-150', 'better_sqlite3.node');
    expect(sqliteNativeBinding(env({}, [devCopy]))).toBe(devCopy);
  });

  it('never picks a copy built for another Electron', () => {
    const stale = electronBindingPath(path.join(APP, 'out'), '140');
    expect(sqliteNativeBinding(env({}, [stale]))).toBeUndefined();
  });

  it('uses the packaged copy from resources, or falls back to the module’s own rebuilt copy', () => {
    const packaged = electronBindingPath(RES, '150');
    expect(sqliteNativeBinding(env({ isPackaged: true, resourcesPath: RES }, [packaged]))).toBe(packaged);
    expect(sqliteNativeBinding(env({ isPackaged: true, resourcesPath: RES }, []))).toBeUndefined();
    // A packaged app never reaches into a development folder.
    expect(sqliteNativeBinding(env({ isPackaged: true, resourcesPath: RES }, [electronBindingPath(path.join(APP, 'out'), '150')]))).toBeUndefined();
  });

  it('honours an override that exists', () => {
    expect(sqliteNativeBinding(env({ override: '/tmp/b.node' }, ['/tmp/b.node']))).toBe('/tmp/b.node');
    expect(sqliteNativeBinding(env({ override: '/tmp/missing.node' }, []))).toBeUndefined();
  });
});
