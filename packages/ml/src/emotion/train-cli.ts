/**
 * Trains Model 1 and writes the artifact, charts and card to models/emotion:
 *
 *   npm run train:emotion -- [--datasets ../shared/datasets] [--out models/emotion] [--seed 7] [--epochs N]
 *                            [--set key=value ...]   (any TrainConfig field, e.g. --set hidden=256)
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { repoPath } from '@studio/core/paths';
import { loadGoEmotions } from '../data/goemotions';
import { loadJournalCorpus } from '../data/journal';
import { loadGlove } from '../text/glove';
import { tokenize } from '../text/tokenize';
import { fromGoEmotions, fromJournal } from './data';
import { evaluate, metricRows, predictAll, tuneThresholds, type DevSets } from './evaluate';
import { loadEmotionModel, saveEmotionModel, writeMeta } from './model';
import { writeEmotionReport } from './report';
import { DEFAULT_TRAIN_CONFIG, trainEmotion, type TrainConfig } from './train';

/** GloVe rows kept besides the training words: the most frequent English words, for unseen journal text. */
const COMMON_WORDS = 20000;

function parseConfig(sets: string[], seed?: string, epochs?: string): TrainConfig {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG };
  for (const s of sets) {
    const [key, value] = s.split('=');
    if (!key || value === undefined || !(key in config)) throw new Error(`--set ${s}: unknown setting (one of ${Object.keys(config).join(', ')})`);
    const n = Number(value);
    if (!Number.isFinite(n)) throw new Error(`--set ${s}: not a number`);
    config[key as keyof TrainConfig] = n;
  }
  if (seed !== undefined) config.seed = Number(seed);
  if (epochs !== undefined) config.epochs = Number(epochs);
  return config;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      datasets: { type: 'string', default: '../shared/datasets' },
      out: { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
      set: { type: 'string', multiple: true, default: [] },
    },
  });
  const config = parseConfig(values.set ?? [], values.seed, values.epochs);
  const outDir = resolve(values.out ?? repoPath('models', 'emotion'));
  const started = performance.now();

  const goTrain = loadGoEmotions(values.datasets, 'train').map(fromGoEmotions);
  const goDev = loadGoEmotions(values.datasets, 'dev').map(fromGoEmotions);
  const journal = loadJournalCorpus(repoPath('data', 'journal'));
  const journalTrain = journal.train.map(fromJournal);
  const dev: DevSets = { goemotions: goDev, journal: journal.dev.map(fromJournal) };
  const train = [...goTrain, ...journalTrain];
  console.log(
    `data: GoEmotions train ${goTrain.length}, dev ${goDev.length}; journal train ${journalTrain.length}, dev ${dev.journal.length}`,
  );

  const trainWords = new Set(train.flatMap((ex) => tokenize(ex.text)));
  const glove = loadGlove((word, rank) => rank < COMMON_WORDS || trainWords.has(word));
  console.log(`GloVe: kept ${glove.words.length} of 341,479 vectors (training words + ${COMMON_WORDS} most frequent)`);

  const bar = new cliProgress.SingleBar(
    { format: 'epoch {epoch}/{epochs} [{bar}] {percentage}% | {value}/{total} | loss {loss} | {eta}s left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const result = trainEmotion(train, dev, glove, config, {
    startEpoch: (epoch, total) => bar.start(total, 0, { epoch, epochs: config.epochs + config.finetuneEpochs, loss: '-' }),
    tick: (done, loss) => {
      if (done % 2048 < config.batchSize || done === bar.getTotal()) bar.update(done, { loss: loss.toFixed(4) });
    },
    endEpoch: (s) => {
      bar.stop();
      const r = s.report;
      console.log(
        `  epoch ${s.epoch}: ${s.seconds.toFixed(1)}s, train loss ${s.trainLoss.toFixed(4)}, dev F1 go28 ${fmt(r.goemotions28?.macroF1)}` +
          ` mapped ${fmt(r.goemotionsMapped?.macroF1)} journal ${fmt(r.journal?.macroF1)} primary ${fmt(r.primaryAccuracy)} MAE ${fmt(r.intensityMAE)}`,
      );
    },
  });
  const trainSeconds = (performance.now() - started) / 1000;

  // What ships is the quantised artifact: tune the thresholds on, and evaluate, exactly that.
  mkdirSync(outDir, { recursive: true });
  const draft = { ...result.model.meta, training: {} };
  const bytes = saveEmotionModel(outDir, draft, result.model.vocab, result.params);
  const preds = predictAll(loadEmotionModel(outDir), dev);
  writeMeta(outDir, { ...draft, ...tuneThresholds(preds, dev) });
  const final = loadEmotionModel(outDir);
  const report = evaluate(final, preds, dev);
  const meta = {
    ...final.meta,
    training: {
      config,
      command: 'npm run train:emotion -- --datasets ../shared/datasets',
      bestEpoch: result.bestEpoch,
      trainSeconds: Math.round(trainSeconds),
      weightsBytes: bytes,
      data: {
        goemotionsTrain: goTrain.length,
        goemotionsDev: goDev.length,
        journalTrain: journalTrain.length,
        journalDev: dev.journal.length,
        vocabulary: final.vocab.size,
        gloveRows: glove.words.length,
      },
      dev: report,
    },
  };
  writeMeta(outDir, meta);
  writeEmotionReport(outDir, loadEmotionModel(outDir), report, result.history, preds, dev);
  console.table(metricRows(report));
  console.log(`wrote ${outDir} (weights ${(bytes / 1e6).toFixed(1)} MB) in ${trainSeconds.toFixed(0)}s`);
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(3);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
