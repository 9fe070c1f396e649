import test from 'node:test';
import assert from 'node:assert/strict';
import { lintWithDefaults, readFixture } from '../helpers/lint.js';

function secrets(text: string, rules = {}) {
  return lintWithDefaults(text, rules).findings.filter((f) => f.ruleId === 'no-secrets');
}

test('messages never contain the secret; ranges cover exactly the secret', () => {
  const text = readFixture('rules', 'no-secrets', 'fail-pasted.md');
  const found = secrets(text);
  assert.ok(found.length >= 10);
  for (const f of found) {
    const secret = text.slice(f.range.start.offset, f.range.end.offset);
    const core = secret.startsWith('-----BEGIN') ? secret.split(/\r?\n/)[1]! : secret;
    assert.ok(!f.message.includes(core), `message leaks the secret: ${f.message}`);
    if (core.length >= 12) assert.ok(!f.message.includes(core.slice(4, -4)), `message leaks the middle of the secret: ${f.message}`);
  }
});

test('other common shapes: CLI flags, JSON, pwd=, HTTP Basic, front matter, Slack webhooks', () => {
  const basic = Buffer.from('svc-export:Gr33n-Lantern-9').toString('base64');
  const text = [
    '---',
    'owner: IT',
    'db_password: Winter-2026!',
    '---',
    '',
    '# Runbook',
    '',
    '```',
    'mysqldump --password S3cure-Dump-42 payments',
    '{ "client_secret": "9f8e7d6c5b4a39281706f5e4d3c2b1a0" }',
    'pwd=Summer2024!',
    `curl -H "Authorization: Basic ${basic}" https://reports.internal`,
    'https://hooks.slack.com/services/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',
    '```',
  ].join('\n');
  const kinds = secrets(text).map((f) => `${f.range.start.line}:${String(f.data?.kind)}`);
  assert.deepEqual(kinds, ['3:password', '9:password', '10:secret', '11:password', '12:HTTP Basic credential', '13:Slack webhook URL']);
});

test('documentation examples and references are not secrets', () => {
  const text = [
    '# Runbook',
    '',
    '```',
    'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'export GRAFANA_API_TOKEN=123',
    'OPS_API_TOKEN=secure-token ansible-playbook site.yml',
    'password: wrong-password',
    'token=$(oc create token prometheus-k8s)',
    'authentication_token: Devise.friendly_token.first(16)',
    'primary_conninfo = \'user=replicator password=REDACTED host=db\'',
    'https://<es_username>:<password>@<cluster_url>:9243',
    'password_file: /etc/secrets/db.pass',
    '```',
    '',
    'Password: ask the on-call DBA for the envelope.',
  ].join('\n');
  assert.deepEqual(secrets(text).map((f) => f.message), []);
});

test('an invalid allow pattern is reported, not silently ignored', () => {
  const result = lintWithDefaults('# Runbook\n\npassword: hunter2\n', { 'no-secrets': ['error', { allow: ['(unclosed'] }] });
  const fatal = result.findings.find((f) => f.ruleId === 'fatal');
  assert.ok(fatal && /no-secrets.*"\(unclosed" is not a valid regular expression/.test(fatal.message), JSON.stringify(result.findings));
});

// A quadratic scan would take minutes here; the timeout only catches a hang (speed is in npm run bench).
test('long separator runs do not make the scan hang', { timeout: 60_000 }, () => {
  const text = '# Runbook\n\n' + 'a_'.repeat(100_000) + '\n\n' + 'x-'.repeat(100_000) + '\n';
  assert.deepEqual(secrets(text), []);
});
