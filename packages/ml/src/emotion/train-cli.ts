/**
 * Trains Model 1 and writes the artifact, charts and card to models/emotion:
 *
 *   npm run train:emotion -- [--datasets ../shared/datasets] [--out models/emotion] [--seed 7]
 *                            [--set go.epochs=6 --set journal.hidden=384 ...]   (any TrainConfig field per tower)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { repoPath } from '@studio/core/paths';
import { loadGoEmotions } from '../data/goemotions';
import { loadJournalCorpus, loadJournalSplit } from '../data/journal';
import { GLOVE_DIM, loadGlove } from '../text/glove';
import { tokenize } from '../text/tokenize';
import { fromGoEmotions, fromJournal } from './data';
import { constantIntensityMAE, evaluate, metricRows, predictAll, tuneThresholds, type DevSets } from './evaluate';
import { loadEmotionModel, saveEmotionModel, writeMeta } from './model';
import { writeEmotionReport } from './report';
import {
  GO_TOWER_CONFIG,
  JOURNAL_TOWER_CONFIG,
  trainEmotionModel,
  type TowerName,
  type TrainConfig,
  type TrainProgress,
} from './train';

/** GloVe rows kept besides the training words: the most frequent English words, for unseen journal text. */
const COMMON_WORDS = 20000;

function parseConfigs(sets: string[], seed?: string): Record<TowerName, TrainConfig> {
  const configs = { go: { ...GO_TOWER_CONFIG }, journal: { ...JOURNAL_TOWER_CONFIG } };
  for (const s of sets) {
    const match = /^(go|journal)\.(\w+)=(.+)$/.exec(s);
    const [, tower, key, value] = match ?? [];
    const config = configs[tower as TowerName];
    if (!config || !key || !(key in config)) throw new Error(`--set ${s}: expected go.KEY=N or journal.KEY=N, KEY one of ${Object.keys(GO_TOWER_CONFIG).join(', ')}`);
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`--set ${s}: not a number`);
    config[key as keyof TrainConfig] = n;
  }
  if (seed !== undefined) {
    configs.go.seed = Number(seed);
    configs.journal.seed = Number(seed);
  }
  return configs;
}

function progressBar(epochs: Record<TowerName, number>): (tower: TowerName) => TrainProgress {
  const bar = new cliProgress.SingleBar(
    { format: '{tower} epoch {epoch}/{epochs} [{bar}] {percentage}% | {value}/{total} | loss {loss} | {eta}s left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  return (tower) => ({
    startEpoch: (epoch, total) => bar.start(total, 0, { tower, epoch, epochs: epochs[tower], loss: '-' }),
    tick: (done, loss) => {
      if (done % 2048 < 32 || done === bar.getTotal()) bar.update(done, { loss: loss.toFixed(4) });
    },
    endEpoch: (s) => {
      bar.stop();
      const r = s.report;
      const scores =
        tower === 'go'
          ? `GoEmotions 28 ${fmt(r.goemotions28?.macroF1)}, mapped ${fmt(r.goemotionsMappedTower?.macroF1)}`
          : `journal ${fmt(r.journal?.macroF1)}, primary ${fmt(r.primaryAccuracy)}, intensity MAE ${fmt(r.intensityMAE)}`;
      const a = s.averaged;
      const averaged = !a ? '' : tower === 'go' ? ` | averaged: ${fmt(a.goemotions28?.macroF1)}, ${fmt(a.goemotionsMappedTower?.macroF1)}` : ` | averaged: ${fmt(a.journal?.macroF1)}, ${fmt(a.primaryAccuracy)}`;
      console.log(`  ${tower} epoch ${s.epoch}: ${s.seconds.toFixed(1)}s, train loss ${s.trainLoss.toFixed(4)}, dev ${scores}${averaged}`);
    },
  });
}

function main(): void {
  const { values } = parseArgs({
    options: {
      datasets: { type: 'string', default: '../shared/datasets' },
      out: { type: 'string' },
      seed: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
    },
  });
  const configs = parseConfigs(values.set ?? [], values.seed);
  const outDir = resolve(values.out ?? repoPath('models', 'emotion'));
  const started = performance.now();

  const goTrain = loadGoEmotions(values.datasets, 'train').map(fromGoEmotions);
  const goDev = loadGoEmotions(values.datasets, 'dev').map(fromGoEmotions);
  const journal = loadJournalCorpus(repoPath('data', 'journal'));
  const journalTrain = journal.train.map(fromJournal);
  const dev: DevSets = { goemotions: goDev, journal: journal.dev.map(fromJournal) };
  console.log(
    `data: GoEmotions train ${goTrain.length}, dev ${goDev.length}; journal train ${journalTrain.length}, dev ${dev.journal.length}`,
  );

  const trainWords = new Set([...goTrain, ...journalTrain].flatMap((ex) => tokenize(ex.text)));
  const glove = loadGlove((word, rank) => rank < COMMON_WORDS || trainWords.has(word));
  console.log(`GloVe: kept ${glove.words.length} of 341,479 ${GLOVE_DIM}-d vectors (training words + ${COMMON_WORDS} most frequent)`);

  const result = trainEmotionModel(
    { goemotions: goTrain, journal: journalTrain },
    dev,
    glove,
    configs,
    progressBar({ go: configs.go.epochs, journal: configs.journal.epochs }),
  );
  const trainSeconds = (performance.now() - started) / 1000;

  // What ships is the quantised artifact: tune thresholds and blend on, and evaluate, exactly that.
  mkdirSync(outDir, { recursive: true });
  const draft = { ...result.model.meta, training: {} };
  const bytes = saveEmotionModel(outDir, draft, result.model.vocab, result.params);
  const preds = predictAll(loadEmotionModel(outDir), dev);
  writeMeta(outDir, { ...draft, ...tuneThresholds(preds, dev) });
  const tuned = loadEmotionModel(outDir);
  const report = evaluate(tuned, preds, dev);
  writeMeta(outDir, {
    ...tuned.meta,
    training: {
      configs,
      command: 'npm run train:emotion -- --datasets ../shared/datasets',
      bestEpoch: result.bestEpoch,
      trainSeconds: Math.round(trainSeconds),
      weightsBytes: bytes,
      data: {
        goemotionsTrain: goTrain.length,
        goemotionsDev: goDev.length,
        journalTrain: journalTrain.length,
        journalDev: dev.journal.length,
        vocabulary: tuned.vocab.size,
        gloveRows: glove.words.length,
      },
      dev: {
        goemotions28MacroF1: report.goemotions28?.macroF1 ?? null,
        goemotionsMappedMacroF1: report.goemotionsMapped?.macroF1 ?? null,
        goemotionsMappedTowerMacroF1: report.goemotionsMappedTower?.macroF1 ?? null,
        journalMacroF1: report.journal?.macroF1 ?? null,
        journalPrimaryAccuracy: report.primaryAccuracy,
        journalIntensityMAE: report.intensityMAE,
      },
    },
  });
  const round1Path = repoPath('data', 'journal', 'split', 'dev-round1.ids');
  const round1: DevSets = { goemotions: [], journal: existsSync(round1Path) ? loadJournalSplit('dev-round1').map(fromJournal) : [] };
  writeEmotionReport(outDir, loadEmotionModel(outDir), report, result.history, preds, dev, {
    intensityMAE: constantIntensityMAE(journalTrain, dev.journal),
    round1: round1.journal.length ? evaluate(tuned, predictAll(tuned, round1), round1) : null,
  });
  console.table(metricRows(report));
  console.log(`wrote ${outDir} (weights ${(bytes / 1e6).toFixed(1)} MB) in ${trainSeconds.toFixed(0)}s of training`);
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(3);
}

main();
