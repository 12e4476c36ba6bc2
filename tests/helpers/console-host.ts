/**
 * The console as an agent runs it where Electron cannot: the renderer built once with Vite, the
 * real desktop services (offline cache, sync engine) in the browser host on a temp user-data
 * directory, headless Chromium on top. Pages come with a list of what went wrong in them
 * (page-problems.ts). For browser tests against a real desk server; tests that fake main build
 * their own host with createHostServer.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host';
import { afterAll, beforeAll } from 'vitest';
import { watchProblems } from './page-problems';
import { startTestServer, type TestServer, type TestServerOptions } from './server';
import { DEMO_PASSWORD } from '../../src/server/demo/seed';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
/** Text as a person reads it: the narrow and no-break spaces of Intl's money and dates as plain spaces. */
export const nbsp = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

let built: Promise<string> | null = null;

/** The renderer built with Vite into a temp directory, once per test file (later calls share it). */
export function buildRenderer(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-e2e-renderer-'));
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return built;
}

export interface ConsoleHostOptions {
  /** The desk server the login form offers (what `--server-url` does for `npm start`). */
  serverUrl?: string;
}

export interface ConsolePage {
  page: Page;
  /** Console errors, CSP reports, page errors and failed requests seen so far. */
  problems: string[];
}

export interface ConsoleHost {
  /** The browser host's page. */
  url: string;
  host: BrowserHost;
  browser: Browser;
  userDataDir: string;
  /** A new page on the console at 1440×900 (or the size given), watched for problems. */
  open(viewport?: { width: number; height: number }): Promise<ConsolePage>;
  close(): Promise<void>;
}

/** Builds the renderer (once), starts the browser host on a fresh user-data directory and launches Chromium. */
export async function startConsoleHost(opts: ConsoleHostOptions = {}): Promise<ConsoleHost> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'agent-desk-e2e-desktop-'));
  const rendererDir = await buildRenderer();
  const [host, browser] = await Promise.all([
    startBrowserHost({ userDataDir, rendererDir, log: quiet, serverUrl: opts.serverUrl }),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  return {
    url: host.url,
    host,
    browser,
    userDataDir,
    async open(viewport = { width: 1440, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const problems = watchProblems(page);
      await page.goto(host.url);
      return { page, problems };
    },
    async close() {
      await browser.close();
      await host.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Removes the built renderer (call once, in afterAll, after every host is closed). */
export async function removeBuiltRenderer(): Promise<void> {
  if (!built) return;
  const dir = await built.catch(() => null);
  built = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Signs the console in as a demo agent, through the login form as a person fills it. */
export async function signIn(page: Page, serverUrl: string, email: string): Promise<void> {
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
}

export interface ConsoleSuite {
  /** The desk server (set once the file's `beforeAll` has run). */
  readonly srv: TestServer;
  readonly desk: ConsoleHost;
  /** The page's viewport as `<shots>/<name>.png`. */
  shot(page: Page, name: string): Promise<Buffer>;
}

/**
 * A browser-test file against a real desk server: the server and the console host started once
 * for the file (its `beforeAll`) and stopped after it with the built renderer, screenshots into
 * `shots`. Call at the top level of the file.
 */
export function consoleSuite(shots: string, server: TestServerOptions = {}): ConsoleSuite {
  let srv: TestServer | undefined;
  let desk: ConsoleHost | undefined;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    srv = await startTestServer(server);
    desk = await startConsoleHost();
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
    await srv?.close();
    await removeBuiltRenderer();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('consoleSuite: used before its beforeAll ran');
    return v;
  };
  return {
    get srv() {
      return started(srv);
    },
    get desk() {
      return started(desk);
    },
    shot: (page, name) => page.screenshot({ path: path.join(shots, `${name}.png`) }),
  };
}
