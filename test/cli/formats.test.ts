import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { builtinRules } from '../../src/core/rules/index.js';
import { cliFixtures, ERR, miniProject, parseJson, readText, runCli, runCliInProcess, tempProject, WARN, CLEAN } from './helpers.js';
import { parseXml } from './xml.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

const MESSY = '# Incident runbook\n\nOwner: TBD\n\n## Escalation\n\n- Call <name> & the "lead" <b>now</b>\n\n## Escalation\n\npassword = hunter2hunter2\n';

test('JSON: ESLint shape exactly, absolute filePath, 1-based positions, ESLint-style fix', async () => {
  const dir = miniProject({ 'err.md': ERR, 'sub/warn.md': WARN, 'clean.md': CLEAN });
  const r = await runCliInProcess(['--format', 'json'], dir);
  assert.equal(r.code, 1);
  const results = parseJson(r);
  assert.deepEqual(results.map((x) => x.filePath), [join(dir, 'clean.md'), join(dir, 'err.md'), join(dir, 'sub', 'warn.md')]);
  for (const result of results) {
    assert.deepEqual(Object.keys(result), ['filePath', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'messages']);
    for (const m of result.messages) {
      assert.deepEqual(Object.keys(m).filter((k) => k !== 'fix'), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
      assert.ok(m.severity === 1 || m.severity === 2);
      assert.ok(m.line >= 1 && m.column >= 1 && m.endLine >= m.line);
      if (m.fix) {
        assert.deepEqual(Object.keys(m.fix), ['range', 'text']);
        assert.equal(m.fix.range.length, 2);
      }
    }
  }
  const err = results[1]!;
  assert.equal(err.errorCount, 1);
  assert.equal(err.warningCount, 1);
  assert.equal(err.fixableErrorCount, 1);
  assert.equal(err.fixableWarningCount, 1);
  const missing = err.messages.find((m) => m.severity === 2)!;
  assert.equal(missing.ruleId, 'required-section');
  assert.match(missing.message, /Missing required section "Contacts"/);
  // Applying the ESLint-style fix to the source inserts the section.
  const source = readText(join(dir, 'err.md'));
  const fixed = source.slice(0, missing.fix!.range[0]) + missing.fix!.text + source.slice(missing.fix!.range[1]);
  assert.match(fixed, /## Contacts\n/);
  const warn = results[2]!;
  assert.deepEqual(
    warn.messages.map((m) => [m.ruleId, m.severity, m.line, m.column]),
    [['empty-section', 1, 11, 1]],
  );
  assert.deepEqual(results[0]!.messages, []);
});

test('SARIF: valid against the SARIF 2.1.0 schema and what GitHub code scanning needs', async () => {
  const dir = tempProject({ 'runbooks/messy.md': MESSY, 'runbooks/with space.md': ERR, 'runbooks/bad.md': Buffer.from([0x23, 0x20, 0xff, 0x0a]) });
  const r = await runCliInProcess(['--format', 'sarif'], dir);
  assert.equal(r.code, 1, r.stderr);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const log: any = JSON.parse(r.stdout);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(cliFixtures, 'sarif-2.1.0.schema.json'), 'utf8')));
  assert.ok(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  // The validator is not a rubber stamp.
  const broken = JSON.parse(r.stdout);
  broken.runs[0].results[0].level = 'fatal';
  assert.equal(validate(broken), false);

  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'runbook-lint');
  assert.ok(driver.version && driver.informationUri);
  for (const rule of builtinRules) {
    const d = driver.rules.find((x: { id: string }) => x.id === rule.meta.id);
    assert.ok(d, `rule ${rule.meta.id} described`);
    assert.ok(d.shortDescription.text);
    assert.equal(d.helpUri, `https://github.com/runbook-lint/runbook-lint/blob/main/docs/rules/${rule.meta.id}.md`);
    assert.equal(d.defaultConfiguration.level, rule.meta.severity);
  }
  assert.ok(run.results.length > 3);
  for (const res of run.results) {
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['error', 'warning'].includes(res.level));
    assert.ok(res.message.text);
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.match(loc.artifactLocation.uri, /^runbooks\/(messy\.md|with%20space\.md|bad\.md)$/);
    const region = loc.region;
    assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine && region.endColumn >= 1);
  }
  const fatal = run.results.find((x: { ruleId: string }) => x.ruleId === 'fatal');
  assert.ok(fatal, 'unreadable file reported');
  assert.deepEqual([fatal.locations[0].physicalLocation.region.startLine, fatal.locations[0].physicalLocation.region.startColumn], [1, 3]);
});

test('JUnit: well-formed XML, one testsuite per file, one testcase per finding, escaped', async () => {
  const dir = tempProject({ 'a/messy.md': MESSY, 'b/ctrl.md': `# Title <&>\n\n## Notes "\u0001" \u0007\n` });
  const r = await runCliInProcess(['--format', 'junit'], dir);
  assert.equal(r.code, 1, r.stderr);
  const doc = parseXml(r.stdout);
  assert.equal(doc.name, 'testsuites');
  const json = parseJson(await runCliInProcess(['--format', 'json'], dir));
  assert.equal(doc.children.length, json.length);
  let total = 0;
  doc.children.forEach((suite, i) => {
    assert.equal(suite.name, 'testsuite');
    const result = json[i]!;
    assert.ok(result.filePath.endsWith(suite.attributes.name!.replace(/\//g, '/')));
    assert.equal(suite.children.length, result.messages.length);
    assert.equal(Number(suite.attributes.tests), result.messages.length);
    assert.equal(Number(suite.attributes.failures), result.messages.length);
    suite.children.forEach((tc, k) => {
      assert.equal(tc.name, 'testcase');
      const failure = tc.children[0]!;
      assert.equal(failure.name, 'failure');
      assert.equal(failure.attributes.type, result.messages[k]!.severity === 2 ? 'error' : 'warning');
      assert.equal(failure.attributes.message, result.messages[k]!.message.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd'));
    });
    total += suite.children.length;
  });
  assert.equal(Number(doc.attributes.tests), total);
  assert.ok(r.stdout.includes('&lt;name&gt;'), 'markup in messages is escaped');
});

test('JUnit: a clean file is one passing testcase', async () => {
  const dir = miniProject({ 'clean.md': CLEAN });
  const r = await runCliInProcess(['--format', 'junit'], dir);
  assert.equal(r.code, 0);
  const doc = parseXml(r.stdout);
  assert.equal(doc.children.length, 1);
  assert.equal(doc.children[0]!.children.length, 1);
  assert.equal(doc.children[0]!.children[0]!.children.length, 0);
  assert.equal(doc.attributes.failures, '0');
});

test('--output writes the report to a file (creating folders) and nothing to stdout', async () => {
  const dir = miniProject({ 'err.md': ERR });
  const r = await runCliInProcess(['--format', 'json', '--output', 'reports/lint.json'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const results = JSON.parse(readText(join(dir, 'reports', 'lint.json')));
  assert.equal(results[0].errorCount, 1);
  const s = await runCliInProcess(['-o', 'out.txt'], dir);
  assert.equal(s.stdout, '');
  assert.doesNotMatch(readText(join(dir, 'out.txt')), /\u001b\[/, 'no colour codes in files');
});

test('colour: off when piped, on with FORCE_COLOR, off again with NO_COLOR or --no-color', async () => {
  const dir = miniProject({ 'err.md': ERR });
  const esc = /\u001b\[\d+m/;
  assert.doesNotMatch((await runCliInProcess([], dir)).stdout, esc);
  assert.match((await runCliInProcess([], dir, { FORCE_COLOR: '1' })).stdout, esc);
  assert.match((await runCliInProcess(['--color'], dir)).stdout, esc);
  assert.doesNotMatch((await runCliInProcess(['--no-color'], dir, { FORCE_COLOR: '1' })).stdout, esc);
  assert.doesNotMatch((await runCliInProcess([], dir, { FORCE_COLOR: '0' })).stdout, esc);
  assert.doesNotMatch((await runCliInProcess([], dir, { NO_COLOR: '1' })).stdout, esc);
});
