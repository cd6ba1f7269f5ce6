/**
 * Trains the crisis classifier and tunes the gate's thresholds on dev.
 *
 *   npm run train:crisis -- [--datasets DIR] [--epochs 12] [--out models/crisis] [--seed 7]
 *
 * Trains on the journal corpus train split and Reddit C-SSRS train (users as bags of posts, see ./data); picks the
 * epoch and the two thresholds on journal dev + C-SSRS dev; writes the artifact, its training curves and the
 * per-source evaluation (metrics.json, confusion matrices) to the output folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { repoPath } from '@studio/core/paths';
import type { CssrsUser } from '../data/cssrs';
import { loadGlove } from '../text/glove';
import { shuffle, rng } from '../text/kernels';
import { tokenize } from '../text/tokenize';
import { writeLineChart } from '../report/charts';
import { CrisisClassifier, DEFAULT_CONFIG, HEADS, type Head, type WindowFeatures } from './classifier';
import { datasetsArg, loadCssrsSplit, loadJournalCrisis, numberArg, stringArg, type CrisisItem } from './data';
import { evaluateGate, printEvaluation } from './evaluate';
import { CrisisModel, META_FILE, type CrisisMeta } from './model';
import { CORE_WEIGHT, RULES, RULE_FEATURES, evaluateRules, ruleFeatures } from './rules';
import { auc, betterTuning, tuneThresholds, type TuningResult, type TuningUnit } from './metrics';

const VERSION = '1.0.0';
/** GloVe rows kept besides the training words: the most frequent English words, so unseen text still has vectors. */
const GLOVE_TOP = 20_000;
/** A positive C-SSRS user contributes its TOP_K most crisis-like segments (multiple-instance learning). */
const TOP_K = 2;
/** Per-segment weight of a negative C-SSRS user's posts, capped per user so prolific posters do not dominate. */
const NEG_SEGMENT_WEIGHT = 0.5;
const NEG_USER_CAP = 4;
/** A negative journal entry's sentences share this much weight (each at most the entry's weight). */
const NEG_SENTENCE_SHARE = 3;
/** Hard negatives are what the gate most needs to learn from our corpus. */
const HARD_NEGATIVE_WEIGHT = 2;
const BATCH = 32;

interface Example {
  features: WindowFeatures;
  targets: Partial<Record<Head, number>>;
  weight: number;
}

interface Bag {
  segments: WindowFeatures[];
  positive: boolean;
}

interface JournalBag {
  item: CrisisItem;
  whole: WindowFeatures[];
  sentences: WindowFeatures[];
  weight: number;
}

/** The segment the network finds most crisis-like. */
function topSegments(net: CrisisClassifier, segments: readonly WindowFeatures[], k: number): WindowFeatures[] {
  return segments
    .map((features) => ({ features, p: net.predictWindow(features).crisis }))
    .sort((a, b) => b.p - a.p)
    .slice(0, k)
    .map((x) => x.features);
}

function journalTargets(item: CrisisItem): Partial<Record<Head, number>> {
  const t: Partial<Record<Head, number>> = { crisis: item.crisis ? 1 : 0 };
  for (const h of HEADS) if (h !== 'crisis') t[h] = item.category === h ? 1 : 0;
  return t;
}

/** C-SSRS is a suicide-severity scale: positives are ideation; the other category heads are not observed. */
function cssrsTargets(positive: boolean): Partial<Record<Head, number>> {
  return { crisis: positive ? 1 : 0, suicidal_ideation: positive ? 1 : 0 };
}

/** Label smoothing: targets move `s`/2 towards the middle, which keeps the probabilities from saturating. */
function smooth(t: Partial<Record<Head, number>>, s: number): Partial<Record<Head, number>> {
  if (s === 0) return t;
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v * (1 - s) + s / 2]));
}

/** Dev units for threshold tuning with the network as it is now; rule results are fixed and passed in. */
function devUnits(
  net: CrisisClassifier,
  journalDev: { item: CrisisItem; ruleCrisis: boolean; mitigated: boolean; extra: Float32Array }[],
  cssrsDev: { user: CssrsUser; posts: { ruleCrisis: boolean; mitigated: boolean; extra: Float32Array; text: string }[] }[],
): TuningUnit[] {
  const units: TuningUnit[] = journalDev.map(({ item, ruleCrisis, mitigated, extra }) => {
    const p = net.predict(item.text, extra).crisis;
    return { gold: item.crisis, hardNegative: item.hardNegative !== null, ruleCrisis, pPlain: mitigated ? 0 : p, pMitigated: mitigated ? p : 0 };
  });
  for (const { user, posts } of cssrsDev) {
    let pPlain = 0;
    let pMitigated = 0;
    let ruleCrisis = false;
    for (const post of posts) {
      const p = net.predict(post.text, post.extra).crisis;
      ruleCrisis ||= post.ruleCrisis;
      if (post.mitigated) pMitigated = Math.max(pMitigated, p);
      else pPlain = Math.max(pPlain, p);
    }
    units.push({ gold: user.atRisk, hardNegative: false, ruleCrisis, pPlain, pMitigated });
  }
  return units;
}

function ruleView(text: string): { ruleCrisis: boolean; mitigated: boolean; extra: Float32Array } {
  const r = evaluateRules(text);
  return { ruleCrisis: Math.max(...Object.values(r.categories)) >= CORE_WEIGHT, mitigated: r.mitigated, extra: ruleFeatures(r) };
}

function main(): void {
  const argv = process.argv.slice(2);
  const datasets = datasetsArg(argv);
  const epochs = numberArg(argv, '--epochs', 12);
  const seed = numberArg(argv, '--seed', 7);
  const outDir = stringArg(argv, '--out', repoPath('models', 'crisis'));
  const rowsLr = numberArg(argv, '--rows-lr', 0.2);
  const denseLr = numberArg(argv, '--dense-lr', 2e-3);
  const cssrsWeight = numberArg(argv, '--cssrs-weight', 1);
  const smoothing = numberArg(argv, '--smoothing', 0);
  const config = { ...DEFAULT_CONFIG, extra: numberArg(argv, '--rule-inputs', 1) === 1 ? RULE_FEATURES : 0, sentences: numberArg(argv, '--sentences', 0) === 1, maxPool: numberArg(argv, '--max-pool', DEFAULT_CONFIG.maxPool ? 1 : 0) === 1, hidden: numberArg(argv, '--hidden', DEFAULT_CONFIG.hidden) };
  mkdirSync(outDir, { recursive: true });

  const journal = loadJournalCrisis();
  const cssrsTrain = loadCssrsSplit(datasets, 'train');
  const cssrsDev = loadCssrsSplit(datasets, 'dev');
  console.log(
    `journal train ${journal.train.length} (crisis ${journal.train.filter((x) => x.crisis).length}), dev ${journal.dev.length}; ` +
      `C-SSRS train ${cssrsTrain.length} users, dev ${cssrsDev.length} users`,
  );
  if (journal.train.length + cssrsTrain.length === 0) throw new Error('No training data: journal corpus and C-SSRS are both missing');

  const trainWords = new Set<string>();
  for (const item of journal.train) for (const t of tokenize(item.text)) trainWords.add(t);
  for (const u of cssrsTrain) for (const p of u.posts) for (const t of tokenize(p)) trainWords.add(t);
  console.log('loading GloVe rows…');
  const glove = loadGlove((w, rank) => rank < GLOVE_TOP || trainWords.has(w));
  const net = CrisisClassifier.create(config, glove.words, glove.vectors, seed);
  console.log(`vocabulary ${glove.words.length} GloVe words, ${config.buckets} hashed buckets`);

  const journalBags: JournalBag[] = journal.train.map((item) => ({
    item,
    ...net.segments(item.text, ruleView(item.text).extra),
    weight: item.hardNegative ? HARD_NEGATIVE_WEIGHT : 1,
  }));
  const bags: Bag[] = cssrsTrain.map((u) => ({
    positive: u.atRisk,
    segments: u.posts.flatMap((p) => {
      const { whole, sentences } = net.segments(p, ruleView(p).extra);
      return [...whole, ...sentences];
    }),
  }));
  const journalDev = journal.dev.map((item) => ({ item, ...ruleView(item.text) }));
  const cssrsDevPosts = cssrsDev.map((user) => ({ user, posts: user.posts.map((text) => ({ text, ...ruleView(text) })) }));

  const random = rng(seed);
  const history: { loss: number[]; recall: number[]; precision: number[]; hnFpr: number[]; auc: number[] } = { loss: [], recall: [], precision: [], hnFpr: [], auc: [] };
  let best: { epoch: number; tuning: TuningResult; snapshot: Float32Array[] } | null = null;
  const bar = new SingleBar({ format: 'crisis {bar} epoch {value}/{total} | loss {loss} | journal dev AUC {auc} | gate dev R {recall} P {precision} HN-FPR {hn}' }, Presets.shades_classic);
  bar.start(epochs, 0, { loss: '-', auc: '-', recall: '-', precision: '-', hn: '-' });
  for (let epoch = 0; epoch < epochs; epoch++) {
    const examples: Example[] = [];
    // Journal entries: the whole text carries the entry's label. A safe entry's sentences are all safe; a crisis
    // entry has at least one crisis sentence, the one the network ranks highest (all of them, thinly, at first).
    for (const bag of journalBags) {
      const targets = smooth(journalTargets(bag.item), smoothing);
      for (const features of bag.whole) examples.push({ features, targets, weight: bag.weight });
      if (bag.sentences.length === 0) continue;
      if (!bag.item.crisis) {
        const w = bag.weight * Math.min(1, NEG_SENTENCE_SHARE / bag.sentences.length);
        for (const features of bag.sentences) examples.push({ features, targets, weight: w });
      } else if (epoch === 0) {
        for (const features of bag.sentences) examples.push({ features, targets, weight: bag.weight / bag.sentences.length });
      } else {
        for (const features of topSegments(net, bag.sentences, 1)) examples.push({ features, targets, weight: bag.weight });
      }
    }
    // C-SSRS users: bags of all their posts' segments.
    for (const bag of bags) {
      if (!bag.positive) {
        const w = Math.min(NEG_SEGMENT_WEIGHT, NEG_USER_CAP / bag.segments.length);
        for (const features of bag.segments) examples.push({ features, targets: smooth(cssrsTargets(false), smoothing), weight: w * cssrsWeight });
      } else if (epoch === 0) {
        // Before the network can rank a bag's posts, each positive user spreads one unit of weight over all of them.
        for (const features of bag.segments) examples.push({ features, targets: smooth(cssrsTargets(true), smoothing), weight: cssrsWeight / bag.segments.length });
      } else {
        for (const features of topSegments(net, bag.segments, TOP_K)) examples.push({ features, targets: smooth(cssrsTargets(true), smoothing), weight: cssrsWeight });
      }
    }
    shuffle(examples, random);
    const trainer = net.trainer();
    let loss = 0;
    let weight = 0;
    const decay = 1 - epoch / (epochs + 1);
    const lr = { dense: denseLr * decay, rows: rowsLr * decay };
    for (let i = 0; i < examples.length; i += BATCH) {
      const batch = examples.slice(i, i + BATCH);
      loss += trainer.step(batch, lr, 1e-4);
      for (const ex of batch) weight += ex.weight;
    }
    const units = devUnits(net, journalDev, cssrsDevPosts);
    const tuning = tuneThresholds(units);
    const journalAuc = auc(units.slice(0, journalDev.length).map((u) => ({ score: Math.max(u.pPlain, u.pMitigated), gold: u.gold })));
    history.auc.push(journalAuc);
    history.loss.push(loss / Math.max(1, weight));
    history.recall.push(tuning.recall);
    history.precision.push(tuning.precision);
    history.hnFpr.push(tuning.hardNegativeFpr);
    const isBetter = betterTuning(tuning, best?.tuning ?? null);
    if (isBetter) best = { epoch, tuning, snapshot: [net.hashed, net.W1, net.b1, net.W2, net.b2].map((a) => a.slice()) };
    bar.update(epoch + 1, {
      loss: (loss / Math.max(1, weight)).toFixed(4),
      auc: journalAuc.toFixed(3),
      recall: tuning.recall.toFixed(3),
      precision: tuning.precision.toFixed(3),
      hn: tuning.hardNegativeFpr.toFixed(3),
    });
  }
  bar.stop();
  console.log("per-epoch journal dev AUC", history.auc.map((a) => a.toFixed(3)).join(" "));
  if (!best) throw new Error('no epoch trained');
  [net.hashed, net.W1, net.b1, net.W2, net.b2].forEach((a, i) => a.set(best.snapshot[i] as Float32Array));
  console.log(`best epoch ${best.epoch + 1}: thresholds`, best.tuning.thresholds, best.tuning.feasible ? '(targets met on dev)' : '(targets NOT met on dev)');

  const meta: CrisisMeta = {
    name: 'crisis-gate',
    version: VERSION,
    config,
    thresholds: best.tuning.thresholds,
    words: glove.words,
    ruleIds: RULES.map((r) => r.id),
    trainedAt: new Date().toISOString(),
    data: {
      journal_train_entries: journal.train.length,
      journal_train_crisis: journal.train.filter((x) => x.crisis).length,
      journal_train_hard_negatives: journal.train.filter((x) => x.hardNegative).length,
      cssrs_train_users: cssrsTrain.length,
      cssrs_train_posts: cssrsTrain.reduce((n, u) => n + u.posts.length, 0),
      best_epoch: best.epoch + 1,
      epochs,
      seed,
    },
  };
  net.save(outDir);
  writeFileSync(join(outDir, META_FILE), `${JSON.stringify(meta)}\n`);

  const x = history.loss.map((_, i) => i + 1);
  writeLineChart(join(outDir, 'training-loss.png'), {
    title: 'Crisis classifier: training loss',
    xLabel: 'epoch',
    yLabel: 'weighted BCE',
    series: [{ name: 'train loss', values: history.loss, x }],
  });
  writeLineChart(join(outDir, 'training-dev.png'), {
    title: 'Gate on dev (journal + C-SSRS) at tuned thresholds',
    xLabel: 'epoch',
    yLabel: 'rate',
    series: [
      { name: 'recall', values: history.recall, x },
      { name: 'precision', values: history.precision, x },
      { name: 'hard-negative FPR', values: history.hnFpr, x },
      { name: 'classifier AUC (journal dev)', values: history.auc, x },
    ],
  });

  const model = new CrisisModel(meta, net);
  const evaluation = evaluateGate(model, datasets, outDir);
  printEvaluation(evaluation);
}

main();
