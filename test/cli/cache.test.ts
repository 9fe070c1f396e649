import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN, ERR, miniConfig, miniProject, parseJson, runCli, runCliInProcess, WARN } from './helpers.js';
import { decodeCache, encodeCache } from '../../src/cli/cache.js';

const cacheFile = (dir: string) => join(dir, '.runbook-lint-cache');
const readCache = (path: string) => {
  const contents = decodeCache(readFileSync(path));
  assert.ok(contents, `${path} is a cache the tool wrote`);
  return contents;
};

/**
 * Mark every cached message, so a later run shows whether it used the cache. The cache is written
 * as the tool would (with its digest: a hand edit without it is rejected, see the robustness suite).
 */
function tamper(path: string): void {
  const cache = readCache(path);
  for (const entry of cache.entries.values()) {
    for (const m of entry.result.messages) m.message = `FROM CACHE ${m.message}`;
  }
  writeFileSync(path, encodeCache(cache));
}

async function cachedFiles(dir: string, args: string[] = []): Promise<string[]> {
  const results = parseJson(await runCliInProcess(['--cache', '--format', 'json', ...args], dir));
  return results.filter((r) => r.messages.some((m) => m.message.startsWith('FROM CACHE'))).map((r) => r.filePath.slice(dir.length + 1));
}

test('--cache: results come from the cache until a file changes; only that file is re-linted', async () => {
  const dir = miniProject({ 'a.md': ERR, 'b.md': WARN, 'c.md': CLEAN });
  assert.equal((await runCliInProcess(['--format', 'json'], dir)).code, 1);
  assert.equal(existsSync(cacheFile(dir)), false, 'no cache without --cache');
  const first = await runCliInProcess(['--cache', '--format', 'json'], dir);
  assert.equal(existsSync(cacheFile(dir)), true);
  assert.deepEqual([...readCache(cacheFile(dir)).entries.keys()].sort(), ['a.md', 'b.md', 'c.md'].map((f) => join(dir, f)));
  tamper(cacheFile(dir));
  assert.deepEqual(await cachedFiles(dir), ['a.md', 'b.md']);
  writeFileSync(join(dir, 'a.md'), ERR + '\nMore text.\n');
  assert.deepEqual(await cachedFiles(dir), ['b.md']);
  // Same exit code and output shape from the cache as from a fresh run.
  const fresh = JSON.parse(first.stdout);
  const again = await runCliInProcess(['--cache', '--format', 'json'], dir);
  assert.equal(again.code, first.code);
  assert.equal(JSON.parse(again.stdout).length, fresh.length);
});

test('--cache is invalidated by a config change', async () => {
  const dir = miniProject({ 'a.md': ERR, 'b.md': WARN });
  await runCliInProcess(['--cache'], dir);
  tamper(cacheFile(dir));
  assert.deepEqual(await cachedFiles(dir), ['a.md', 'b.md']);
  writeFileSync(join(dir, '.runbook-lint.json'), miniConfig({ ignore: ['nothing/**'] }));
  tamper(cacheFile(dir));
  assert.deepEqual(await cachedFiles(dir), ['a.md', 'b.md'], 'include/ignore do not change results');
  writeFileSync(join(dir, '.runbook-lint.json'), miniConfig().replace('"empty-section": "warn"', '"empty-section": "error"'));
  assert.deepEqual(await cachedFiles(dir), []);
  tamper(cacheFile(dir));
  assert.deepEqual(await cachedFiles(dir, ['--config', '.runbook-lint.json']), ['a.md', 'b.md'], 'same resolved config by another route');
});

test('--cache is invalidated by a schema change (content, not name)', async () => {
  const dir = miniProject({ 'a.md': ERR, 'b.md': WARN });
  await runCliInProcess(['--cache'], dir);
  tamper(cacheFile(dir));
  assert.deepEqual(await cachedFiles(dir), ['a.md', 'b.md']);
  const schema = JSON.parse(readFileSync(join(dir, 'mini.schema.json'), 'utf8'));
  schema.properties.sections.properties.summary['x-headings'].push('Synopsis');
  writeFileSync(join(dir, 'mini.schema.json'), JSON.stringify(schema));
  assert.deepEqual(await cachedFiles(dir), []);
});

test('--cache is invalidated by another tool version (or a cache from another day)', async () => {
  const dir = miniProject({ 'a.md': ERR });
  await runCliInProcess(['--cache'], dir);
  const cache = readCache(cacheFile(dir));
  assert.match(cache.tool, /^\d+\.\d+\.\d+.*\+[0-9a-f]{12}$/);
  tamper(cacheFile(dir));
  assert.deepEqual(await cachedFiles(dir), ['a.md']);
  tamper(cacheFile(dir));
  writeFileSync(cacheFile(dir), encodeCache({ ...readCache(cacheFile(dir)), tool: '0.0.1+000000000000' }));
  assert.deepEqual(await cachedFiles(dir), []);
  tamper(cacheFile(dir));
  writeFileSync(cacheFile(dir), encodeCache({ ...readCache(cacheFile(dir)), day: '2000-01-01' }));
  assert.deepEqual(await cachedFiles(dir), [], 'review dates age: yesterday\'s results are not reused');
  writeFileSync(cacheFile(dir), 'not json');
  assert.equal((await runCliInProcess(['--cache'], dir)).code, 1, 'a corrupt cache is ignored');
  assert.ok(readCache(cacheFile(dir)).entries, 'and rewritten');
});

test('--cache-location: a file path, or a folder to put .runbook-lint-cache in', async () => {
  const dir = miniProject({ 'a.md': ERR });
  await runCliInProcess(['--cache', '--cache-location', 'tmp/lint.cache'], dir);
  assert.ok(existsSync(join(dir, 'tmp', 'lint.cache')));
  mkdirSync(join(dir, 'cachedir'));
  await runCliInProcess(['--cache', '--cache-location', 'cachedir'], dir);
  assert.ok(existsSync(join(dir, 'cachedir', '.runbook-lint-cache')));
  await runCliInProcess(['--cache', '--cache-location', 'newdir/'], dir);
  assert.ok(existsSync(join(dir, 'newdir', '.runbook-lint-cache')));
  assert.equal(existsSync(cacheFile(dir)), false);
});

test('--cache with --fix: a cached result with fixes is fixed, not reused', async () => {
  const dir = miniProject({ 'a.md': ERR });
  await runCliInProcess(['--cache'], dir);
  const r = await runCliInProcess(['--cache', '--fix', '--format', 'json'], dir);
  assert.equal(parseJson(r)[0]!.errorCount, 0);
  assert.match(readFileSync(join(dir, 'a.md'), 'utf8'), /## Contacts/);
  tamper(cacheFile(dir));
  assert.equal((await cachedFiles(dir)).length, 0, 'a fixed file has no findings to tamper with');
  const entry = readCache(cacheFile(dir)).entries.get(join(dir, 'a.md'))!;
  assert.equal(entry.result.messages.length, 0, 'the cache holds the fixed file\'s result');
});
