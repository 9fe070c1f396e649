import { createHash } from 'node:crypto';
import type { FileResult, LintMessage } from '../types.js';
import type { FormatContext } from './index.js';
import { projectPath } from './paths.js';

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
export function formatGitlab(results: FileResult[], ctx: FormatContext): string {
  const issues: GitlabIssue[] = [];
  for (const r of results) {
    const path = projectPath(ctx.cwd, r.filePath);
    const seen = new Map<string, number>();
    for (const m of r.messages) {
      const key = JSON.stringify([path, m.ruleId, m.message]);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      issues.push({
        description: m.message,
        check_name: m.ruleId,
        fingerprint: createHash('sha256').update(`${key}#${occurrence}`).digest('hex').slice(0, 32),
        severity: severityOf(m),
        location: { path, lines: { begin: m.line } },
      });
    }
  }
  return JSON.stringify(issues, null, 2) + '\n';
}
