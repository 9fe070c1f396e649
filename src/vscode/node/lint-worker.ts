/** Worker thread of `lintWorkspace` on the desktop: lints texts with settings sent once per key. */
import { parentPort } from 'node:worker_threads';
import { createLinter, emptyHost, type PreparedSettings } from '../../core/api.js';
import type { PoolSettings } from '../workspace-lint.js';

// Settings arrive as plain data: the worker reads no file, so it needs no host.
const linter = createLinter({ host: emptyHost });
const settings = new Map<string, PreparedSettings>();

type Message = { type: 'settings'; settings: PoolSettings } | { type: 'lint'; id: number; text: string; settingsKey: string };

parentPort!.on('message', (m: Message) => {
  if (m.type === 'settings') {
    const s = m.settings;
    try {
      settings.set(s.key, linter.prepare(s.portable));
    } catch (error) {
      parentPort!.postMessage({ type: 'settings-error', key: s.key, message: (error as Error).message });
    }
    return;
  }
  const s = settings.get(m.settingsKey);
  if (!s) {
    parentPort!.postMessage({ type: 'result', id: m.id, error: `no settings ${m.settingsKey}` });
    return;
  }
  parentPort!.postMessage({ type: 'result', id: m.id, findings: linter.lintText(m.text, s).findings });
});
