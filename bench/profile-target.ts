/**
 * The in-process lint (c) as a profiling target: bench/run.ts runs it as
 * `node --cpu-prof --cpu-prof-dir=<dir> out/bench/profile-target.js <corpus> [rounds]`
 * and summarises the profile (bench/lib/cpuprofile.ts).
 */
import { builtinSchema } from '../src/core/builtin-schema.js';
import { lintText } from '../src/core/lint.js';
import { loadCorpus } from './lib/corpus.js';

const [corpusDir, roundsArg] = process.argv.slice(2);
if (!corpusDir) throw new Error('usage: profile-target.js <corpus-dir> [rounds]');
const texts = loadCorpus(corpusDir).map((f) => f.text);
const schema = builtinSchema();
const now = new Date();
for (let r = 0; r < Number(roundsArg ?? 2); r++) for (const text of texts) lintText(text, { schema, now });
