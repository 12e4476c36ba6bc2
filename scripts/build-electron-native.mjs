// Gives Electron its own better-sqlite3 build (its ABI differs from Node's) next to the Node build
// the tests and the browser host use: out/native/electron-<abi>/better_sqlite3.node, which
// src/main/electron/native.ts finds and passes as `nativeBinding`. Needs what electron-rebuild
// needs (Electron's headers, downloaded once, or a prebuilt binary): run where Electron itself
// could be downloaded. `npm start` calls it before launching Electron.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
const abi = readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
const target = path.join(root, 'out', 'native', `electron-${abi}`, 'better_sqlite3.node');

if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`better-sqlite3 for Electron ${electronVersion} (ABI ${abi}) is already built.`);
} else {
  const scratch = path.join(root, 'build', 'electron-native');
  rmSync(scratch, { recursive: true, force: true });
  const moduleDir = path.join(scratch, 'node_modules', 'better-sqlite3');
  mkdirSync(path.dirname(moduleDir), { recursive: true });
  cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), moduleDir, { recursive: true });
  rmSync(path.join(moduleDir, 'build'), { recursive: true, force: true }); // never ship the Node build by mistake
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (ABI ${abi})…`);
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: scratch, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Wrote ${path.relative(root, target)}`);
}
