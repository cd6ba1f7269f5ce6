/**
 * Trains Model 3 and writes models/visual/{model.json, card.md, loss.png, mae.png}.
 *
 *   npm run train:visual -- [--feedback FILE.jsonl]... [--out DIR] [--epochs N] [--synthetic N] [--seed N]
 *
 * Feedback lines are `{"scores": {11 studio scores}, "intensity": n, "adjusted": VisualParams}`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { VISUAL_PARAMS, type VisualParams } from '@studio/core';
import { repoPath } from '@studio/core/paths';
import { loadJournalCorpus } from '../data/journal';
import { writeBarChart, writeLineChart } from '../report/charts';
import { buildVisualDataset, featuresOf, readVisualFeedback, targetVector, VISUAL_INPUTS, type VisualSample } from './data';
import { Mlp, trainMlp } from './mlp';
import { rng as createRng } from '@studio/core/random';
import {
  defaultVisualModelDir,
  evaluateVisual,
  VISUAL_MODEL_FILE,
  VISUAL_MODEL_NAME,
  VisualMlpModel,
  type VisualMetrics,
  type VisualModelFile,
} from './model';

export const VISUAL_MAE_TARGET = 0.08;
export const VISUAL_SIZES = [VISUAL_INPUTS.length, 128, 64, 32, VISUAL_PARAMS.length];

export interface TrainVisualOptions {
  feedbackFiles: string[];
  outDir: string;
  journalDir: string;
  epochs: number;
  synthetic: number;
  seed: number;
  /** Per-epoch progress is drawn only for interactive runs. */
  progress: boolean;
}

export interface TrainVisualResult {
  file: VisualModelFile;
  metrics: VisualMetrics;
  baseline: VisualParams;
  losses: { train: number[]; heldOut: number[] };
}

function weightedMse(model: VisualMlpModel, samples: VisualSample[]): number {
  let sum = 0;
  let w = 0;
  for (const s of samples) {
    const p = model.predictScores(s.scores, s.intensity);
    for (const k of VISUAL_PARAMS) sum += s.weight * (p[k] - s.target[k]) ** 2;
    w += s.weight * VISUAL_PARAMS.length;
  }
  return sum / Math.max(w, 1e-12);
}

/** MAE of always predicting the training mean: what the network must beat to have learned anything. */
function meanBaseline(train: VisualSample[], heldOut: VisualSample[]): VisualParams {
  const mean = VISUAL_PARAMS.map((p) => train.reduce((s, x) => s + x.target[p], 0) / Math.max(train.length, 1));
  return Object.fromEntries(
    VISUAL_PARAMS.map((p, i) => [p, heldOut.reduce((s, x) => s + Math.abs(x.target[p] - mean[i]!), 0) / Math.max(heldOut.length, 1)]),
  ) as VisualParams;
}

/** Mean wall time of one prediction over the held-out inputs, in microseconds (after a warm-up pass). */
function measureLatencyUs(model: VisualMlpModel, samples: VisualSample[]): number {
  const inputs = samples.slice(0, 5000);
  for (const s of inputs.slice(0, 500)) model.predictScores(s.scores, s.intensity);
  const start = performance.now();
  for (const s of inputs) model.predictScores(s.scores, s.intensity);
  return Number((((performance.now() - start) * 1000) / Math.max(inputs.length, 1)).toFixed(1));
}

export function trainVisualModel(opts: TrainVisualOptions): TrainVisualResult {
  const corpus = loadJournalCorpus(opts.journalDir).all;
  const feedback = opts.feedbackFiles.flatMap((f) => readVisualFeedback(f));
  const { train, heldOut } = buildVisualDataset({
    corpus,
    feedback,
    synthetic: opts.synthetic,
    corpusVariants: 5,
    feedbackWeight: 5,
    seed: opts.seed,
  });
  const rng = createRng(opts.seed + 1);
  const net = new Mlp(VISUAL_SIZES, rng);
  const model = new VisualMlpModel(net);
  const heldOutLoss: number[] = [];
  const bar = opts.progress
    ? new cliProgress.SingleBar({ format: 'visual {bar} epoch {value}/{total} train {train} held-out {held}' }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(opts.epochs, 0, { train: '-', held: '-' });
  const trainLoss = trainMlp(
    net,
    train.map((s) => featuresOf(s.scores, s.intensity)),
    train.map((s) => targetVector(s.target)),
    train.map((s) => s.weight),
    {
      epochs: opts.epochs,
      batchSize: 32,
      learningRate: 2e-3,
      rng,
      onEpoch: (epoch, loss) => {
        heldOutLoss.push(weightedMse(model, heldOut));
        const held = heldOutLoss.at(-1)!.toFixed(5);
        bar?.update(epoch + 1, { train: loss.toFixed(5), held });
        if (!bar && (epoch + 1) % 10 === 0) console.log(`epoch ${epoch + 1}/${opts.epochs} train ${loss.toFixed(5)} held-out ${held}`);
      },
    },
  );
  bar?.stop();

  const metrics = evaluateVisual(model, heldOut);
  const latencyUs = measureLatencyUs(model, heldOut);
  const baseline = meanBaseline(train, heldOut);
  const counts = (xs: VisualSample[], source: string) => xs.filter((s) => s.source === source).length;
  const file: VisualModelFile = {
    name: VISUAL_MODEL_NAME,
    version: 1,
    trained_at: new Date().toISOString(),
    inputs: [...VISUAL_INPUTS],
    outputs: [...VISUAL_PARAMS],
    network: net.toJson(),
    training: {
      teacher: 'mapEmotionsToVisuals (Valdez & Mehrabian 1994; Jonauskaite et al. 2020)',
      corpus_entries: corpus.filter((e) => !e.crisis).length,
      feedback_records: feedback.length,
      feedback_files: opts.feedbackFiles.length,
      train: { corpus: counts(train, 'corpus'), synthetic: counts(train, 'synthetic'), feedback: counts(train, 'feedback') },
      held_out: { corpus: counts(heldOut, 'corpus'), synthetic: counts(heldOut, 'synthetic'), feedback: counts(heldOut, 'feedback') },
      epochs: opts.epochs,
      batch_size: 32,
      learning_rate: 2e-3,
      optimiser: 'adam',
      loss: 'weighted mse (feedback weight 5)',
      seed: opts.seed,
      synthetic: opts.synthetic,
      prediction_latency_us: latencyUs,
      final_train_mse: trainLoss.at(-1),
      final_held_out_mse: heldOutLoss.at(-1),
    },
    metrics: { held_out_mae: metrics.mae, held_out_mae_by_source: metrics.maeBySource, held_out_size: metrics.size },
  };
  mkdirSync(opts.outDir, { recursive: true });
  writeFileSync(join(opts.outDir, VISUAL_MODEL_FILE), JSON.stringify(file));
  writeLineChart(join(opts.outDir, 'loss.png'), {
    title: 'Model 3 (visual MLP): MSE per epoch',
    xLabel: 'epoch',
    yLabel: 'MSE',
    series: [
      { name: 'train', values: trainLoss, x: trainLoss.map((_, i) => i + 1) },
      { name: 'held-out', values: heldOutLoss, x: heldOutLoss.map((_, i) => i + 1) },
    ],
  });
  writeBarChart(join(opts.outDir, 'mae.png'), {
    title: 'Model 3: held-out MAE per parameter',
    labels: [...VISUAL_PARAMS],
    series: [
      { name: 'MLP', values: VISUAL_PARAMS.map((p) => metrics.mae[p]) },
      { name: 'mean baseline', values: VISUAL_PARAMS.map((p) => baseline[p]) },
    ],
    yLabel: 'MAE',
    reference: { value: VISUAL_MAE_TARGET, label: `target ${VISUAL_MAE_TARGET}` },
  });
  writeFileSync(join(opts.outDir, 'card.md'), visualCard(file, metrics, baseline));
  return { file, metrics, baseline, losses: { train: trainLoss, heldOut: heldOutLoss } };
}

export function printVisualMetrics(metrics: VisualMetrics, baseline?: VisualParams): void {
  const rows = VISUAL_PARAMS.map((p) => ({
    param: p,
    mae: metrics.mae[p].toFixed(4),
    ...Object.fromEntries(Object.entries(metrics.maeBySource).map(([s, v]) => [`mae_${s}`, v[p].toFixed(4)])),
    ...(baseline ? { mean_baseline: baseline[p].toFixed(4) } : {}),
    target: `< ${VISUAL_MAE_TARGET}`,
    met: metrics.mae[p] < VISUAL_MAE_TARGET ? 'yes' : 'NO',
  }));
  console.table(rows);
  console.log(`held-out samples: ${metrics.size}`);
}

function visualCard(file: VisualModelFile, metrics: VisualMetrics, baseline: VisualParams): string {
  const t = file.training as Record<string, unknown> & { train: Record<string, number>; held_out: Record<string, number> };
  const sources = Object.keys(metrics.maeBySource);
  const table = [
    `| parameter | held-out MAE | ${sources.map((s) => `MAE (${s})`).join(' | ')} | mean baseline | target | met |`,
    `|---|---|${sources.map(() => '---|').join('')}---|---|---|`,
    ...VISUAL_PARAMS.map(
      (p) =>
        `| ${p} | ${metrics.mae[p].toFixed(4)} | ${sources.map((s) => metrics.maeBySource[s as 'corpus']![p].toFixed(4)).join(' | ')} | ${baseline[p].toFixed(4)} | < ${VISUAL_MAE_TARGET} | ${metrics.mae[p] < VISUAL_MAE_TARGET ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
  return `# Model 3 — visual parameter predictor (\`${file.name}\` v${file.version})

Maps the 11 studio emotion scores and the intensity of the primary emotion to six visual parameters
in 0..1: \`light_level\`, \`warmth\` (0 cool … 1 warm), \`saturation\`, \`openness\`, \`camera_distance\`
(0 close-up … 1 distant), \`contrast\`. The FIBO prompt builder turns them into lighting, colour and
composition phrases; the studio's sliders override them.

Trained ${file.trained_at} with \`npm run train:visual${t.feedback_files ? ' -- --feedback …' : ''}\`.

## Architecture
MLP ${VISUAL_SIZES.join(' → ')} (ReLU hidden layers, sigmoid outputs, ${file.network.layers.reduce((s, l) => s + l.w.length + l.b.length, 0)} parameters),
weighted MSE, Adam (lr ${t.learning_rate}, batch ${t.batch_size}, ${t.epochs} epochs), seed ${t.seed}.
Plain TypeScript (\`packages/ml/src/visual/mlp.ts\`); ${t.prediction_latency_us} µs per prediction on the training machine's CPU.

## Data
- **Teacher**: the explicit mapping in \`packages/ml/src/visual/mapping.ts\`. Brightness and saturation invert
  Valdez & Mehrabian (1994): pleasure ≈ .69·B + .22·S, arousal ≈ −.31·B + .60·S, with each emotion's
  valence/arousal from \`EMOTION_AFFECT\`; warmth follows Jonauskaite et al. (2020) colour–emotion
  associations; openness and camera distance follow cinematographic conventions (tight framing for
  anxiety/fear, open horizons for peace/hope, distance for sadness); contrast rises with arousal and intensity.
  Scores are mixed by weight with a neutral anchor; intensity scales the distance from the middle.
- **Journal corpus** (our own, data/journal): ${t.corpus_entries} non-crisis entries, each turned into 5 noisy score
  vectors from its labels and annotated intensities (labelled emotions 0.35 + 0.6·intensity, others < 0.12).
- **Synthetic mixtures**: 0–3 dominant emotions over a low background, intensity uniform.
- **Slider corrections**: ${t.feedback_records} feedback records (\`{scores, intensity, adjusted}\`), whose adjusted values
  replace the teacher's target; weight 5 in the loss.
- Split 80/20 (shuffled with the seed): train ${JSON.stringify(t.train)}, held-out ${JSON.stringify(t.held_out)}.
- Licences: everything is ours (no third-party data); the cited papers provide coefficients only.

## Metrics (held-out)
${table}

Until corrections arrive the held-out targets are the teacher's, so these numbers show how faithfully the network
reproduces the documented mapping (the mean baseline shows how much the targets vary; where it is itself under the
target, the target alone says little). With feedback, the \`feedback\` column is the one to watch.

Loss curve: \`loss.png\`; per-parameter MAE against the target: \`mae.png\`.
Reproduce: \`npm run train:visual\` then \`npx tsx packages/ml/src/visual/eval.ts\`.

## Sanity (tested in packages/ml/test/visual.test.ts)
More joy → more light and warmth (from non-peace bases); more anxiety → smaller camera distance and less openness;
higher intensity → more contrast.

## Limits and bias notes
- Until corrections accumulate the network reproduces one documented, culturally situated mapping; colour–emotion
  associations vary across cultures and people (Jonauskaite et al. report cross-cultural similarity, not identity),
  so the sliders are the person's way to disagree, and their corrections are what the model learns next.
- Held-out error measures fidelity to the teacher (plus corrections), not to how people feel about the image.
- Peace is brighter than joy by V&M's regressions (brightness raises pleasure and lowers arousal), so "more joy →
  more light" does not hold from a peace-dominated mix.
- The corpus-derived score vectors are simulated from labels, not Model 1's actual outputs.
`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      feedback: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: defaultVisualModelDir() },
      journal: { type: 'string', default: repoPath('data', 'journal') },
      epochs: { type: 'string', default: '40' },
      synthetic: { type: 'string', default: '12000' },
      seed: { type: 'string', default: '7' },
    },
  });
  const result = trainVisualModel({
    feedbackFiles: values.feedback,
    outDir: values.out,
    journalDir: values.journal,
    epochs: Number(values.epochs),
    synthetic: Number(values.synthetic),
    seed: Number(values.seed),
    progress: process.stderr.isTTY === true,
  });
  console.log(`training data: ${JSON.stringify(result.file.training.train)}; held-out: ${JSON.stringify(result.file.training.held_out)}`);
  printVisualMetrics(result.metrics, result.baseline);
  console.log(`wrote ${join(values.out, VISUAL_MODEL_FILE)}, card.md, loss.png, mae.png`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
