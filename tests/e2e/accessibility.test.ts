/**
 * Accessibility of the console on real parts: the built renderer through the browser host,
 * signed in as the demo agent against the real desk server, five demo chats accepted into tabs
 * (one with a customer's screenshot), in headless Chromium at 1440×900. axe-core finds no
 * serious or critical violation (WCAG 2.2 A/AA and best practice) on the console with chats
 * open, the command palette, the image viewer, settings, the keyboard-shortcuts help and the
 * canned-reply picker, each in the light AND the dark theme; the page logs no error, reports no
 * CSP violation and no request fails along the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { openDemoConsole, showTheme, type DemoConsole } from '../helpers/demo-console';

/** axe in light, then in dark, then back to light: `{ light: [...], dark: [...] }`. */
async function inBothThemes(page: Page): Promise<{ light: string[]; dark: string[] }> {
  await showTheme(page, 'light');
  const light = await seriousViolations(page, 'light');
  await showTheme(page, 'dark');
  const dark = await seriousViolations(page, 'dark');
  await showTheme(page, 'light');
  return { light, dark };
}

const none = { light: [], dark: [] };
let scene: DemoConsole;

beforeAll(async () => {
  scene = await openDemoConsole();
}, 120_000);

afterAll(async () => {
  await scene?.close();
});

describe('accessibility of the console against the real desk server (axe-core, light and dark)', () => {
  it('the console with chats open', async () => {
    const { page, chats } = scene;
    const payment = chats[0]!;
    await scene.openChat(payment);
    await scene.say(payment, 'It was a bank transfer, I used the reference from the payment reminder email.');
    await page.getByRole('log').getByText('It was a bank transfer').waitFor();
    expect(await page.getByRole('tablist', { name: 'Open chats' }).getByRole('tab').count()).toBe(chats.length);
    // The customer panel shows the customer's records, not a placeholder.
    await page.getByRole('heading', { name: payment.name }).first().waitFor();
    expect(await inBothThemes(page)).toEqual(none);
  });

  it('the command palette', async () => {
    const { page } = scene;
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: /Command palette/i });
    await palette.waitFor();
    await page.keyboard.type('tab');
    await palette.getByRole('option').first().waitFor();
    expect(await inBothThemes(page)).toEqual(none);
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
  });

  it('the image viewer', async () => {
    const { page, chats } = scene;
    await scene.openChat(chats.find((c) => c.category === 'technical_glitch')!);
    await page.getByRole('log').getByRole('button', { name: /screenshot|image/i }).first().click();
    const viewer = page.getByRole('dialog', { name: /Image viewer/ });
    await viewer.getByRole('img').first().waitFor();
    expect(await inBothThemes(page)).toEqual(none);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('the canned-reply picker', async () => {
    const { page } = scene;
    await page.getByRole('textbox', { name: /reply/i }).click();
    await page.keyboard.type('/');
    const picker = page.getByRole('listbox', { name: /^Canned replies in/ });
    await picker.getByRole('option').first().waitFor();
    expect(await inBothThemes(page)).toEqual(none);
    // The scrolling list is a tab stop of its own (Tab from the thread) with the picker's keys: ↓ moves, Esc goes back to the composer.
    await page.getByRole('log').focus();
    const listFocused = () => picker.evaluate((el) => el === document.activeElement);
    for (let n = 0; n < 8 && !(await listFocused()); n++) await page.keyboard.press('Tab');
    expect(await listFocused()).toBe(true);
    const second = await picker.getByRole('option').nth(1).getAttribute('id');
    await page.keyboard.press('ArrowDown');
    expect(await picker.getAttribute('aria-activedescendant')).toBe(second);
    expect(await picker.getByRole('option', { selected: true }).getAttribute('id')).toBe(second);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('textbox', { name: /reply/i }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await page.keyboard.press('Backspace');
  });

  it('the keyboard-shortcuts help', async () => {
    const { page } = scene;
    await page.getByRole('log').click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: /Keyboard shortcuts/i });
    await help.waitFor();
    expect(await inBothThemes(page)).toEqual(none);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('settings', async () => {
    const { page } = scene;
    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await inBothThemes(page)).toEqual(none);
  });

  it('logged no console error, CSP report or failed request along the way', () => {
    expect(scene.problems).toEqual([]);
  });
});
