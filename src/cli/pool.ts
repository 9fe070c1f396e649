import { Worker } from 'node:worker_threads';
import type { FileOutcome, LintSettings, LintTask } from './types.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';
import { fatalResult } from './engine.js';

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
  /** Old-generation heap limit of each worker in MB (a runaway file kills its worker, not the run). */
  heapMb?: number;
}

/** Default worker heap limit; RUNBOOK_LINT_WORKER_HEAP_MB overrides it (tests use a small one). */
export function workerHeapMb(env: NodeJS.ProcessEnv): number {
  const n = Number(env.RUNBOOK_LINT_WORKER_HEAP_MB);
  return Number.isFinite(n) && n >= 16 ? n : 4096;
}

function deathReason(error: Error | undefined, exitCode: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it ran out of memory';
  if (error) return `it failed (${error.message})`;
  return `it exited with code ${exitCode}`;
}

/**
 * Lint tasks on a pool of worker threads. Files are handed out in small batches as workers become
 * free, so one slow file does not hold back a whole share. Results come back in task order.
 * A worker that dies (out of memory, a crash) is replaced: the files of its batch are retried one
 * per batch, and the file a worker dies on alone gets a `fatal` result with the reason, so the
 * rest of the run still reports.
 */
export async function lintInPool(tasks: LintTask[], options: PoolOptions): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(tasks.length);
  const strings = new Map<string, string>();
  const threads = Math.max(1, Math.min(options.threads, tasks.length));
  const batch = Math.max(1, Math.min(16, Math.ceil(tasks.length / (threads * 6))));
  const init: WorkerInit = { settings: options.settings, fix: options.fix, dryRun: options.dryRun, now: options.now };
  const heapMb = options.heapMb ?? 4096;
  let next = 0;
  /** Task indexes of batches whose worker died: retried one at a time. */
  const retry: number[] = [];
  let done = 0;
  let requestId = 0;
  const live = new Set<Worker>();

  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        rejectAll(error);
      };
      const finish = () => {
        if (!failed && done === tasks.length) resolveAll();
      };
      const take = (): number[] => {
        if (retry.length > 0) return [retry.shift()!];
        const slice: number[] = [];
        while (slice.length < batch && next < tasks.length) slice.push(next++);
        return slice;
      };
      const record = (index: number, outcome: FileOutcome) => {
        results[index] = internOutcome(outcome, strings);
        done++;
        options.onProgress?.(done);
      };
      const spawnWorker = () => {
        const worker = new Worker(options.workerUrl, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
        live.add(worker);
        let inFlight: { id: number; indexes: number[] } | undefined;
        let lastError: Error | undefined;
        const feed = () => {
          if (failed) return;
          const indexes = take();
          if (indexes.length === 0) {
            inFlight = undefined;
            live.delete(worker);
            void worker.terminate();
            finish();
            return;
          }
          inFlight = { id: ++requestId, indexes };
          worker.postMessage({ id: inFlight.id, tasks: indexes.map((i) => tasks[i]!) } satisfies WorkerRequest);
        };
        worker.on('message', (reply: WorkerReply) => {
          if (!inFlight || reply.id !== inFlight.id) return;
          if ('error' in reply) return fail(new Error(`worker failed: ${reply.error}`));
          reply.outcomes.forEach((o, i) => record(inFlight!.indexes[i]!, o));
          feed();
        });
        worker.on('error', (error) => (lastError = error));
        worker.on('exit', (exitCode) => {
          if (!live.has(worker)) return; // terminated after its work was done
          live.delete(worker);
          if (failed) return;
          const lost = inFlight?.indexes ?? [];
          const reason = deathReason(lastError, exitCode);
          if (lost.length === 1) {
            const task = tasks[lost[0]!]!;
            record(lost[0]!, { result: fatalResult(task.filePath, `runbook-lint's worker thread stopped while linting this file: ${reason}. The file was not checked; the other files were.`) });
          } else retry.push(...lost);
          if (done === tasks.length) return finish();
          spawnWorker();
        });
        feed();
      };
      for (let i = 0; i < threads; i++) spawnWorker();
    });
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
  return results;
}
