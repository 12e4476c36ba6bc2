/** What a page did wrong while a browser test drove it: console errors, CSP reports, page errors, failed requests. */
import type { Page } from 'playwright-core';

export interface WatchOptions {
  /** Count console warnings as problems too. */
  warnings?: boolean;
}

export function watchProblems(page: Page, opts: WatchOptions = {}): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || (opts.warnings && m.type() === 'warning') || /Content[- ]Security[- ]Policy/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return problems;
}
