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
const t = text as { category?: { model?: number; keywords?: number; preChatPick?: number }; replies?: { top3?: number; top3CategoryOnly?: number; uses?: number; topicUses?: number; top3Topic?: number; top3TopicCategoryOnly?: number }; languageId?: { accuracy?: number; lines?: number }; mood?: { accuracy?: number; lines?: number } };
const o = ocr as { ocrMsPerScreenshot?: { median?: number; p95?: number }; baselineSharpReencodeMs?: { median?: number }; cardRedactionRecall?: number; withCard?: number; leaksAfterRedaction?: number };
console.log(`
assist, measured (held-out newest 20% of the demo history; fixed sets; generated screenshots)
  category from the first message   model ${t.category?.model}%   keywords ${t.category?.keywords}%   customer's pre-chat pick ${t.category?.preChatPick ?? 'n/a'}%
  suggested replies, top-3 hit      ranked ${t.replies?.top3}%   category only ${t.replies?.top3CategoryOnly}%   (${t.replies?.uses} uses)
    the topic's own replies only     ranked ${t.replies?.top3Topic}%   category only ${t.replies?.top3TopicCategoryOnly}%   (${t.replies?.topicUses} uses; greetings and closings left out)
  language id                        ${t.languageId?.accuracy}% of ${t.languageId?.lines} lines
  mood (English)                     ${t.mood?.accuracy}% of ${t.mood?.lines} lines
  OCR per screenshot                 median ${o.ocrMsPerScreenshot?.median} ms, p95 ${o.ocrMsPerScreenshot?.p95} ms (sharp re-encode ${o.baselineSharpReencodeMs?.median} ms)
  card redaction recall              ${o.cardRedactionRecall} of ${o.withCard} screenshots, ${o.leaksAfterRedaction} leaks after redaction`);
console.log(`\neval written to bench-results/eval.json in ${out.seconds} s`);
process.exit(0);
