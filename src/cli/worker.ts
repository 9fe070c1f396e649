/**
 * Lint worker of the CLI (bundled to dist/worker.js), run as a worker thread or as a child process
 * (src/cli/worker-handle.ts). It starts before the run's settings are known (src/cli/pool.ts), so it
 * compiles the built-in schema at once, while the main thread is still finding files; then it
 * receives the settings and lints the batches of files the pool sends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, prepareBuiltinSchema, prepareSettings, withoutFixTexts } from './engine.js';
import type { FileOutcome, LintSettings, LintTask } from './types.js';

export interface WorkerInit {
  settings: LintSettings[];
  fix: boolean;
  dryRun?: boolean;
  /** Drop fix texts from results (the report never shows them): less to copy back. */
  stripFixes?: boolean;
  now: string;
}

/**
 * What a worker is sent: its start-up data (a child process's first message; a thread has it in
 * workerData), settings for the tasks to come, or one batch of tasks.
 */
export type WorkerRequest = { init: WorkerInit } | { settings: LintSettings[] } | { id: number; tasks: LintTask[] };

export type WorkerReply = { id: number; outcomes: FileOutcome[] } | { id: number; error: string };

/** Answer requests from `listen` with `reply`, starting from `init` (undefined: it is the first request). */
function serve(init: WorkerInit | undefined, listen: (handler: (request: WorkerRequest) => void) => void, reply: (message: WorkerReply) => void): void {
  const byKey = new Map<string, LintSettings>();
  let options: WorkerInit | undefined;
  let now = new Date();
  const start = (data: WorkerInit) => {
    options = data;
    now = new Date(data.now);
    for (const s of data.settings) byKey.set(s.key, s);
  };
  if (init) start(init);
  listen((request) => {
    if ('init' in request) return start(request.init);
    if ('settings' in request) {
      for (const s of request.settings) byKey.set(s.key, s);
      return;
    }
    try {
      if (!options) throw new Error('tasks before the start-up data');
      const { fix, dryRun, stripFixes } = options;
      const outcomes = request.tasks.map((task) => {
        const settings = byKey.get(task.settingsKey);
        if (!settings) throw new Error(`unknown settings ${task.settingsKey}`);
        const outcome: FileOutcome = lintFile(task.filePath, prepareSettings(settings), { fix, dryRun, now });
        return stripFixes ? { ...outcome, result: withoutFixTexts(outcome.result) } : outcome;
      });
      reply({ id: request.id, outcomes });
    } catch (error) {
      reply({ id: request.id, error: (error as Error).message ?? String(error) });
    }
  });
  // Most runs use the built-in schema: compile it while no files have come yet.
  prepareBuiltinSchema();
}

if (parentPort) {
  const port = parentPort;
  serve(workerData as WorkerInit, (handler) => port.on('message', handler), (message) => port.postMessage(message));
} else if (process.send && process.env.RUNBOOK_LINT_WORKER_PROCESS) {
  const send = process.send.bind(process);
  // The pool is gone (it exited, or was killed): so is the reason to go on.
  process.on('disconnect', () => process.exit(0));
  // A reply the pool can no longer take (it is gone) is dropped; 'disconnect' ends the process.
  serve(undefined, (handler) => process.on('message', handler), (message) => void send(message, undefined, {}, () => {}));
}
