/**
 * The lint pool's two kinds of worker (src/cli/worker-handle.ts): threads and child processes. A
 * stand-in worker (same protocol as src/cli/worker.ts) dies on chosen files, so each way of dying is
 * certain; the real worker's out-of-memory death is in test/robustness/files.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOUNDED_HEAP_FILES, createPool, WORKER_PROCESS_ARGS, workerProcessArgs } from '../../src/cli/pool.js';
import type { FileResult, LintTask } from '../../src/cli/types.js';
import { CLEAN, root, tempProject } from './helpers.js';

/** Lints nothing: every file gets an empty result, except the files it was told to die on. */
const STAND_IN = `
import { parentPort } from 'node:worker_threads';
const answer = (request, reply) => {
  if (!request.tasks) return;
  const outcomes = [];
  for (const { filePath } of request.tasks) {
    if (filePath.endsWith('exit.md')) process.exit(3);
    if (filePath.endsWith('throw.md')) throw new Error('stand-in broke');
    if (filePath.endsWith('kill.md')) process.kill(process.pid, 'SIGKILL');
    outcomes.push({ result: { filePath, errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, messages: [] } });
  }
  reply({ id: request.id, outcomes });
};
if (parentPort) parentPort.on('message', (r) => answer(r, (m) => parentPort.postMessage(m)));
else process.on('message', (r) => answer(r, (m) => process.send(m)));
`;

async function lintWith(names: string[], processArgs: readonly string[] | undefined): Promise<Map<string, FileResult>> {
  const dir = tempProject({ 'stand-in.mjs': STAND_IN });
  for (const n of names) writeFileSync(join(dir, n), '# x\n');
  const tasks: LintTask[] = names.map((n) => ({ filePath: join(dir, n), settingsKey: 'k' }));
  // One worker: every file after a death is linted only if the dead worker was replaced.
  const pool = createPool({ workerUrl: pathToFileURL(join(dir, 'stand-in.mjs')), threads: 1, fix: false, now: new Date().toISOString(), processArgs });
  const got = new Map<string, FileResult>();
  try {
    await pool.run(tasks, { settings: [], onOutcome: (i, o) => got.set(names[i]!, o.result) });
  } finally {
    await pool.close();
  }
  assert.equal(pool.kind, processArgs ? 'processes' : 'threads');
  return got;
}

const names = (deaths: string[]) => ['a.md', ...deaths.flatMap((d, i) => [d, `after-${i}.md`]), 'z.md'];

for (const [kind, args] of [['thread', undefined], ['process', WORKER_PROCESS_ARGS]] as const) {
  test(`a worker ${kind} that dies gets its file a fatal naming why, is replaced, and every other file is linted`, { timeout: 60_000 }, async () => {
    // Killing a thread's "process" would kill this test: only a child process dies by a signal here.
    const deaths = kind === 'process' ? ['exit.md', 'throw.md', 'kill.md'] : ['exit.md', 'throw.md'];
    const all = names(deaths);
    const got = await lintWith(all, args);
    assert.deepEqual([...got.keys()].sort(), [...all].sort());
    const why = (n: string) => {
      const m = got.get(n)!.messages;
      assert.equal(m.length, 1, n);
      assert.equal(m[0]!.ruleId, 'fatal');
      return m[0]!.message;
    };
    const stopped = `runbook-lint's worker ${kind} stopped while linting this file: `;
    assert.equal(why('exit.md'), `${stopped}it exited with code 3. The file was not checked; the other files were.`);
    assert.match(why('throw.md'), new RegExp(`^${stopped}it failed \\((Error: )?stand-in broke\\)\\.`));
    if (kind === 'process') assert.match(why('kill.md'), new RegExp(`^${stopped}it was stopped by SIGKILL\\.`));
    for (const n of all.filter((x) => !deaths.includes(x))) assert.deepEqual(got.get(n)!.messages, [], n);
  });
}

test('workers are child processes (--single-threaded) only when they fill every core, below the bounded-heap size', () => {
  const own = process.execArgv.filter((a) => !/^--(max-old-space-size|inspect|debug)/.test(a));
  assert.deepEqual(workerProcessArgs(2, 2, 848, {}), [...own, '--single-threaded']);
  assert.deepEqual(workerProcessArgs(8, 4, 848, {}), [...own, '--single-threaded']);
  assert.equal(workerProcessArgs(2, 4, 848, {}), undefined, 'cores left over: threads keep V8 helpers');
  assert.equal(workerProcessArgs(2, 2, BOUNDED_HEAP_FILES, {}), undefined, 'big runs: one process, bounded memory');
  assert.equal(workerProcessArgs(2, 2, 848, { RUNBOOK_LINT_WORKERS: 'threads' }), undefined);
  assert.deepEqual(workerProcessArgs(2, 8, 5_000, { RUNBOOK_LINT_WORKERS: 'processes' }), [...own, '--single-threaded']);
});

/** A process's state letter from /proc (undefined: gone). */
const state = (pid: number): string | undefined => {
  try {
    return /^State:\s+(\w)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
};

test('a CLI stopped by a signal takes its worker processes with it', { skip: !existsSync('/proc/self/task') && 'needs /proc', timeout: 60_000 }, async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`r${i}.md`] = CLEAN + '\n- item\n'.repeat(200);
  const dir = tempProject(files);
  const cli = spawn(process.execPath, [join(root, 'bin', 'runbook-lint.js'), '--format', 'json', '--jobs', '2', '.'], { cwd: dir, env: { ...process.env, RUNBOOK_LINT_WORKERS: 'processes' }, stdio: 'ignore' });
  const ended = new Promise<NodeJS.Signals | null>((resolve) => cli.on('exit', (_code, signal) => resolve(signal)));
  const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  let workers: number[] = [];
  for (let waited = 0; workers.length < 2 && waited < 30_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    workers = childrenOf(cli.pid!);
  }
  assert.equal(workers.length, 2, 'two worker processes started');
  cli.kill('SIGTERM');
  assert.equal(await ended, 'SIGTERM', 'the CLI still dies of the signal');
  // A signal is delivered when the child is next scheduled, so on a busy machine it may still run for
  // a moment after the CLI is gone: wait up to 10 s. Killed children then wait as zombies for whoever
  // adopts them to collect them: not running is enough.
  const gone = (pid: number) => [undefined, 'Z', 'X'].includes(state(pid));
  for (let waited = 0; !workers.every(gone) && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  for (const pid of workers) assert.ok(gone(pid), `worker ${pid} is ${state(pid)} 10 s after the CLI died`);
});
