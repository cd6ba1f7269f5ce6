/**
 * Trains the crisis classifier ensemble and tunes the gate's thresholds on dev.
 *
 *   npm run train:crisis -- [--datasets DIR] [--out models/crisis] [--members 1] [--epochs 6] [--seed 7]
 *                           [--cssrs-weight 0.1] [--cssrs-epochs N] [--rows-lr 0.05] [--dense-lr 1e-3] [--goemotions 20000]
 *                           [--holdout F] [--lexical-weight 0.5] [--lexical-cssrs-post 0.05]
 *
 * Trains on the journal corpus train split, Reddit C-SSRS train (users as bags of posts, see ./data) and GoEmotions
 * train comments as weak negatives. Each member keeps its best epoch on dev. The lexical model (./lexical) is trained on
 * the same sources and mixed in at --lexical-weight, a share chosen by out-of-fold measurement on journal train (./cv). The entry threshold is then tuned on the
 * shipped (quantised) model's output on journal dev + C-SSRS dev, the short-text threshold on GoEmotions dev comments.
 * Writes the artifact, training curves, a threshold sweep and the per-source evaluation (metrics.json, confusion
 * matrices).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { repoPath } from '@studio/core/paths';
import type { CssrsUser } from '../data/cssrs';
import { loadGlove } from '../text/glove';
import { shuffle, rng } from '../text/kernels';
import { tokenize } from '../text/tokenize';
import { writeLineChart, type Series } from '../report/charts';
import { CrisisClassifier, CrisisEnsemble, DEFAULT_CONFIG, HEADS, sifWeights, type ClassifierConfig, type Head, type WindowFeatures } from './classifier';
import { datasetsArg, loadCssrsSplit, loadGoEmotionsTexts, loadJournalCrisis, numberArg, stringArg, type CrisisItem } from './data';
import { evaluateGate, printEvaluation } from './evaluate';
import { foldOf } from './folds';
import { SHORT_TOKENS, TARGETS, auc, betterTuning, evaluateUnits, operatingPointAtRecall, tuneShortThreshold, tuneThresholds, type TuningResult, type TuningUnit } from './metrics';
import { DEFAULT_LEXICAL_CONFIG, DEFAULT_LEXICAL_TRAINING, DEFAULT_LEXICAL_WEIGHTS, LexicalModel, lexicalExamples } from './lexical';
import { CrisisModel, META_FILE, mixProbability, type CrisisMeta } from './model';
import { CORE_WEIGHT, RULES, RULE_FEATURES, evaluateRules, ruleFeatures } from './rules';

const VERSION = '1.3.0';
/** GloVe rows kept besides the training words: the most frequent English words, so unseen text still has vectors. */
const GLOVE_TOP = 20_000;
/** A positive C-SSRS user contributes its TOP_K most crisis-like windows (multiple-instance learning). */
const TOP_K = 2;
/** Per-window weight of a negative C-SSRS user's posts, capped per user so prolific posters do not dominate. */
const NEG_WINDOW_WEIGHT = 0.5;
const NEG_USER_CAP = 4;
/** Hard negatives are what the gate most needs to learn from our corpus. */
const HARD_NEGATIVE_WEIGHT = 2;
/** GoEmotions comments used as weak negatives (see data.loadGoEmotionsTexts), and their weight each. */
const GOEMOTIONS_NEGATIVES = 20_000;
const GOEMOTIONS_WEIGHT = 0.5;
const BATCH = 32;
const WEIGHT_DECAY = 1e-4;

interface Example {
  features: WindowFeatures;
  targets: Partial<Record<Head, number>>;
  weight: number;
}

interface Bag {
  windows: WindowFeatures[];
  positive: boolean;
}

interface DevText {
  text: string;
  windows: WindowFeatures[];
  ruleCrisis: boolean;
  mitigated: boolean;
  short: boolean;
}

interface DevData {
  journal: { item: CrisisItem; text: DevText }[];
  cssrs: { user: CssrsUser; posts: DevText[] }[];
}

interface Options {
  epochs: number;
  rowsLr: number;
  denseLr: number;
  cssrsWeight: number;
  cssrsEpochs: number;
}

interface History {
  loss: number[];
  auc: number[];
  recall: number[];
  precision: number[];
}

/** Every journal entry trains every head (a safe entry is a negative for each category too). */
function journalTargets(item: CrisisItem): Partial<Record<Head, number>> {
  const t: Partial<Record<Head, number>> = { crisis: item.crisis ? 1 : 0 };
  for (const h of HEADS) if (h !== 'crisis') t[h] = item.category === h ? 1 : 0;
  return t;
}

/** C-SSRS is a suicide-severity scale: positives are ideation; the other category heads are not observed. */
function cssrsTargets(positive: boolean): Partial<Record<Head, number>> {
  return { crisis: positive ? 1 : 0, suicidal_ideation: positive ? 1 : 0 };
}

function ruleView(text: string): { ruleCrisis: boolean; mitigated: boolean; extra: Float32Array } {
  const r = evaluateRules(text);
  return { ruleCrisis: Math.max(...Object.values(r.categories)) >= CORE_WEIGHT, mitigated: r.mitigated, extra: ruleFeatures(r) };
}

function devText(net: CrisisClassifier, text: string): DevText {
  const { ruleCrisis, mitigated, extra } = ruleView(text);
  const windows = net.windows(text, extra);
  return { text, windows, ruleCrisis, mitigated, short: windows.reduce((n, w) => n + w.tokens, 0) < SHORT_TOKENS };
}

/** Dev units for threshold tuning from any scorer of dev texts. */
function devUnits(dev: DevData, score: (text: DevText) => number): TuningUnit[] {
  const unit = (gold: boolean, hardNegative: boolean, texts: readonly DevText[]): TuningUnit => {
    const u: TuningUnit = { gold, hardNegative, ruleCrisis: false, pPlain: 0, pMitigated: 0, pShort: 0 };
    for (const text of texts) {
      const p = score(text);
      u.ruleCrisis ||= text.ruleCrisis;
      if (text.mitigated) u.pMitigated = Math.max(u.pMitigated, p);
      else if (text.short) u.pShort = Math.max(u.pShort, p);
      else u.pPlain = Math.max(u.pPlain, p);
    }
    return u;
  };
  return [
    ...dev.journal.map(({ item, text }) => unit(item.crisis, item.hardNegative !== null, [text])),
    ...dev.cssrs.map(({ user, posts }) => unit(user.atRisk, false, posts)),
  ];
}

function journalAuc(units: readonly TuningUnit[], journalCount: number): number {
  return auc(units.slice(0, journalCount).map((u) => ({ score: Math.max(u.pPlain, u.pMitigated, u.pShort), gold: u.gold })));
}

/** Trains one member; restores and returns its best epoch on dev (by the gate's tuned dev metrics). */
function trainMember(
  net: CrisisClassifier,
  journalExamples: readonly Example[],
  bags: readonly Bag[],
  dev: DevData,
  opts: Options,
  seed: number,
  label: string,
): { history: History; bestEpoch: number } {
  const random = rng(seed);
  const history: History = { loss: [], auc: [], recall: [], precision: [] };
  let best: { epoch: number; tuning: TuningResult; snapshot: Float32Array[] } | null = null;
  const bar = new SingleBar(
    { format: `${label} {bar} epoch {value}/{total} | loss {loss} | journal dev AUC {auc} | gate dev R {recall} P {precision}` },
    Presets.shades_classic,
  );
  bar.start(opts.epochs, 0, { loss: '-', auc: '-', recall: '-', precision: '-' });
  const trainer = net.trainer();
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const examples: Example[] = [...journalExamples];
    for (const bag of epoch < opts.cssrsEpochs ? bags : []) {
      if (!bag.positive) {
        const w = Math.min(NEG_WINDOW_WEIGHT, NEG_USER_CAP / bag.windows.length) * opts.cssrsWeight;
        for (const features of bag.windows) examples.push({ features, targets: cssrsTargets(false), weight: w });
      } else if (epoch === 0) {
        // Before the network can rank a bag's posts, each positive user spreads its weight over all of them.
        const w = opts.cssrsWeight / bag.windows.length;
        for (const features of bag.windows) examples.push({ features, targets: cssrsTargets(true), weight: w });
      } else {
        const top = bag.windows
          .map((features) => ({ features, p: net.predictWindow(features).crisis }))
          .sort((a, b) => b.p - a.p)
          .slice(0, TOP_K);
        for (const { features } of top) examples.push({ features, targets: cssrsTargets(true), weight: opts.cssrsWeight });
      }
    }
    shuffle(examples, random);
    let loss = 0;
    let weight = 0;
    const decay = 1 - epoch / (opts.epochs + 1);
    const lr = { dense: opts.denseLr * decay, rows: opts.rowsLr * decay };
    for (let i = 0; i < examples.length; i += BATCH) {
      const batch = examples.slice(i, i + BATCH);
      loss += trainer.step(batch, lr, WEIGHT_DECAY);
      for (const ex of batch) weight += ex.weight;
    }
    const units = devUnits(dev, (text) => Math.max(...text.windows.map((w) => net.predictWindow(w).crisis)));
    const tuning = tuneThresholds(units);
    history.loss.push(loss / Math.max(1, weight));
    history.auc.push(journalAuc(units, dev.journal.length));
    history.recall.push(tuning.recall);
    history.precision.push(tuning.precision);
    if (betterTuning(tuning, best?.tuning ?? null)) {
      best = { epoch, tuning, snapshot: [net.hashed, net.W1, net.b1, net.W2, net.b2].map((a) => a.slice()) };
    }
    bar.update(epoch + 1, {
      loss: (history.loss.at(-1) as number).toFixed(4),
      auc: (history.auc.at(-1) as number).toFixed(3),
      recall: tuning.recall.toFixed(3),
      precision: tuning.precision.toFixed(3),
    });
  }
  bar.stop();
  if (!best) throw new Error('no epoch trained');
  const snapshot = best.snapshot;
  [net.hashed, net.W1, net.b1, net.W2, net.b2].forEach((a, i) => a.set(snapshot[i] as Float32Array));
  return { history, bestEpoch: best.epoch };
}

function main(): void {
  const argv = process.argv.slice(2);
  const datasets = datasetsArg(argv);
  const outDir = stringArg(argv, '--out', repoPath('models', 'crisis'));
  const seed = numberArg(argv, '--seed', 7);
  const members = numberArg(argv, '--members', 1);
  const epochs = numberArg(argv, '--epochs', 6);
  const opts: Options = {
    epochs,
    rowsLr: numberArg(argv, '--rows-lr', 0.05),
    denseLr: numberArg(argv, '--dense-lr', 1e-3),
    cssrsWeight: numberArg(argv, '--cssrs-weight', 0.1),
    cssrsEpochs: numberArg(argv, '--cssrs-epochs', epochs),
  };
  const goemotionsCount = numberArg(argv, '--goemotions', GOEMOTIONS_NEGATIVES);
  const lexicalWeight = numberArg(argv, '--lexical-weight', 0.5);
  const lexicalWeights = { ...DEFAULT_LEXICAL_WEIGHTS, cssrsPost: numberArg(argv, '--lexical-cssrs-post', DEFAULT_LEXICAL_WEIGHTS.cssrsPost) };
  const config: ClassifierConfig = { ...DEFAULT_CONFIG, sif: numberArg(argv, '--sif', 1) === 1, extra: RULE_FEATURES };
  mkdirSync(outDir, { recursive: true });

  // --holdout F trains without journal train fold F (see ./folds), for out-of-fold predictions in ./cv.
  const holdout = numberArg(argv, '--holdout', -1);
  const journalAll = loadJournalCrisis();
  const journal = { ...journalAll, train: journalAll.train.filter((item) => holdout < 0 || foldOf(item.id) !== holdout) };
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
  // Kept rows come back in file order, so the ranks of the kept words line up with them.
  const keptRanks: number[] = [];
  const glove = loadGlove((w, rank) => {
    const keep = rank < GLOVE_TOP || trainWords.has(w);
    if (keep) keptRanks.push(rank);
    return keep;
  });
  console.log(`vocabulary ${glove.words.length} GloVe words, ${config.buckets} hashed buckets, ${members} members`);

  // Features depend on the vocabulary and config only, so every member shares them.
  const gloveWeight = sifWeights(Int32Array.from(keptRanks), config.sif);
  const featurizer = CrisisClassifier.create(config, glove.words, glove.vectors, gloveWeight, seed);
  const journalExamples: Example[] = journal.train.flatMap((item) => {
    const weight = item.hardNegative ? HARD_NEGATIVE_WEIGHT : 1;
    return featurizer.windows(item.text, ruleView(item.text).extra).map((features) => ({ features, targets: journalTargets(item), weight }));
  });
  const goemotions = shuffle(loadGoEmotionsTexts(datasets, 'train'), rng(seed)).slice(0, goemotionsCount);
  const goemotionsUsed: string[] = [];
  for (const text of goemotions) {
    const view = ruleView(text);
    if (view.ruleCrisis) continue;
    goemotionsUsed.push(text);
    for (const features of featurizer.windows(text, view.extra)) {
      journalExamples.push({ features, targets: { crisis: 0, suicidal_ideation: 0, self_harm: 0, harm_to_others: 0, severe_episode: 0 }, weight: GOEMOTIONS_WEIGHT });
    }
  }
  const bags: Bag[] = cssrsTrain.map((u) => ({
    positive: u.atRisk,
    windows: u.posts.flatMap((p) => featurizer.windows(p, ruleView(p).extra)),
  }));
  const dev: DevData = {
    journal: journal.dev.map((item) => ({ item, text: devText(featurizer, item.text) })),
    cssrs: cssrsDev.map((user) => ({ user, posts: user.posts.map((p) => devText(featurizer, p)) })),
  };

  const nets: CrisisClassifier[] = [];
  const histories: History[] = [];
  const bestEpochs: number[] = [];
  for (let m = 0; m < members; m++) {
    const net = m === 0 ? featurizer : CrisisClassifier.create(config, glove.words, glove.vectors, gloveWeight, seed + 1000 * m);
    const { history, bestEpoch } = trainMember(net, journalExamples, bags, dev, opts, seed + 1000 * m, `member ${m + 1}/${members}`);
    nets.push(net);
    histories.push(history);
    bestEpochs.push(bestEpoch + 1);
  }
  // Thresholds are tuned on the model as shipped: int8 rows shift probabilities a little.
  const bytes = new CrisisEnsemble(nets).save(outDir);
  const ensemble = CrisisEnsemble.load(outDir, config, glove.words, members);
  let lexical: LexicalModel | null = null;
  if (lexicalWeight > 0) {
    const examples = lexicalExamples(journal.train, cssrsTrain, goemotionsUsed, lexicalWeights);
    lexical = LexicalModel.fit(DEFAULT_LEXICAL_CONFIG, examples.map((e) => e.terms));
    const losses = lexical.train(examples, { ...DEFAULT_LEXICAL_TRAINING, seed });
    lexical.save(outDir);
    lexical = LexicalModel.load(outDir, DEFAULT_LEXICAL_CONFIG);
    console.log(`lexical model: ${examples.length} examples, loss ${losses.map((l) => l.toFixed(4)).join(' → ')}`);
  }
  const gateP = (text: DevText): number => {
    const neural = ensemble.predictWindows(text.windows).crisis;
    if (!lexical) return neural;
    return mixProbability(neural, text.windows.some((w) => w.tokens > 0) ? lexical.predict(text.text) : 0, lexicalWeight);
  };
  const units = devUnits(dev, gateP);
  const entryTuning = tuneThresholds(units);
  const shortNegatives = loadGoEmotionsTexts(datasets, 'dev')
    .map((text) => devText(featurizer, text))
    .filter((t) => t.short && !t.ruleCrisis && !t.mitigated)
    .map(gateP);
  const thresholds = tuneShortThreshold(entryTuning.thresholds, shortNegatives);
  const tuning: TuningResult = { ...entryTuning, thresholds, ...evaluateUnits(units, thresholds) };
  const atTarget = operatingPointAtRecall(units, TARGETS.recall);
  console.log(
    atTarget
      ? `for reference, recall ≥ ${TARGETS.recall} on dev needs thresholds ${JSON.stringify(atTarget.thresholds)}: ` +
          `precision ${atTarget.precision.toFixed(3)}, hard-negative FPR ${atTarget.hardNegativeFpr.toFixed(3)} (not shipped)`
      : `for reference, recall ≥ ${TARGETS.recall} is out of reach on dev while the rules' explanations stand`,
  );
  console.log(
    `gate p: journal dev AUC ${journalAuc(units, dev.journal.length).toFixed(3)} (neural alone ${journalAuc(devUnits(dev, (t) => ensemble.predictWindows(t.windows).crisis), dev.journal.length).toFixed(3)}` +
      `${lexical ? `, lexical alone ${journalAuc(devUnits(dev, (t) => (lexical as LexicalModel).predict(t.text)), dev.journal.length).toFixed(3)}` : ''}); thresholds`,
    tuning.thresholds,
    tuning.feasible ? '(targets met on dev)' : '(targets NOT met on dev)',
  );

  const meta: CrisisMeta = {
    name: 'crisis-gate',
    version: VERSION,
    config,
    members,
    ...(lexical ? { lexical: { config: DEFAULT_LEXICAL_CONFIG, weight: lexicalWeight } } : {}),
    thresholds: tuning.thresholds,
    words: glove.words,
    ruleIds: RULES.map((r) => r.id),
    trainedAt: new Date().toISOString(),
    data: {
      journal_train_entries: journal.train.length,
      journal_train_crisis: journal.train.filter((x) => x.crisis).length,
      journal_train_hard_negatives: journal.train.filter((x) => x.hardNegative).length,
      journal_dev_entries: journal.dev.length,
      cssrs_train_users: cssrsTrain.length,
      cssrs_train_posts: cssrsTrain.reduce((n, u) => n + u.posts.length, 0),
      goemotions_negatives: goemotionsUsed.length,
      lexical_weight: lexical ? lexicalWeight : 0,
      lexical_cssrs_post_weight: lexicalWeights.cssrsPost,
      cssrs_weight: opts.cssrsWeight,
      cssrs_epochs: Math.min(opts.cssrsEpochs, epochs),
      epochs,
      seed,
    },
  };
  writeFileSync(join(outDir, META_FILE), `${JSON.stringify(meta)}\n`);
  console.log(`wrote ${outDir} (classifier ${(bytes / 1e6).toFixed(1)} MB; best epochs ${bestEpochs.join(', ')})`);

  const x = Array.from({ length: epochs }, (_, i) => i + 1);
  const perMember = (key: keyof History, name: string): Series[] => histories.map((h, m) => ({ name: `${name} m${m + 1}`, values: h[key], x }));
  writeLineChart(join(outDir, 'training-loss.png'), {
    title: 'Crisis classifier: training loss per member',
    xLabel: 'epoch',
    yLabel: 'weighted BCE',
    series: perMember('loss', 'loss'),
  });
  writeLineChart(join(outDir, 'training-dev.png'), {
    title: 'Dev per epoch: classifier AUC, gate recall, precision',
    xLabel: 'epoch',
    yLabel: 'value',
    series: [...perMember('auc', 'AUC'), ...perMember('recall', 'recall'), ...perMember('precision', 'precision')],
  });

  // The trade-off the shipped threshold sits on, for whoever revisits the operating point.
  const grid = Array.from({ length: 60 }, (_, i) => 10 ** (-3 + (i * 3) / 59));
  const sweep = grid.map((model) => evaluateUnits(units, { ...tuning.thresholds, model, short: Math.max(model, tuning.thresholds.short) }));
  writeLineChart(join(outDir, 'dev-threshold-sweep.png'), {
    title: `Pooled dev vs threshold (log10; shipped ${tuning.thresholds.model.toFixed(3)})`,
    xLabel: 'log10 classifier threshold',
    yLabel: 'rate',
    series: [
      { name: 'recall', values: sweep.map((m) => m.recall), x: grid.map(Math.log10) },
      { name: 'precision', values: sweep.map((m) => m.precision), x: grid.map(Math.log10) },
      { name: 'hard-negative FPR', values: sweep.map((m) => m.hardNegativeFpr), x: grid.map(Math.log10) },
    ],
  });

  const evaluation = evaluateGate(new CrisisModel(meta, ensemble, lexical), datasets, outDir);
  printEvaluation(evaluation);
}

main();
