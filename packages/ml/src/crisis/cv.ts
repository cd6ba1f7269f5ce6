/**
 * Out-of-fold error analysis on journal TRAIN (dev stays the final check): every train entry is scored by models that
 * never saw it, using the fixed folds of ./folds.
 *
 *   npx tsx packages/ml/src/crisis/cv.ts [--datasets DIR] [--classifier-folds PREFIX] [--goemotions 20000]
 *        [--cssrs-post 0.05] [--hard-negative 2] [--goemotions-weight 0.25] [--epochs 8] [--lr 0.5] [--l2 1e-5]
 *
 * The lexical model (./lexical) is trained here per fold (seconds). The neural classifier's folds are trained with
 * `npm run train:crisis -- --holdout F --out PREFIX{F}` and read from PREFIX0…PREFIX4 when --classifier-folds is given.
 * Prints, per scorer (classifier, lexical, their mixes and max): out-of-fold AUC, and the gate's best operating point on
 * the out-of-fold units with the same threshold search the shipped gate uses; then what the τ_mitigated floor costs.
 * Writes nothing; no entry text is printed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rng, shuffle } from '../text/kernels';
import { tokenize } from '../text/tokenize';
import { datasetsArg, loadCssrsSplit, loadGoEmotionsTexts, loadJournalCrisis, numberArg, stringArg, type CrisisItem } from './data';
import { FOLDS, foldOf } from './folds';
import { DEFAULT_LEXICAL_CONFIG, LexicalModel, lexicalExamples, lexicalTerms, type LexicalDataWeights, type LexicalTrainOptions } from './lexical';
import { MITIGATED_FLOOR, SHORT_TOKENS, auc, evaluateUnits, tuneThresholds, unitDecision, type TuningUnit } from './metrics';
import { loadCrisisModel, mixProbability } from './model';
import { CORE_WEIGHT, evaluateRules } from './rules';

interface Row {
  item: CrisisItem;
  ruleCrisis: boolean;
  mitigated: boolean;
  short: boolean;
  scores: Record<string, number>;
}

function groupOf(r: Row): string {
  if (r.item.crisis) return `crisis:${r.item.category}`;
  return r.item.hardNegative ? `hard_negative:${r.item.hardNegative}` : 'ordinary';
}

function unitOf(r: Row, p: number): TuningUnit {
  return {
    gold: r.item.crisis,
    hardNegative: r.item.hardNegative !== null,
    ruleCrisis: r.ruleCrisis,
    pPlain: !r.mitigated && !r.short ? p : 0,
    pMitigated: r.mitigated ? p : 0,
    pShort: !r.mitigated && r.short ? p : 0,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const datasets = datasetsArg(argv);
  const seed = numberArg(argv, '--seed', 7);
  const weights: LexicalDataWeights = {
    hardNegative: numberArg(argv, '--hard-negative', 2),
    cssrsPost: numberArg(argv, '--cssrs-post', 0.05),
    goemotions: numberArg(argv, '--goemotions-weight', 0.25),
  };
  const training: LexicalTrainOptions = {
    epochs: numberArg(argv, '--epochs', 8),
    lr: numberArg(argv, '--lr', 0.5),
    l2: numberArg(argv, '--l2', 1e-5),
    seed,
  };
  const classifierFolds = stringArg(argv, '--classifier-folds', '');

  const train = loadJournalCrisis().train;
  const cssrs = loadCssrsSplit(datasets, 'train');
  const goemotions = shuffle(loadGoEmotionsTexts(datasets, 'train'), rng(seed))
    .slice(0, numberArg(argv, '--goemotions', 20_000))
    .filter((t) => Math.max(...Object.values(evaluateRules(t).categories)) < CORE_WEIGHT);
  console.log(`journal train ${train.length} (crisis ${train.filter((x) => x.crisis).length}); ${FOLDS} folds; lexical`, weights, training);

  const rows: Row[] = train.map((item) => {
    const r = evaluateRules(item.text);
    return {
      item,
      ruleCrisis: Math.max(...Object.values(r.categories)) >= CORE_WEIGHT,
      mitigated: r.mitigated,
      short: tokenize(item.text).length < SHORT_TOKENS,
      scores: {},
    };
  });
  const extra = lexicalExamples([], cssrs, goemotions, weights);
  for (let f = 0; f < FOLDS; f++) {
    const inFold = (r: Row) => foldOf(r.item.id) === f;
    const examples = [...lexicalExamples(rows.filter((r) => !inFold(r)).map((r) => r.item), [], [], weights), ...extra];
    const model = LexicalModel.fit(DEFAULT_LEXICAL_CONFIG, examples.map((e) => e.terms));
    model.train(examples, training);
    for (const r of rows.filter(inFold)) r.scores.lexical = model.predictTerms(lexicalTerms(r.item.text));

    const dir = `${classifierFolds}${f}`;
    if (classifierFolds && existsSync(join(dir, 'crisis.json'))) {
      const net = loadCrisisModel(dir);
      for (const r of rows.filter(inFold)) r.scores.classifier = net.detail(r.item.text).probabilities.crisis;
    }
  }

  const scorers: Record<string, (r: Row) => number | undefined> = {
    classifier: (r) => r.scores.classifier,
    lexical: (r) => r.scores.lexical,
    ...Object.fromEntries(
      [0.25, 0.5, 0.75].map((w) => [
        `mix lexical ${w}`,
        (r: Row) => (r.scores.classifier === undefined ? undefined : mixProbability(r.scores.classifier, r.scores.lexical as number, w)),
      ]),
    ),
    max: (r) => (r.scores.classifier === undefined ? undefined : Math.max(r.scores.classifier, r.scores.lexical as number)),
  };
  const breakdowns: { name: string; flagged: boolean[] }[] = [];
  console.log('\nout-of-fold journal train | AUC   | best gate point (τ_mitigated ≥ 0.99): recall precision hard-neg FPR | τ');
  for (const [name, score] of Object.entries(scorers)) {
    const ps = rows.map(score);
    if (ps.some((p) => p === undefined)) continue;
    const units = rows.map((r, i) => unitOf(r, ps[i] as number));
    const t = tuneThresholds(units);
    const a = auc(rows.map((r, i) => ({ score: ps[i] as number, gold: r.item.crisis })));
    console.log(
      `${name.padEnd(25)} | ${a.toFixed(3)} | ${t.recall.toFixed(3)} ${t.precision.toFixed(3)} ${t.hardNegativeFpr.toFixed(3)} | ${t.thresholds.model.toFixed(3)}`,
    );
    // (d) the explained-away floor: crisis entries whose crisis words the rules explained away.
    const mitigatedCrisis = rows.filter((r, i) => r.mitigated && r.item.crisis && !r.ruleCrisis && (ps[i] as number) >= t.thresholds.model);
    const lost = mitigatedCrisis.filter((r) => (score(r) as number) < MITIGATED_FLOOR).length;
    const noFloor = evaluateUnits(units, { ...t.thresholds, mitigated: t.thresholds.model });
    console.log(
      `${''.padEnd(25)}   explained-away crisis entries above τ but under the 0.99 floor: ${lost}; ` +
        `without the floor: recall ${noFloor.recall.toFixed(3)} precision ${noFloor.precision.toFixed(3)} hard-neg FPR ${noFloor.hardNegativeFpr.toFixed(3)}`,
    );
    breakdowns.push({ name, flagged: units.map((u) => unitDecision(u, t.thresholds)) });
  }
  // Where each scorer's out-of-fold errors fall: missed crisis entries per category, flagged hard negatives per kind.
  const groups = [...new Set(rows.map(groupOf))].sort();
  console.log('\nout-of-fold flagged / n per group:');
  console.table(
    Object.fromEntries(
      groups.map((g) => {
        const members = rows.map((r, i) => ({ r, i })).filter(({ r }) => groupOf(r) === g);
        return [g, Object.fromEntries([['n', members.length], ...breakdowns.map((b) => [b.name, members.filter(({ i }) => b.flagged[i]).length])])];
      }),
    ),
  );
}

main();
