// Tries to fetch the Electron binary (its own install script is denied in package.json's
// allowScripts because it downloads from outside the npm registry). Where that download is
// impossible (offline machines, CI) we only warn: `npm start` then runs the desktop through
// the browser host.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) process.exit(0); // production install without devDependencies
if (existsSync(path.join(dir, 'path.txt'))) process.exit(0); // already downloaded
if (process.env.AGENT_DESK_SKIP_ELECTRON_DOWNLOAD) {
  console.warn('[agent-desk] Electron download skipped (AGENT_DESK_SKIP_ELECTRON_DOWNLOAD).');
  process.exit(0);
}
const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  stdio: 'pipe',
  timeout: 120_000,
  encoding: 'utf8',
});
if (result.status === 0 && existsSync(path.join(dir, 'path.txt'))) {
  console.log('[agent-desk] Electron binary installed.');
} else {
  const lines = (result.stderr || result.error?.message || 'unknown error').split('\n').map((l) => l.trim());
  const reason = lines.find((l) => /error|ENOTFOUND|ECONN|EAI_AGAIN|getaddrinfo|timed? ?out/i.test(l) && !l.startsWith('at ')) ?? lines.find(Boolean) ?? 'unknown error';
  console.warn(
    `[agent-desk] warning: could not download the Electron binary (${reason}). ` +
      '`npm start` will run the desktop in the browser host instead.',
  );
}
process.exit(0);
