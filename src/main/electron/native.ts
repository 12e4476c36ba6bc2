/**
 * better-sqlite3 with two ABIs from one install.
 *
 * The problem: `npm install` builds node_modules/better-sqlite3/build/Release/better_sqlite3.node
 * for Node's ABI (NODE_MODULE_VERSION 115 on Node 20). Tests, the browser host and the desk
 * server load that copy. Electron 45 has its own ABI (150, node_modules/electron/abi_version)
 * and refuses to load it ("was compiled against a different Node.js version").
 *
 * The approach: keep the Node build in place, untouched, and give Electron its own copy in a
 * separate folder named by ABI, passed to `new Database(file, { nativeBinding })`:
 *
 *   development   <app path>/out/native/electron-<abi>/better_sqlite3.node
 *                 made by a build step: copy node_modules/better-sqlite3 into a scratch folder
 *                 (build/electron-native/node_modules/better-sqlite3), run
 *                 `electron-rebuild --version <electron version> --module-dir build/electron-native
 *                 --only better-sqlite3` there (@electron/rebuild: a prebuilt Electron binary
 *                 if one downloads, otherwise node-gyp), copy build/Release/better_sqlite3.node
 *                 to the path above.
 *   packaged      <resources>/native/electron-<abi>/better_sqlite3.node, shipped with
 *                 electron-builder `extraResources: [{ from: out/native, to: native }]` (outside
 *                 app.asar: a .node file cannot be loaded from inside the archive). Absent, the
 *                 module's own copy is used, which electron-builder's `npmRebuild: true` has
 *                 already rebuilt for Electron inside the package.
 *   override      AGENT_DESK_SQLITE_BINDING=/path/to/better_sqlite3.node (diagnostics).
 *   under Node    undefined: better-sqlite3 finds its own (Node) build as usual.
 *
 * The ABI in the folder name means an Electron upgrade can never load a stale binary: the file
 * is simply not found until it is rebuilt. Pure (the environment is passed in), so it is tested
 * under Node.
 */
import path from 'node:path';

export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

export interface NativeBindingEnv {
  /** `process.versions.electron`; undefined under Node. */
  electronVersion: string | undefined;
  /** `process.versions.modules`: the ABI of the running runtime. */
  abi: string;
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `process.resourcesPath` (packaged builds). */
  resourcesPath: string | undefined;
  /** `app.getAppPath()`: the folder holding package.json in development. */
  appPath: string;
  /** `process.env.AGENT_DESK_SQLITE_BINDING`. */
  override?: string | undefined;
  exists(file: string): boolean;
}

/** Where the Electron-ABI copy lives under a root (out/ in development, resources/ packaged). */
export function electronBindingPath(root: string, abi: string): string {
  return path.join(root, 'native', `electron-${abi}`, SQLITE_BINDING_FILE);
}

/**
 * The `nativeBinding` option for better-sqlite3 in this process, or undefined to let it find
 * its own build (always under Node; in Electron when no separate copy exists).
 */
export function sqliteNativeBinding(env: NativeBindingEnv): string | undefined {
  if (!env.electronVersion) return undefined;
  if (env.override && env.exists(env.override)) return env.override;
  const candidates = env.isPackaged
    ? env.resourcesPath
      ? [electronBindingPath(env.resourcesPath, env.abi)]
      : []
    : [electronBindingPath(path.join(env.appPath, 'out'), env.abi)];
  return candidates.find((c) => env.exists(c));
}

/** What to tell a developer whose Electron cannot load the Node build. */
export function missingBindingHint(env: Pick<NativeBindingEnv, 'abi' | 'appPath'>): string {
  return (
    `better-sqlite3 has no build for this Electron (ABI ${env.abi}). Rebuild it into ` +
    `${electronBindingPath(path.join(env.appPath, 'out'), env.abi)} with @electron/rebuild (see src/main/electron/native.ts).`
  );
}
