import { relative } from 'node:path';
import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';
import { createSpool } from './spool.js';
import { collect, type Sink, type StreamFormatter } from './stream.js';

/** Escape text for XML attributes and content, dropping characters XML 1.0 cannot carry at all. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML: one <testsuite> per file, one <testcase> per finding (a <failure> whose type is the
 * severity, as ESLint's junit formatter does); a clean file has one passing testcase.
 */
export function junitFormatter(ctx: FormatContext, write: Sink, spoolChars?: number): StreamFormatter {
  let tests = 0;
  let failures = 0;
  // The header carries the totals, so the suites wait, as text (beyond a few MB in a temp file).
  const suites = createSpool(spoolChars);
  return {
    add(r) {
      const name = relative(ctx.cwd, r.filePath) || r.filePath;
      const file = xmlEscape(name.startsWith('..') ? r.filePath : name);
      let cases = '';
      for (const m of r.messages) {
        const severity = m.severity === 2 ? 'error' : 'warning';
        const text = `${severity}: ${m.message} (${m.ruleId}) at line ${m.line}, column ${m.column}`;
        cases += `    <testcase classname="${file}" name="${xmlEscape(`${m.ruleId} ${m.line}:${m.column}`)}" file="${file}" line="${m.line}" time="0">\n`;
        cases += `      <failure message="${xmlEscape(m.message)}" type="${severity}">${xmlEscape(text)}</failure>\n`;
        cases += `    </testcase>\n`;
      }
      const count = Math.max(1, r.messages.length);
      if (r.messages.length === 0) cases = `    <testcase classname="${file}" name="runbook-lint" file="${file}" time="0"/>\n`;
      tests += count;
      failures += r.messages.length;
      suites.append(`  <testsuite name="${file}" tests="${count}" failures="${r.messages.length}" errors="0" skipped="0" time="0">\n${cases}  </testsuite>\n`);
    },
    end() {
      write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="runbook-lint" tests="${tests}" failures="${failures}" errors="0" time="0">\n`);
      suites.drain(write);
      write('</testsuites>\n');
    },
    abort: () => suites.discard(),
  };
}

export function formatJunit(results: FileResult[], ctx: FormatContext): string {
  return collect((sink) => junitFormatter(ctx, sink), results);
}
