import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** GNU time gives peak RSS (KB) and CPU time of a child; without it only wall time is measured. */
export const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true']).status === 0);

export interface ProcessRun {
  wallMs: number;
  /** CPU time of the process (all threads), when GNU time is available. */
  userMs?: number;
  sysMs?: number;
  /** Peak resident set size of the process (all threads), when GNU time is available. */
  maxRssBytes?: number;
  exitCode: number;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Where the child's stdout goes (a file, so a big JSON report costs the child what it costs a user, not us). */
  stdoutFile: string;
  /** Exit codes that mean "ran fine" (linters exit 1 when they find problems). */
  okCodes?: number[];
  env?: NodeJS.ProcessEnv;
}

/** Run `node <args>` and measure it. Throws when the exit code is not one of `okCodes`. */
export async function runNode(args: string[], options: RunOptions): Promise<ProcessRun> {
  const timeFile = join(options.cwd, `.time-${process.pid}-${Date.now()}.txt`);
  const command = GNU_TIME ?? process.execPath;
  const argv = GNU_TIME ? ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args] : args;
  const out = openSync(options.stdoutFile, 'w');
  let stderr = '';
  const started = performance.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd, stdio: ['ignore', out, 'pipe'], env: options.env ?? process.env });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (stderr.length < 1_000_000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  const wallMs = performance.now() - started;
  closeSync(out);
  const run: ProcessRun = { wallMs, exitCode, stderr };
  if (GNU_TIME && existsSync(timeFile)) {
    const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
    // GNU time prefixes "Command exited with non-zero status N" when the child fails.
    const [, user, sys, rss] = lines[lines.length - 1]!.split(' ').map(Number);
    run.userMs = user! * 1000;
    run.sysMs = sys! * 1000;
    run.maxRssBytes = rss! * 1024;
    rmSync(timeFile, { force: true });
  }
  if (!(options.okCodes ?? [0]).includes(exitCode)) {
    throw new Error(`node ${args.join(' ')} exited with ${exitCode}:\n${stderr.slice(0, 2000)}`);
  }
  return run;
}
