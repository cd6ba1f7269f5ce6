/**
 * Prints Model 1's metric table on a dev split:
 *
 *   npm run eval:emotion -- [--datasets ../shared/datasets] [--split dev] [--model models/emotion] [--per-label]
 *
 * --split names the GoEmotions file (DIR/goemotions/SPLIT.tsv) and the journal split (data/journal/split/SPLIT.ids);
 * a split either source lacks is skipped. The thresholds are the model's own (tuned on dev at training time).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoPath } from '@studio/core/paths';
import { loadGoEmotions } from '../data/goemotions';
import { loadJournalSplit } from '../data/journal';
import { fromGoEmotions, fromJournal } from './data';
import { evaluate, metricRows, predictAll, type DevSets } from './evaluate';
import { loadEmotionModel } from './model';

function main(): void {
  const { values } = parseArgs({
    options: {
      datasets: { type: 'string', default: '../shared/datasets' },
      split: { type: 'string', default: 'dev' },
      model: { type: 'string' },
      'per-label': { type: 'boolean', default: false },
    },
  });
  const split = values.split;
  const model = loadEmotionModel(values.model ? resolve(values.model) : undefined);
  const goPath = join(values.datasets, 'goemotions', `${split}.tsv`);
  const journalDir = repoPath('data', 'journal');
  const idsPath = join(journalDir, 'split', `${split}.ids`);
  const sets: DevSets = {
    goemotions: existsSync(goPath) ? loadGoEmotions(values.datasets, split).map(fromGoEmotions) : [],
    journal: existsSync(idsPath) ? loadJournalSplit(split, journalDir).map(fromJournal) : [],
  };
  if (!sets.goemotions.length && !sets.journal.length) throw new Error(`No "${split}" split found in ${goPath} or ${idsPath}`);
  const started = performance.now();
  const report = evaluate(model, predictAll(model, sets), sets);
  const ms = performance.now() - started;
  console.log(`${model.id} on split "${split}": GoEmotions ${sets.goemotions.length}, journal ${sets.journal.length} (${ms.toFixed(0)} ms)`);
  console.table(metricRows(report));
  if (values['per-label']) {
    for (const [name, r] of [
      ['GoEmotions 28', report.goemotions28],
      ['GoEmotions mapped', report.goemotionsMapped],
      ['journal 11', report.journal],
    ] as const) {
      if (!r) continue;
      console.log(name);
      console.table(r.perLabel.map((l) => ({ label: l.label, precision: l.precision.toFixed(3), recall: l.recall.toFixed(3), f1: l.f1.toFixed(3), support: l.support })));
    }
  }
}

main();
