/**
 * `npm run data:split`: adds new entries to the fixed stratified 80/20 split in data/journal/split/{train,dev}.ids;
 * entries already split keep their side. Refuses to write while any entry file has schema or labelling errors, so
 * the split never lists ids of broken lines.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoPath } from '@studio/core/paths';
import { parseEntriesFile, type LocatedEntry } from './corpus-checks';
import { stratifiedSplit, writeSplit } from './split';

const i = process.argv.indexOf('--dir');
const corpusDir = resolve(i >= 0 ? process.argv[i + 1]! : repoPath('data', 'journal'));
const entriesDir = join(corpusDir, 'entries');

const entries: LocatedEntry[] = [];
const errors: string[] = [];
for (const file of existsSync(entriesDir) ? readdirSync(entriesDir).filter((f) => f.endsWith('.jsonl')).sort() : []) {
  const parsed = parseEntriesFile(file, readFileSync(join(entriesDir, file), 'utf8'));
  entries.push(...parsed.entries);
  errors.push(...parsed.errors);
}
if (errors.length) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`not writing the split: fix the ${errors.length} error(s) first`);
  process.exit(1);
}

const previous = (name: string) => {
  const p = join(corpusDir, 'split', `${name}.ids`);
  return new Set(existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter(Boolean) : []);
};
const [oldTrain, oldDev] = [previous('train'), previous('dev')];

const split = stratifiedSplit(
  entries.map((x) => x.entry),
  { train: [...oldTrain], dev: [...oldDev] },
);
writeSplit(corpusDir, split);
const added = (ids: string[], old: Set<string>) => ids.filter((id) => !old.has(id)).length;
console.log(
  `split written to ${join(corpusDir, 'split')}: train ${split.train.length} (+${added(split.train, oldTrain)}),` +
    ` dev ${split.dev.length} (+${added(split.dev, oldDev)}); entries already split kept their side`,
);
