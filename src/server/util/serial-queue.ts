/**
 * Runs async tasks one at a time, in arrival order; no hop through the microtask queue when idle
 * (an idle queue starts the task at once). A task's rejection is its caller's alone: the next
 * task still runs.
 */
export function createSerialQueue() {
  let busy = false;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (busy) await new Promise<void>((resolve) => waiting.push(resolve));
    else busy = true;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else busy = false;
    }
  };
}
export type SerialQueue = ReturnType<typeof createSerialQueue>;
