/** A small worker_threads pool for `lintWorkspace` on the desktop (never imported by the web entry). */
import type { Worker } from 'node:worker_threads';
import type { Finding } from '../../core/api.js';
import type { LintPool, PoolSettings, PoolTask } from '../workspace-lint.js';

interface Slot {
  worker: Worker;
  busy: number;
  sent: Set<string>;
}

export function createNodePool(workerPath: string, size?: number): LintPool | undefined {
  // Loaded here, not at activation: only "Lint all runbooks" on many files needs threads.
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { availableParallelism } = require('node:os') as typeof import('node:os');
  size ??= Math.max(1, Math.min(4, availableParallelism() - 1));
  let slots: Slot[];
  try {
    slots = Array.from({ length: size }, () => ({ worker: new Worker(workerPath), busy: 0, sent: new Set<string>() }));
  } catch {
    return undefined;
  }
  const pending = new Map<number, { resolve: (f: Finding[]) => void; reject: (e: Error) => void; slot: Slot }>();
  for (const slot of slots) {
    slot.worker.on('message', (m: { type: string; id?: number; findings?: Finding[]; error?: string; message?: string }) => {
      if (m.type !== 'result' || m.id === undefined) return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      p.slot.busy--;
      if (m.findings) p.resolve(m.findings);
      else p.reject(new Error(m.error ?? 'worker failed'));
    });
    slot.worker.on('error', (error) => {
      for (const [id, p] of pending) {
        if (p.slot !== slot) continue;
        pending.delete(id);
        p.reject(error);
      }
    });
  }
  return {
    size,
    lint(task: PoolTask, settings: PoolSettings): Promise<Finding[]> {
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      if (!slot.sent.has(settings.key)) {
        slot.worker.postMessage({ type: 'settings', settings });
        slot.sent.add(settings.key);
      }
      slot.busy++;
      return new Promise((resolve, reject) => {
        pending.set(task.id, { resolve, reject, slot });
        slot.worker.postMessage({ type: 'lint', id: task.id, text: task.text, settingsKey: task.settingsKey });
      });
    },
    dispose() {
      for (const s of slots) void s.worker.terminate();
    },
  };
}
