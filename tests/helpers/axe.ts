/**
 * axe-core in a browser test's page. The source is evaluated through the DevTools protocol
 * (page.evaluate): the console's CSP refuses inline scripts, so page.addScriptTag would need
 * bypassCSP, and the tests watch for CSP reports.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION: string = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('axe-core/package.json'), 'utf8')) as { version: string }).version;

/** WCAG 2.2 A/AA and axe's best practices. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** The first three nodes. */
  nodes: { target: string[]; failureSummary?: string }[];
}

export interface AxeRunOptions {
  /** A CSS selector to check within (default: the whole document); axe fails if nothing matches. */
  within?: string;
  /** Rule tags to run (default: axe's own default rule set). */
  tags?: string[];
}

/**
 * The violations axe finds on the page at rest: running CSS transitions and animations finish
 * first (a button fading between its disabled and enabled colours measured mid-way fails contrast
 * that neither end fails).
 */
export async function runAxe(page: Page, opts: AxeRunOptions = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  await page.evaluate(() => {
    // Finite ones only (a skeleton's pulse never ends), and never more than a second.
    const ending = document.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
    return Promise.race([Promise.all(ending.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 1000))]);
  });
  return page.evaluate(async ({ within, tags }) => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } };
    const r = await w.axe.run(within ? { include: [[within]] } : document, { ...(tags ? { runOnly: { type: 'tag', values: tags } } : {}), resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }));
  }, opts);
}

export const isSerious = (v: AxeViolation): boolean => v.impact === 'serious' || v.impact === 'critical';

/** One line for a violation: `what: impact id: help at target (why); …`. */
export function describeViolation(what: string, v: AxeViolation): string {
  return `${what}: ${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary})` : ''}`).join('; ')}`;
}

/** One line for everything axe found: `what: no violations`, or each violation's impact, id and targets. */
export function summarize(what: string, violations: AxeViolation[]): string {
  return `${what}: ${violations.length === 0 ? 'no violations' : violations.map((v) => `${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`;
}

/**
 * The serious and critical violations of WCAG 2.2 A/AA and best practice on the whole page, one
 * line each, prefixed with `what`; every run's summary goes to `log` when given.
 */
export async function seriousViolations(page: Page, what: string, log?: string[]): Promise<string[]> {
  const violations = await runAxe(page, { tags: WCAG_TAGS });
  log?.push(summarize(what, violations));
  return violations.filter(isSerious).map((v) => describeViolation(what, v));
}
