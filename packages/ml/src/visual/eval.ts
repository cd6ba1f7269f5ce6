/**
 * Evaluates the saved Model 3 against the teacher (and any feedback) on the seeded 80/20 held-out split,
 * rebuilt from the current corpus:  npx tsx packages/ml/src/visual/eval.ts [--dir DIR] [--feedback FILE]...
 */
import { parseArgs } from 'node:util';
import { repoPath } from '@studio/core/paths';
import { loadJournalCorpus } from '../data/journal';
import { buildVisualDataset, readVisualFeedback } from './data';
import { defaultVisualModelDir, evaluateVisual, loadVisualModel } from './model';
import { printVisualMetrics } from './train';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: defaultVisualModelDir() },
    feedback: { type: 'string', multiple: true, default: [] },
    journal: { type: 'string', default: repoPath('data', 'journal') },
  },
});
const model = loadVisualModel(values.dir);
const training = model.file!.training as { seed: number; synthetic: number };
const { heldOut } = buildVisualDataset({
  corpus: loadJournalCorpus(values.journal).all,
  feedback: values.feedback.flatMap((f) => readVisualFeedback(f)),
  synthetic: training.synthetic,
  corpusVariants: 5,
  feedbackWeight: 5,
  seed: training.seed,
});
printVisualMetrics(evaluateVisual(model, heldOut));
