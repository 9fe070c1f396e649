/**
 * `runbookLint.lintWorkspace`: every runbook in the workspace (config include/ignore, front matter),
 * with cancellable progress; results of unopened files go to the Problems view. Files are read
 * with `workspace.fs` and linted in a worker pool where the platform has one (desktop), else in
 * this thread with a yield between files (web).
 */
import * as vscode from 'vscode';
import type { Finding, PortableSettings } from '../core/api.js';
import { frontMatterMarksRunbook, HEAD_CHARS } from './detect.js';
import { toDiagnostic } from './convert.js';
import { readText, type Resolved, type Resolver } from './resolver.js';
import type { Linter } from './linter.js';
import type { Log } from './log.js';

export interface PoolTask {
  id: number;
  text: string;
  settingsKey: string;
}

export interface PoolSettings {
  key: string;
  /** Schema and rule settings as plain data (the public API's PortableSettings). */
  portable: PortableSettings;
}

/** Lints texts in parallel (desktop: worker_threads). */
export interface LintPool {
  readonly size: number;
  lint(task: PoolTask, settings: PoolSettings): Promise<Finding[]>;
  dispose(): void;
}

export interface Platform {
  /** A worker pool, or undefined where threads are not available (web). */
  createPool?(): LintPool | undefined;
}

export interface WorkspaceLintSummary {
  files: number;
  errors: number;
  warnings: number;
  cancelled: boolean;
  workers: number;
  ms: number;
}

export interface WorkspaceLintOptions {
  /** Use the worker pool even for a few files (tests). */
  forceWorkers?: boolean;
  /** Do not show the summary notification (tests). */
  quiet?: boolean;
  /** Another way to cancel, besides the notification's Cancel button (callers in the extension host, tests). */
  token?: vscode.CancellationToken;
}

const POOL_MIN_FILES = 16;

export async function lintWorkspace(linter: Linter, resolver: Resolver, collection: vscode.DiagnosticCollection, platform: Platform, log: Log, options: WorkspaceLintOptions = {}): Promise<WorkspaceLintSummary> {
  const started = Date.now();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'runbook-lint: linting the workspace', cancellable: true },
    async (progress, progressToken) => {
      const token = { get isCancellationRequested() { return progressToken.isCancellationRequested || !!options.token?.isCancellationRequested; } };
      const summary: WorkspaceLintSummary = { files: 0, errors: 0, warnings: 0, cancelled: false, workers: 0, ms: 0 };
      progress.report({ message: 'finding Markdown files…' });
      const uris = (await vscode.workspace.findFiles('**/*.md', '**/{node_modules,.git}/**', undefined, progressToken)).sort((a, b) => a.toString().localeCompare(b.toString()));
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const jobs: Array<{ uri: vscode.Uri; text: string; resolved: Resolved }> = [];
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        const resolved = await resolver.resolve(uri);
        if (resolved.isIgnored(uri)) continue;
        const doc = open.get(uri.toString());
        if (doc) {
          const state = await linter.lint(doc);
          if (state) {
            summary.files++;
            summary.errors += state.result.errorCount;
            summary.warnings += state.result.warningCount;
          }
          continue;
        }
        let text: string;
        try {
          text = await readText(uri);
        } catch (error) {
          log.warn(`cannot read ${uri.toString(true)}: ${(error as Error).message}`);
          continue;
        }
        // Re-resolved with the text: the runbook may name its own schema (runbook_schema).
        if (resolved.isIncluded(uri) || frontMatterMarksRunbook(text.slice(0, HEAD_CHARS))) jobs.push({ uri, text, resolved: await resolver.resolve(uri, text) });
        else collection.delete(uri);
      }
      const pool = jobs.length >= (options.forceWorkers ? 1 : POOL_MIN_FILES) ? platform.createPool?.() : undefined;
      summary.workers = pool?.size ?? 0;
      const total = jobs.length;
      let done = 0;
      const finish = (uri: vscode.Uri, findings: Finding[]) => {
        done++;
        summary.files++;
        for (const f of findings) f.severity === 'error' ? summary.errors++ : summary.warnings++;
        collection.set(uri, findings.map(toDiagnostic));
        progress.report({ increment: 100 / Math.max(1, total), message: `${done}/${total} ${vscode.workspace.asRelativePath(uri)}` });
      };
      const settingsOf = (r: Resolved): PoolSettings => ({ key: r.key, portable: r.portable });
      const problem = (job: { text: string; resolved: Resolved }, message: string) => job.resolved.core.problemResult(job.text, message).findings;
      try {
        if (pool) {
          let next = 0;
          const runOne = async (): Promise<void> => {
            while (next < jobs.length && !token.isCancellationRequested) {
              const i = next++;
              const job = jobs[i]!;
              if (job.resolved.problem) {
                finish(job.uri, problem(job, job.resolved.problem));
                continue;
              }
              try {
                finish(job.uri, await pool.lint({ id: i, text: job.text, settingsKey: job.resolved.key }, settingsOf(job.resolved)));
              } catch (error) {
                finish(job.uri, problem(job, `runbook-lint could not lint this file: ${(error as Error).message}`));
              }
            }
          };
          await Promise.all(Array.from({ length: pool.size * 2 }, runOne));
        } else {
          for (const job of jobs) {
            if (token.isCancellationRequested) break;
            const findings = job.resolved.problem ? problem(job, job.resolved.problem) : job.resolved.core.lintText(job.text, job.resolved.prepared).findings;
            finish(job.uri, findings);
            // Let the extension host breathe (and see a cancellation) between files.
            await new Promise((r) => setTimeout(r, 0));
          }
        }
      } finally {
        pool?.dispose();
      }
      summary.cancelled = token.isCancellationRequested;
      summary.ms = Date.now() - started;
      log.info(`workspace lint: ${summary.files} runbook(s), ${summary.errors} error(s), ${summary.warnings} warning(s) in ${summary.ms} ms${summary.workers ? ` with ${summary.workers} worker(s)` : ''}${summary.cancelled ? ' (cancelled)' : ''}`);
      if (!options.quiet) {
        void vscode.window.showInformationMessage(
          `runbook-lint: ${summary.files} runbook(s) checked${summary.cancelled ? ' (cancelled)' : ''}: ${summary.errors} error(s), ${summary.warnings} warning(s).`,
        );
      }
      return summary;
    },
  );
}
