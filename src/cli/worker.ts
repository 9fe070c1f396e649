/**
 * Worker thread of the CLI (bundled to dist/worker.js). It receives every LintSettings once, compiles
 * each schema the first time it is used, then lints the batches of files the pool sends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, prepareSettings } from './engine.js';
import type { FileOutcome, LintSettings, LintTask } from './types.js';

export interface WorkerInit {
  settings: LintSettings[];
  fix: boolean;
  dryRun?: boolean;
  now: string;
}

export interface WorkerRequest {
  id: number;
  tasks: LintTask[];
}

export type WorkerReply = { id: number; outcomes: FileOutcome[] } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  const byKey = new Map(init.settings.map((s) => [s.key, s]));
  const now = new Date(init.now);
  port.on('message', (request: WorkerRequest) => {
    try {
      const outcomes = request.tasks.map((task) => {
        const settings = byKey.get(task.settingsKey);
        if (!settings) throw new Error(`unknown settings ${task.settingsKey}`);
        return lintFile(task.filePath, prepareSettings(settings), { fix: init.fix, dryRun: init.dryRun, now });
      });
      port.postMessage({ id: request.id, outcomes } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ id: request.id, error: (error as Error).message ?? String(error) } satisfies WorkerReply);
    }
  });
}
