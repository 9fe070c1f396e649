import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLinter, docsUrl, emptyHost, PROJECT_URL, ruleDocsUrl } from '../../core/api.js';
import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';

export const INFORMATION_URI = PROJECT_URL;
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { fixable: boolean };
}

function descriptors(): RuleDescriptor[] {
  return createLinter({ host: emptyHost }).rules.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.description },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: r.severity },
    properties: { fixable: r.fixable },
  }));
}

/** A path relative to cwd as a URI reference (`/` separators, percent-encoded segments). */
function relativeUri(cwd: string, file: string): string | undefined {
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || rel.includes(':')) return undefined;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule as a descriptor (plus `fatal` when a
 * file could not be read), results with ruleIndex, level and a 1-based region. Files under cwd get
 * a relative URI with uriBaseId %SRCROOT%; others an absolute file: URI.
 */
export function formatSarif(results: FileResult[], ctx: FormatContext): string {
  const rules = descriptors();
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults: unknown[] = [];
  for (const r of results) {
    const rel = relativeUri(ctx.cwd, r.filePath);
    const artifactLocation = rel ? { uri: rel, uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(r.filePath).href };
    for (const m of r.messages) {
      if (!indexOf.has(m.ruleId)) {
        indexOf.set(m.ruleId, rules.length);
        rules.push({
          id: m.ruleId,
          name: m.ruleId,
          shortDescription: { text: m.ruleId === 'fatal' ? 'The file could not be read or parsed.' : m.ruleId },
          helpUri: docsUrl('cli.md'),
          defaultConfiguration: { level: 'error' },
          properties: { fixable: false },
        });
      }
      const endLine = Math.max(m.endLine, m.line);
      const endColumn = endLine === m.line ? Math.max(m.endColumn, m.column) : Math.max(1, m.endColumn);
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: indexOf.get(m.ruleId),
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation, region: { startLine: m.line, startColumn: m.column, endLine, endColumn } } }],
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'runbook-lint', version: ctx.version, semanticVersion: /^\d+\.\d+\.\d+/.test(ctx.version) ? ctx.version.replace(/\+.*$/, '') : undefined, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
