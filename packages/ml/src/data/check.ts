/**
 * `npm run data:check [-- --datasets DIR] [--report-only]`: validates the journal corpus and prints its
 * distribution. Exit 1 on schema, labelling, duplicate, near-duplicate, GoEmotions-repeat or split errors,
 * and on unmet coverage minimums unless --report-only (useful while the corpus is being written).
 * Only ids, file positions and opening words are printed, never whole entries.
 */
import { resolve } from 'node:path';
import { repoPath } from '@studio/core/paths';
import { checkCorpus, formatDistribution } from './corpus-checks';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const reportOnly = process.argv.includes('--report-only');
const corpusDir = resolve(option('--dir') ?? repoPath('data', 'journal'));
const datasetsDir = resolve(option('--datasets') ?? repoPath('..', 'shared', 'datasets'));

const started = Date.now();
const result = checkCorpus(corpusDir, datasetsDir);

console.log(`# Journal corpus (${corpusDir})\n`);
console.log(formatDistribution(result.distribution));
console.log('');
for (const note of result.notes) console.log(`note: ${note}`);
for (const s of result.shortfalls) console.log(`coverage: ${s}`);
for (const e of result.errors) console.log(`error: ${e}`);

const failed = result.errors.length > 0 || (!reportOnly && result.shortfalls.length > 0);
console.log(
  `\n${failed ? 'FAILED' : 'OK'}: ${result.errors.length} error(s), ${result.shortfalls.length} coverage shortfall(s)` +
    `${reportOnly ? ' (report-only: shortfalls do not fail)' : ''}; checked in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failed ? 1 : 0;
