import { createHash } from 'node:crypto';
import type { FileResult, LintMessage } from '../types.js';
import type { FormatContext } from './index.js';
import { projectPath } from './paths.js';
import { collect, nestedJson, type Sink, type StreamFormatter } from './stream.js';

/** GitLab's Code Quality severities are info, minor, major, critical and blocker. */
export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number } };
}

/** A file that could not be read hides all its other problems: critical. Errors major, warnings minor. */
function severityOf(m: LintMessage): GitlabSeverity {
  if (m.ruleId === 'fatal') return 'critical';
  return m.severity === 2 ? 'major' : 'minor';
}

/**
 * GitLab Code Quality report (`artifacts: reports: codequality`): a JSON array of issues with
 * description, check_name, fingerprint, severity and location (path relative to the project,
 * lines.begin). The fingerprint hashes path, rule, message and the occurrence number of that
 * triple, not the line: it stays the same when lines above move (GitLab compares the merge request
 * with its base by fingerprint) and differs between two identical findings in one file.
 */
export function gitlabFormatter(ctx: FormatContext, write: Sink): StreamFormatter {
  let first = true;
  return {
    add(r) {
      const path = projectPath(ctx.cwd, r.filePath);
      const seen = new Map<string, number>();
      let out = '';
      for (const m of r.messages) {
        const key = JSON.stringify([path, m.ruleId, m.message]);
        const occurrence = (seen.get(key) ?? 0) + 1;
        seen.set(key, occurrence);
        const issue: GitlabIssue = {
          description: m.message,
          check_name: m.ruleId,
          fingerprint: createHash('sha256').update(`${key}#${occurrence}`).digest('hex').slice(0, 32),
          severity: severityOf(m),
          location: { path, lines: { begin: m.line } },
        };
        // The layout of JSON.stringify(issues, null, 2): one issue per element, two spaces deeper.
        out += (first ? '[\n' : ',\n') + nestedJson(issue, 1);
        first = false;
      }
      if (out) write(out);
    },
    end() {
      write(first ? '[]\n' : '\n]\n');
    },
  };
}

export function formatGitlab(results: FileResult[], ctx: FormatContext): string {
  return collect((sink) => gitlabFormatter(ctx, sink), results);
}
