/**
 * `npm run screenshots`: the README's pictures, made from the real thing. Builds the console,
 * starts a demo desk server (the full demo world) on a temp dir and a free loopback port, the
 * browser host signed in as the demo agent, and headless Chromium at 1440×900 (scale 1); five
 * demo customers open chats, and the pictures are taken into assets/screenshots/ as palette PNGs.
 *
 *   --out DIR   where to write them (default: assets/screenshots)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { openDemoConsole, settled, showTheme, type DemoConsole } from '../tests/helpers/demo-console';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = path.resolve(values.out ?? path.join(root, 'assets', 'screenshots'));

/** A palette PNG (256 colours, dithered lightly): UI pictures stay sharp at a fraction of the bytes. */
async function save(name: string, png: Buffer): Promise<void> {
  const file = path.join(outDir, name);
  const small = await sharp(png).png({ palette: true, colours: 256, quality: 90, dither: 0.5, compressionLevel: 9, effort: 10 }).toBuffer();
  writeFileSync(file, small);
  console.log(`  ${path.relative(root, file)}  ${Math.round(small.length / 1024)} KB`);
}

const capture = async (page: Page, name: string) => save(name, await page.screenshot({ animations: 'disabled', caret: 'hide' }));

/** The conversation pane (chat header, thread, composer): the smallest element holding both the thread and the composer. */
async function conversationPane(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.getByRole('log').evaluate((log) => {
    const composer = document.querySelector('textarea');
    let pane: Element | null = log;
    while (pane && composer && !pane.contains(composer)) pane = pane.parentElement;
    const r = (pane ?? log).getBoundingClientRect();
    return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
  });
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  console.log('Building the console and starting the demo world…');
  const scene: DemoConsole = await openDemoConsole({ customers: 3000, historicTickets: 2500 });
  const { page, chats } = scene;
  try {
    const [payment, glitch] = chats as [DemoConsole['chats'][number], DemoConsole['chats'][number]];
    // A short exchange in the first chat: the agent answers, the customer replies.
    await scene.openChat(payment);
    const composer = page.getByRole('textbox', { name: /reply/i });
    await composer.click();
    await page.keyboard.type(`Hi ${payment.name.split(' ')[0]}, thanks for waiting. Let me look at your payment.`);
    await page.keyboard.press('Enter');
    await scene.say(payment, 'Thanks! It was a bank transfer, I used the reference from the payment reminder email.');
    await page.getByRole('log').getByText('It was a bank transfer').waitFor();
    await settled(page);

    console.log('Taking pictures:');
    await capture(page, 'console-light.png');
    await showTheme(page, 'dark');
    await capture(page, 'console-dark.png');
    await showTheme(page, 'light');

    // A 1280 px window: the chat list is a strip of avatars, the panel keeps its 320 px.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('.chat-list--strip').waitFor();
    await page.getByRole('log').click({ position: { x: 400, y: 40 } });
    await settled(page);
    await capture(page, 'console-1280.png');
    await page.setViewportSize({ width: 1440, height: 900 });
    await settled(page);

    // The image viewer on the customer's screenshot.
    await scene.openChat(glitch);
    await page.getByRole('log').getByRole('button', { name: /screenshot|image/i }).first().click();
    await page.getByRole('dialog', { name: /Image viewer/ }).waitFor();
    await settled(page);
    await capture(page, 'image-viewer.png');
    await page.keyboard.press('Escape');

    // The canned-reply picker, then the reply it inserts (the error code is a prompt: the agent reads it off
    // the screenshot): side by side, the conversation column of each.
    await composer.click();
    await page.keyboard.type('/');
    await page.getByRole('listbox', { name: /^Canned replies in/ }).waitFor();
    await page.keyboard.press('Alt+ArrowLeft');
    const english = page.getByRole('listbox', { name: 'Canned replies in English' });
    await english.waitFor();
    // The chat's category comes first: move down to "Known incident".
    for (let n = 0; n < 10 && !/Known incident/.test((await english.getByRole('option', { selected: true }).textContent()) ?? ''); n++) await page.keyboard.press('ArrowDown');
    await settled(page);
    const clip = await conversationPane(page);
    const pickerShot = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    await page.keyboard.press('Enter');
    await page.getByText(/prompts? to fill/).waitFor();
    await settled(page);
    const insertedShot = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    const gap = 16;
    const combined = await sharp({ create: { width: clip.width * 2 + gap, height: clip.height, channels: 3, background: '#d0d5dd' } })
      .composite([
        { input: pickerShot, left: 0, top: 0 },
        { input: insertedShot, left: clip.width + gap, top: 0 },
      ])
      .png()
      .toBuffer();
    await save('canned-reply.png', combined);
    await page.keyboard.press('Escape');
    await scene.openChat(payment);

    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: /Command palette/i }).waitFor();
    await settled(page);
    await capture(page, 'command-palette.png');
    await page.keyboard.press('Escape');

    await page.getByRole('log').click();
    await page.keyboard.press('Control+/');
    await page.getByRole('dialog', { name: /Keyboard shortcuts/i }).waitFor();
    await settled(page);
    await capture(page, 'shortcuts-help.png');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+,');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await settled(page);
    await capture(page, 'settings.png');

    if (scene.problems.length) console.warn(`The page reported problems:\n  ${scene.problems.join('\n  ')}`);
  } catch (err) {
    const shot = path.join(os.tmpdir(), 'agent-desk-screenshots-failure.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`What the page showed when it failed: ${shot}`);
    throw err;
  } finally {
    await scene.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
