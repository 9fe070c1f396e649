import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRuleMetas, docsUrl, PROJECT_URL, ruleDocsUrl } from '../../core/resolve-api.js';
import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';
import { createSpool } from './spool.js';
import { collect, nestedJson, type Sink, type StreamFormatter } from './stream.js';

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
  return builtinRuleMetas.map((r) => ({
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
 *
 * The rule list comes before the results and grows with the rule ids met, so each result is kept
 * as its finished text (in JSON.stringify's layout) until the end, never as objects, and beyond a
 * few MB in a temp file (createSpool).
 */
export function sarifFormatter(ctx: FormatContext, write: Sink, spoolChars?: number): StreamFormatter {
  const rules = descriptors();
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const texts = createSpool(spoolChars);
  let count = 0;
  return {
    add(r) {
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
        const result = {
          ruleId: m.ruleId,
          ruleIndex: indexOf.get(m.ruleId),
          level: m.severity === 2 ? 'error' : 'warning',
          message: { text: m.message },
          locations: [{ physicalLocation: { artifactLocation, region: { startLine: m.line, startColumn: m.column, endLine, endColumn } } }],
        };
        texts.append((count++ === 0 ? '' : ',\n') + nestedJson(result, RESULT_DEPTH));
      }
    },
    end() {
      const log = (results: unknown[]) => ({
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'runbook-lint', version: ctx.version, semanticVersion: /^\d+\.\d+\.\d+/.test(ctx.version) ? ctx.version.replace(/\+.*$/, '') : undefined, informationUri: INFORMATION_URI, rules } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd).href.replace(/\/?$/, '/') } },
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      });
      if (count === 0) return write(JSON.stringify(log([]), null, 2) + '\n');
      // The document with one placeholder result, split around it: the results go in between.
      const frame = JSON.stringify(log([PLACEHOLDER]), null, 2) + '\n';
      const at = frame.indexOf(`${'  '.repeat(RESULT_DEPTH)}${JSON.stringify(PLACEHOLDER)}`);
      write(frame.slice(0, at));
      texts.drain(write);
      write(frame.slice(at + '  '.repeat(RESULT_DEPTH).length + JSON.stringify(PLACEHOLDER).length));
    },
    abort: () => texts.discard(),
  };
}

/** Depth of one result in the log: log > runs[] > run > results[] > result. */
const RESULT_DEPTH = 4;
const PLACEHOLDER = '\u0000runbook-lint-results\u0000';

export function formatSarif(results: FileResult[], ctx: FormatContext): string {
  return collect((sink) => sarifFormatter(ctx, sink), results);
}
