/**
 * Worker thread of the CLI (bundled to dist/worker.js). It starts before the run's settings are
 * known (src/cli/pool.ts), so it compiles the built-in schema at once, while the main thread is
 * still finding files; then it receives the settings and lints the batches of files the pool sends.
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

/** Settings for the tasks to come, or one batch of tasks. */
export type WorkerRequest = { settings: LintSettings[] } | { id: number; tasks: LintTask[] };

export type WorkerReply = { id: number; outcomes: FileOutcome[] } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  const byKey = new Map(init.settings.map((s) => [s.key, s]));
  const now = new Date(init.now);
  port.on('message', (request: WorkerRequest) => {
    if ('settings' in request) {
      for (const s of request.settings) byKey.set(s.key, s);
      return;
    }
    try {
      const outcomes = request.tasks.map((task) => {
        const settings = byKey.get(task.settingsKey);
        if (!settings) throw new Error(`unknown settings ${task.settingsKey}`);
        const outcome: FileOutcome = lintFile(task.filePath, prepareSettings(settings), { fix: init.fix, dryRun: init.dryRun, now });
        return init.stripFixes ? { ...outcome, result: withoutFixTexts(outcome.result) } : outcome;
      });
      port.postMessage({ id: request.id, outcomes } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ id: request.id, error: (error as Error).message ?? String(error) } satisfies WorkerReply);
    }
  });
  // Most runs use the built-in schema: compile it while no files have come yet.
  prepareBuiltinSchema();
}
