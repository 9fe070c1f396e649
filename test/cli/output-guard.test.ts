/**
 * `--output` never replaces a file being linted (issue 11), decided without resolving every input's
 * links (only inputs that can be the output, by inode or, for a missing output, by name).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { refuseInputAsOutput } from '../../src/cli/report.js';
import { UsageError } from '../../src/cli/errors.js';
import { CLEAN, tempProject } from './helpers.js';

test('the output may not be an input, by its own path, through a link, or as a dangling link being linted', () => {
  const dir = tempProject({ 'runbooks/a.md': CLEAN, 'runbooks/b.md': CLEAN, 'other.md': CLEAN });
  const a = join(dir, 'runbooks', 'a.md');
  const b = join(dir, 'runbooks', 'b.md');
  symlinkSync(a, join(dir, 'to-a.md'));
  symlinkSync(join(dir, 'runbooks'), join(dir, 'dir-link'));
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'dangling.md'));
  linkSync(b, join(dir, 'hard-b.md'));
  mkdirSync(join(dir, 'reports'));
  const inputs = [a, b, join(dir, 'dangling.md')];
  const refusedWith = (output: string, from: string[], realPaths?: Map<string, string>) => {
    try {
      refuseInputAsOutput(output, from, realPaths);
      return false;
    } catch (error) {
      assert.ok(error instanceof UsageError, String(error));
      assert.match(error.message, /will not overwrite it/);
      return true;
    }
  };
  // The same answer whether the inputs' real paths are known (from the file search) or looked up here.
  const refused = (output: string, from = inputs) => {
    const known = new Map(from.flatMap((f) => (existsSync(f) ? [[f, realpathSync.native(f)] as [string, string]] : [])));
    const answer = refusedWith(output, from);
    assert.equal(refusedWith(output, from, known), answer, output);
    return answer;
  };
  assert.equal(refused(a), true, 'an input itself');
  assert.equal(refused(join(dir, 'to-a.md')), true, 'a link to an input');
  assert.equal(refused(join(dir, 'dir-link', 'b.md')), true, 'an input through a linked folder');
  assert.equal(refused(join(dir, 'dangling.md')), true, 'a dangling link being linted');
  assert.equal(refused(join(dir, 'reports', 'lint.json')), false, 'a new file');
  assert.equal(refused(join(dir, 'other.md')), false, 'an existing file that is not linted');
  assert.equal(refused(join(dir, 'hard-b.md')), false, 'a hard link is another path: renaming over it leaves the input alone');
  symlinkSync(join(dir, 'other.md'), join(dir, 'to-other.md'));
  assert.equal(refused(join(dir, 'other.md'), [join(dir, 'to-other.md')]), true, 'the target of an input that is a link');
});
