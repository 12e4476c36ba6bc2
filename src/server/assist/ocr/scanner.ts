/**
 * Reads the text of a screenshot with tesseract.js (OCR). tesseract.js runs its engine (WebAssembly)
 * in a Node worker thread of its own, so recognising an image never blocks the event loop: the
 * server keeps delivering messages while a screenshot is read.
 *
 * - One long-lived worker, created on first use (its start loads the English model, ~2 s) and
 *   terminated by `close()` (the server's close).
 * - Nothing is fetched: the model comes from `@tesseract.js-data/eng` on disk (gzip), the engine
 *   from `tesseract.js-core` on disk, the worker script from `tesseract.js` on disk, and the model
 *   cache is off (tesseract.js would otherwise write `eng.traineddata` into the working directory).
 * - A bounded queue: one image at a time, at most `maxQueue` waiting; beyond that `scan` refuses
 *   at once (OcrUnavailableError) instead of letting uploads pile up.
 * - A timeout per image: an image that takes longer is refused and the worker is terminated (the
 *   only way to stop tesseract mid-image); the next image starts a fresh one.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import type Tesseract from 'tesseract.js';

const require = createRequire(import.meta.url);

export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  bbox: OcrBox;
  confidence: number;
}

export interface OcrLine {
  words: OcrWord[];
  bbox: OcrBox;
}

export interface OcrResult {
  /** The full text, lines separated by `\n`. */
  text: string;
  /** The words line by line, in reading order, each with its box in image pixels. */
  lines: OcrLine[];
  ms: number;
}

/** The scanner could not read an image: its queue is full, it timed out, or its worker failed. */
export class OcrUnavailableError extends Error {
  constructor(
    readonly reason: 'busy' | 'timeout' | 'failed' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'OcrUnavailableError';
  }
}

export interface OcrScannerOptions {
  /** Longest one image may take (default 30 s). */
  timeoutMs?: number;
  /** Images that may wait behind the one being read (default 16). */
  maxQueue?: number;
  log?: Logger;
}

export interface OcrScanner {
  scan(image: Buffer): Promise<OcrResult>;
  /** Images waiting plus the one being read. */
  pending(): number;
  /** Terminates the worker; later scans are refused. */
  close(): Promise<void>;
}

/** Where tesseract.js finds everything it needs, all local files (exported for the no-network test). */
export function localTesseractPaths(): { langPath: string; workerPath: string; corePath: string; gzip: true; cacheMethod: 'none' } {
  const eng = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };
  const tesseractDir = path.dirname(require.resolve('tesseract.js/package.json'));
  return {
    langPath: eng.langPath,
    workerPath: path.join(tesseractDir, 'src', 'worker-script', 'node', 'index.js'),
    // Node's worker script requires tesseract.js-core by module name; set it anyway so no default URL exists.
    corePath: path.dirname(require.resolve('tesseract.js-core/package.json')),
    gzip: true,
    cacheMethod: 'none',
  };
}

export function createOcrScanner(opts: OcrScannerOptions = {}): OcrScanner {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxQueue = opts.maxQueue ?? 16;
  const log = opts.log;
  let worker: Promise<Tesseract.Worker> | null = null;
  let closed = false;
  let waiting = 0;
  let tail: Promise<unknown> = Promise.resolve();

  function startWorker(): Promise<Tesseract.Worker> {
    const { createWorker, OEM } = require('tesseract.js') as typeof Tesseract;
    const started = createWorker('eng', OEM.LSTM_ONLY, {
      ...localTesseractPaths(),
      errorHandler: (err: unknown) => log?.warn({ err }, 'ocr worker error'),
    }).then(async (w) => {
      // Screenshots carry no (or a nonsense) resolution; say what tesseract would assume anyway, without its warning per image.
      await w.setParameters({ user_defined_dpi: '70' });
      return w;
    });
    started.catch(() => {
      if (worker === started) worker = null;
    });
    return started;
  }

  async function stopWorker(): Promise<void> {
    const w = worker;
    worker = null;
    if (!w) return;
    try {
      await (await w).terminate();
    } catch {
      // A worker that failed to start has nothing left to stop.
    }
  }

  async function recognise(image: Buffer): Promise<OcrResult> {
    const started = Date.now();
    worker ??= startWorker();
    const w = worker;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrUnavailableError('timeout', `OCR took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const recognised = w.then((ready) => {
        // Timed out while the worker was starting: it is being terminated; sending it a job would
        // fail inside tesseract.js, where nobody could catch it.
        if (worker !== w) throw new OcrUnavailableError('timeout', `OCR took longer than ${timeoutMs} ms`);
        return ready.recognize(image, {}, { text: true, blocks: true });
      });
      recognised.catch(() => undefined); // after a timeout nobody waits for it
      const result = await Promise.race([recognised, timeout]);
      return { ...toResult(result.data), ms: Date.now() - started };
    } catch (err) {
      // A timed-out or failed worker is not trusted with the next image.
      if (worker === w) await stopWorker();
      if (err instanceof OcrUnavailableError) throw err;
      log?.warn({ err }, 'ocr failed');
      throw new OcrUnavailableError('failed', err instanceof Error ? err.message : String(err));
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    scan(image: Buffer): Promise<OcrResult> {
      if (closed) return Promise.reject(new OcrUnavailableError('closed', 'the OCR scanner is closed'));
      if (waiting > maxQueue) return Promise.reject(new OcrUnavailableError('busy', 'too many screenshots are waiting to be read'));
      waiting++;
      const job = tail.then(() => {
        if (closed) throw new OcrUnavailableError('closed', 'the OCR scanner is closed');
        return recognise(image);
      });
      const done = job.finally(() => {
        waiting--;
      });
      tail = done.catch(() => undefined);
      return done;
    },
    pending: () => waiting,
    async close() {
      closed = true;
      await tail;
      await stopWorker();
    },
  };
}

function toResult(data: Tesseract.Page): { text: string; lines: OcrLine[] } {
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words.filter((w) => w.text.trim() !== '').map((w) => ({ text: w.text, bbox: { ...w.bbox }, confidence: w.confidence }));
        if (words.length > 0) lines.push({ words, bbox: { ...line.bbox } });
      }
    }
  }
  return { text: data.text.trim(), lines };
}
