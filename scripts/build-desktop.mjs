// Builds the Electron side of the desktop with esbuild (no shell, so it runs the same on
// Windows):
//   src/main/electron/main.ts → out/main/index.js    ESM (package.json "type": "module", "main")
//   src/preload/index.ts      → out/preload/index.cjs CommonJS, one file (sandboxed preloads
//                                                     cannot import ESM or other files)
//   assets/icon.png           → out/assets/icon.png   (the tray icon; only out/** is packaged)
// The renderer is built separately by Vite into out/renderer.
//
// The preload must stay tiny and zod-free: the build fails if any package other than
// `electron` ends up in it, or if it grows past PRELOAD_BUDGET_BYTES.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const PRELOAD_BUDGET_BYTES = 4 * 1024;
// Electron 45: Chromium 140, Node 22.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

const rel = (p) => path.relative(root, p).split(path.sep).join('/');

async function buildMain() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/main/electron/main.ts'],
    outfile: path.join(out, 'main', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    sourcemap: 'linked',
    // Native modules load their .node files at run time; electron is the runtime itself.
    // bufferutil / utf-8-validate are ws's optional native speed-ups.
    external: ['electron', 'better-sqlite3', 'sharp', 'bufferutil', 'utf-8-validate'],
    // CommonJS packages bundled into an ES module still call require() for Node built-ins.
    banner: { js: "import { createRequire as __agentDeskCreateRequire } from 'node:module';\nconst require = __agentDeskCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}

async function buildPreload() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/preload/index.ts'],
    outfile: path.join(out, 'preload', 'index.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: CHROME_TARGET,
    minify: true,
    external: ['electron'],
    metafile: true,
    logLevel: 'warning',
  });
  const meta = result.metafile;
  const packages = Object.keys(meta.inputs).filter((f) => f.includes('node_modules'));
  if (packages.length > 0) {
    throw new Error(`the preload must import only channel names from src/shared and electron, but it bundles:\n  ${packages.join('\n  ')}`);
  }
  const output = Object.entries(meta.outputs).find(([f]) => f.endsWith('index.cjs'));
  const bytes = output ? output[1].bytes : 0;
  if (bytes > PRELOAD_BUDGET_BYTES) throw new Error(`the preload is ${bytes} bytes, over its ${PRELOAD_BUDGET_BYTES}-byte budget`);
  return { meta, bytes };
}

async function copyAssets() {
  await mkdir(path.join(out, 'assets'), { recursive: true });
  await copyFile(path.join(root, 'assets', 'icon.png'), path.join(out, 'assets', 'icon.png'));
}

try {
  const started = Date.now();
  const [mainMeta, preload] = await Promise.all([buildMain(), buildPreload(), copyAssets()]);
  const mainBytes = Object.entries(mainMeta.outputs).find(([f]) => f.endsWith('index.js'))?.[1].bytes ?? 0;
  const inputs = Object.keys(preload.meta.inputs).map((f) => rel(path.resolve(root, f)));
  console.log(`main     out/main/index.js      ${(mainBytes / 1024).toFixed(1)} KiB`);
  console.log(`preload  out/preload/index.cjs  ${preload.bytes} bytes (from ${inputs.join(', ')})`);
  console.log(`assets   out/assets/icon.png`);
  console.log(`built in ${Date.now() - started} ms`);
} catch (err) {
  console.error(`build-desktop failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
