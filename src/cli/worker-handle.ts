/**
 * One lint worker as the pool sees it, a worker thread or a child process (src/cli/pool.ts chooses):
 * send it requests, hear its replies, learn why it stopped. src/cli/worker.ts is the other end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';

/** Why a worker stopped before it was told to. */
export interface WorkerDeath {
  /** For the `fatal` message: "it ran out of memory", "it exited with code 3"… */
  reason: string;
  outOfMemory: boolean;
}

export interface WorkerHandle {
  send(request: WorkerRequest): void;
  onReply(listener: (reply: WorkerReply) => void): void;
  /** Called once when the worker has stopped; `death` is undefined when `terminate` stopped it. */
  onExit(listener: (death: WorkerDeath | undefined) => void): void;
  /** The worker has stopped (on its own or terminated). */
  readonly exited: boolean;
  terminate(): Promise<void>;
}

export interface WorkerSpec {
  url: URL;
  init: WorkerInit;
  /** Old-generation heap limit in MB. */
  heapMb: number;
}

/** Why a worker that was not told to stop did: out of memory, an error's text, or its exit. */
function deathOf(outOfMemory: boolean, error: string | undefined, exitCode: number | null, signal: NodeJS.Signals | null): WorkerDeath {
  const reason = outOfMemory ? 'it ran out of memory' : error ? `it failed (${error})` : signal ? `it was stopped by ${signal}` : `it exited with code ${exitCode}`;
  return { outOfMemory, reason };
}

/** A worker thread in this process (shares the process's V8 flags; the heap limit is its own). */
export function startThread(spec: WorkerSpec): WorkerHandle {
  const worker = new Worker(spec.url, { workerData: spec.init, resourceLimits: { maxOldGenerationSizeMb: spec.heapMb } });
  let error: Error | undefined;
  let exited = false;
  let terminating = false;
  const exitListeners: Array<(death: WorkerDeath | undefined) => void> = [];
  worker.on('error', (e) => (error = e));
  worker.on('exit', (exitCode) => {
    exited = true;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const outOfMemory = code === 'ERR_WORKER_OUT_OF_MEMORY';
    const death = terminating && !error ? undefined : deathOf(outOfMemory, error?.message, exitCode, null);
    for (const l of exitListeners) l(death);
  });
  return {
    send: (request) => worker.postMessage(request),
    onReply: (listener) => void worker.on('message', listener),
    onExit: (listener) => void exitListeners.push(listener),
    get exited() {
      return exited;
    },
    terminate: async () => {
      terminating = true;
      await worker.terminate();
    },
  };
}

/** What V8 prints when a heap limit is reached (the process then aborts). */
const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit/;
/** The last line of an uncaught error's report, e.g. "TypeError: x is not a function". */
const ERROR_LINE = /^(?:\w*Error|Error \[\w+\]): .*$/m;
const STDERR_TAIL = 16 * 1024;

/**
 * Child workers end with the CLI, as threads do: on its exit, and on the signals that would end it
 * (the handlers exist only while children do; the signal is then raised again, so the CLI still
 * dies of it). A child whose parent vanished otherwise ends on 'disconnect' (src/cli/worker.ts).
 */
const children = new Set<ChildProcess>();
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const killChildren = () => {
  for (const c of children) c.kill('SIGKILL');
};
function onEndingSignal(signal: NodeJS.Signals): void {
  killChildren();
  unhookSignals();
  process.kill(process.pid, signal);
}
function hookSignals(): void {
  if (children.size > 0) return;
  for (const s of ENDING_SIGNALS) process.on(s, onEndingSignal);
  process.on('exit', killChildren);
}
function unhookSignals(): void {
  for (const s of ENDING_SIGNALS) process.removeListener(s, onEndingSignal);
  process.removeListener('exit', killChildren);
}

/**
 * A child process running the worker bundle. Unlike a thread it can have V8 flags of its own
 * (`execArgv`, e.g. --single-threaded), at the price of its own Node start-up and of results
 * crossing a pipe. Its stderr is kept (the tail) to tell why it died, not shown.
 */
export function startProcess(spec: WorkerSpec, execArgv: readonly string[]): WorkerHandle {
  const child: ChildProcess = fork(fileURLToPath(spec.url), [], {
    execArgv: [...execArgv, `--max-old-space-size=${spec.heapMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    env: { ...process.env, RUNBOOK_LINT_WORKER_PROCESS: '1' },
  });
  hookSignals();
  children.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  let exited = false;
  let terminating = false;
  let spawnError: Error | undefined;
  const exitListeners: Array<(death: WorkerDeath | undefined) => void> = [];
  const closed = new Promise<void>((resolve) => {
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (exited) return;
      exited = true;
      children.delete(child);
      if (children.size === 0) unhookSignals();
      resolve();
      const outOfMemory = OUT_OF_MEMORY.test(stderr);
      const error = spawnError?.message ?? ERROR_LINE.exec(stderr)?.[0];
      const death = terminating ? undefined : deathOf(outOfMemory, error, exitCode, signal);
      for (const l of exitListeners) l(death);
    };
    // 'close' comes after stderr has ended, so its tail is complete.
    child.on('close', finish);
    child.on('error', (error) => {
      spawnError = error;
      if (child.pid === undefined) finish(null, null);
    });
  });
  child.send({ init: spec.init } satisfies WorkerRequest);
  return {
    send: (request) => {
      if (!exited && child.connected) child.send(request);
    },
    onReply: (listener) => void child.on('message', (reply: WorkerReply) => listener(reply)),
    onExit: (listener) => void exitListeners.push(listener),
    get exited() {
      return exited;
    },
    terminate: async () => {
      if (exited) return;
      terminating = true;
      child.kill();
      await closed;
    },
  };
}
