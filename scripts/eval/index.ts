/**
 * `npm run eval`: assist measured, not claimed (issue 9, docs/assist.md "Measured"). Runs the text
 * evaluation (category, suggested replies, language id, mood on the demo world's held-out
 * history and fixed sets) and the screenshot evaluation (OCR time, card-redaction recall), prints
 * both and writes them to bench-results/eval.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { evalOcr } from './ocr';
import { evalText } from './text';

const started = Date.now();
const text = await evalText();
const ocr = await evalOcr();
mkdirSync('bench-results', { recursive: true });
const out = { at: new Date().toISOString(), node: process.version, text, ocr, seconds: Math.round((Date.now() - started) / 100) / 10 };
writeFileSync('bench-results/eval.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(`\neval written to bench-results/eval.json in ${out.seconds} s`);
process.exit(0);
