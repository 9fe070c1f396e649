import { Worker } from 'node:worker_threads';
import type { FileOutcome, LintSettings, LintTask } from './types.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';

/**
 * Results cross the thread boundary as copies, so the same message ("Missing required section …")
 * and the same inserted-section fix text would be held once per file. Sharing one instance of each
 * keeps memory proportional to the distinct texts, not to the number of files.
 */
function internOutcome(outcome: FileOutcome, strings: Map<string, string>): FileOutcome {
  const intern = (s: string): string => {
    const hit = strings.get(s);
    if (hit !== undefined) return hit;
    strings.set(s, s);
    return s;
  };
  for (const m of outcome.result.messages) {
    m.message = intern(m.message);
    if (m.fix) m.fix.text = intern(m.fix.text);
  }
  return outcome;
}

export interface PoolOptions {
  workerUrl: URL;
  threads: number;
  settings: LintSettings[];
  fix: boolean;
  dryRun?: boolean;
  now: string;
  onProgress?(done: number): void;
}

/**
 * Lint tasks on a pool of worker threads. Files are handed out in small batches as workers become
 * free, so one slow file does not hold back a whole share. Results come back in task order.
 */
export async function lintInPool(tasks: LintTask[], options: PoolOptions): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(tasks.length);
  const strings = new Map<string, string>();
  const threads = Math.max(1, Math.min(options.threads, tasks.length));
  const batch = Math.max(1, Math.min(16, Math.ceil(tasks.length / (threads * 6))));
  const init: WorkerInit = { settings: options.settings, fix: options.fix, dryRun: options.dryRun, now: options.now };
  let next = 0;
  let done = 0;
  let requestId = 0;
  const workers: Worker[] = [];

  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      let running = 0;
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        rejectAll(error);
      };
      const feed = (worker: Worker) => {
        if (failed) return;
        if (next >= tasks.length) {
          running--;
          if (running === 0) resolveAll();
          return;
        }
        const start = next;
        const slice = tasks.slice(start, start + batch);
        next += slice.length;
        const id = ++requestId;
        const onMessage = (reply: WorkerReply) => {
          if (reply.id !== id) return;
          worker.off('message', onMessage);
          if ('error' in reply) return fail(new Error(`worker failed: ${reply.error}`));
          reply.outcomes.forEach((o, i) => (results[start + i] = internOutcome(o, strings)));
          done += reply.outcomes.length;
          options.onProgress?.(done);
          feed(worker);
        };
        worker.on('message', onMessage);
        worker.postMessage({ id, tasks: slice } satisfies WorkerRequest);
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(options.workerUrl, { workerData: init });
        workers.push(worker);
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`worker thread exited with code ${code}`));
        });
        running++;
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
