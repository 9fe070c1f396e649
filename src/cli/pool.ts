import type { FileOutcome, LintSettings, LintTask } from './types.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';
import { fatalResult } from './fatal.js';
import { startProcess, startThread, type WorkerHandle } from './worker-handle.js';

export interface PoolOptions {
  workerUrl: URL;
  threads: number;
  fix: boolean;
  dryRun?: boolean;
  /** Results need no fix texts (the report format never shows them and nothing is cached). */
  stripFixes?: boolean;
  now: string;
  /** Old-generation heap limit in MB a file may use (a runaway file kills its worker, not the run). */
  heapMb?: number;
  /** The limit workers lint with until a file needs more (at most heapMb, which is the default). */
  workingHeapMb?: number;
  /** Child processes with these V8/Node flags instead of worker threads (src/cli/worker-handle.ts). */
  processArgs?: readonly string[];
}

/**
 * Workers lint under a 1 GB old-generation limit (issue 12, bounded memory): V8 lets a heap grow to
 * up to 4× what survived its last collection when the limit is 2 GB or more, but only about 1.6×
 * under 1 GB. At 10× the corpus each worker's heap was 115–137 MB under 4 GB and 71–81 MB under
 * 1 GB, for the same live data (a heap snapshot mid-run: under 10 MB). A file that does not fit is
 * linted again by a worker of its own with the full limit, so no result changes.
 *
 * The tighter heap means more full collections: on the 848-file corpus the run took 12–13 % more
 * CPU and wall time, while its peak RSS stays under 340 MB with 4 GB. So only runs of
 * BOUNDED_HEAP_FILES files or more, where memory is what is at stake, use it.
 */
export const WORKING_HEAP_MB = 1024;
export const BOUNDED_HEAP_FILES = 2_000;

/** The working heap limit for a run of `files` files (undefined: the full limit). */
export function workingHeapFor(files: number): number | undefined {
  return files >= BOUNDED_HEAP_FILES ? WORKING_HEAP_MB : undefined;
}

/**
 * Workers run as child processes started with V8's --single-threaded when they are at least as many
 * as the cores (issue 12, workers that scale). A worker thread shares its process's V8 flags, and by
 * default each thread's optimizing compiler and garbage collector also work on helper threads: with
 * every core already busy linting those helpers only compete, and a function waits for its
 * optimized code for longer, so on 2 cores two threads were no faster than one. Measured on the
 * 848-file corpus on 2 idle cores (coordinator, 07:20–07:30 UTC): `--jobs 1` 5.9–6.8 s, two worker
 * threads 6.3–6.7 s, the same two with --single-threaded (whole process) 5.0–5.8 s. A child process
 * costs its own Node start-up (overlapping with finding files) and a pipe for the results; when
 * cores are left over, threads keep the helpers. Runs of BOUNDED_HEAP_FILES or more, where memory is
 * at stake, stay on threads: each process would add its own Node runtime to the peak memory.
 * RUNBOOK_LINT_WORKERS=threads|processes overrides the choice (tests, measurements).
 */
export const WORKER_PROCESS_ARGS: readonly string[] = ['--single-threaded'];

/** V8/Node flags for child-process workers, or undefined for worker threads (see WORKER_PROCESS_ARGS). */
export function workerProcessArgs(workers: number, cores: number, files: number, env: NodeJS.ProcessEnv): readonly string[] | undefined {
  const wanted = env.RUNBOOK_LINT_WORKERS;
  if (wanted === 'threads') return undefined;
  if (wanted !== 'processes' && (workers < cores || files >= BOUNDED_HEAP_FILES)) return undefined;
  // The parent's own flags (a profiler, say) go along, except those the pool sets or that cannot be shared.
  const inherited = process.execArgv.filter((a) => !/^--(max-old-space-size|inspect|debug)/.test(a));
  return [...inherited, ...WORKER_PROCESS_ARGS];
}

/** Default worker heap limit; RUNBOOK_LINT_WORKER_HEAP_MB overrides it (tests use a small one). */
export function workerHeapMb(env: NodeJS.ProcessEnv): number {
  const n = Number(env.RUNBOOK_LINT_WORKER_HEAP_MB);
  return Number.isFinite(n) && n >= 16 ? n : 4096;
}

export interface RunOptions {
  /** Every settings object the tasks name (sent to each worker once). */
  settings: LintSettings[];
  /** Called once per task, as results arrive (not in task order). */
  onOutcome(index: number, outcome: FileOutcome): void;
}

/**
 * A pool of lint workers (threads or child processes, src/cli/worker-handle.ts). They start when the
 * pool is created, so loading the engine and compiling the built-in schema in each one overlap with
 * the main thread's own start (finding files, resolving configs); `run` then hands out the files.
 */
export interface LintPool {
  run(tasks: LintTask[], options: RunOptions): Promise<void>;
  /** Stop every thread (idempotent; also after `run`). */
  close(): Promise<void>;
  /** Files linted again with the full heap limit after running out of the working one. */
  readonly fullHeapRetries: number;
  /** "threads" or "processes" (RUNBOOK_LINT_DEBUG, tests). */
  readonly kind: 'threads' | 'processes';
}

/**
 * Files are handed out in batches as workers become free, so one slow file does not hold back a
 * whole share, and each result goes to `onOutcome` as soon as it is back (the caller streams them).
 * A worker that dies (out of memory, a crash) is replaced: the files of its batch are retried one
 * per batch, and the file a worker dies on alone gets a `fatal` result with the reason, so the
 * rest of the run still reports; one it ran out of the working heap on is first linted again by a
 * worker of its own with the full limit (WORKING_HEAP_MB).
 */
export function createPool(options: PoolOptions): LintPool {
  const heapMb = options.heapMb ?? 4096;
  const workingHeapMb = Math.min(heapMb, options.workingHeapMb ?? heapMb);
  let fullHeapRetries = 0;
  const init: WorkerInit = { fix: options.fix, dryRun: options.dryRun, stripFixes: options.stripFixes, now: options.now, settings: [] };
  const live = new Set<WorkerHandle>();
  /** Workers started before `run`, not yet given work. */
  const idle: WorkerHandle[] = [];
  const spawn = (settings: LintSettings[], limitMb = workingHeapMb): WorkerHandle => {
    const spec = { url: options.workerUrl, init: { ...init, settings }, heapMb: limitMb };
    const worker = options.processArgs ? startProcess(spec, options.processArgs) : startThread(spec);
    live.add(worker);
    return worker;
  };
  for (let i = 0; i < Math.max(1, options.threads); i++) idle.push(spawn([]));

  const close = async () => {
    idle.length = 0;
    await Promise.all([...live].map((w) => w.terminate()));
    live.clear();
  };

  const run = (tasks: LintTask[], run: RunOptions): Promise<void> =>
    new Promise<void>((resolveAll, rejectAll) => {
      const batch = Math.max(1, Math.min(16, Math.ceil(tasks.length / (Math.max(1, options.threads) * 6))));
      let next = 0;
      /** Task indexes of batches whose worker died: retried one at a time. */
      const retry: number[] = [];
      /** Files a worker ran out of memory on under the working limit: linted again with the full one. */
      const roomy: number[] = [];
      let done = 0;
      let requestId = 0;
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
        done++;
        run.onOutcome(index, outcome);
      };
      /** `full`: a worker with the full limit that lints only the files in `roomy`, then stops. */
      const drive = (worker: WorkerHandle, fresh: boolean, full = false) => {
        let inFlight: { id: number; indexes: number[] } | undefined;
        const feed = () => {
          if (failed) return;
          const indexes = full ? roomy.splice(0, 1) : take();
          if (indexes.length === 0) {
            inFlight = undefined;
            live.delete(worker);
            void worker.terminate();
            finish();
            return;
          }
          inFlight = { id: ++requestId, indexes };
          worker.send({ id: inFlight.id, tasks: indexes.map((i) => tasks[i]!) } satisfies WorkerRequest);
        };
        worker.onReply((reply: WorkerReply) => {
          if (!inFlight || reply.id !== inFlight.id) return;
          if ('error' in reply) return fail(new Error(`worker failed: ${reply.error}`));
          try {
            reply.outcomes.forEach((o, i) => record(inFlight!.indexes[i]!, o));
          } catch (error) {
            return fail(error as Error);
          }
          feed();
        });
        worker.onExit((death) => {
          if (!live.has(worker)) return; // terminated after its work was done
          live.delete(worker);
          if (failed) return;
          const lost = inFlight?.indexes ?? [];
          const reason = death?.reason ?? 'it was stopped';
          if (lost.length === 1 && death?.outOfMemory && !full && workingHeapMb < heapMb) {
            roomy.push(lost[0]!);
            fullHeapRetries++;
            drive(spawn(run.settings, heapMb), true, true);
            lost.length = 0;
          }
          try {
            if (lost.length === 1) {
              const task = tasks[lost[0]!]!;
              record(lost[0]!, { result: fatalResult(task.filePath, `runbook-lint's worker ${options.processArgs ? 'process' : 'thread'} stopped while linting this file: ${reason}. The file was not checked; the other files were.`) });
            } else retry.push(...lost);
          } catch (error) {
            return fail(error as Error);
          }
          if (done === tasks.length) return finish();
          // A worker for the full limit ends after its files; the others are always replaced.
          if (!full) drive(spawn(run.settings), true);
        });
        // A worker started early learns the settings now; a replacement got them at its start.
        if (!fresh) worker.send({ settings: run.settings } satisfies WorkerRequest);
        feed();
      };
      if (tasks.length === 0) return resolveAll();
      const wanted = Math.max(1, Math.min(options.threads, tasks.length));
      // A worker that died while it was starting is replaced by one that gets the settings at once.
      const starters = idle.splice(0).filter((w) => !w.exited || (live.delete(w), false));
      for (const extra of starters.splice(wanted)) {
        live.delete(extra);
        void extra.terminate();
      }
      for (const worker of starters) drive(worker, false);
      for (let i = starters.length; i < wanted; i++) drive(spawn(run.settings), true);
    });

  return {
    run,
    close,
    get fullHeapRetries() {
      return fullHeapRetries;
    },
    kind: options.processArgs ? 'processes' : 'threads',
  };
}
