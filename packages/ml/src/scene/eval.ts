/**
 * Evaluates the saved Model 2 on the held-out examples of its training split (rebuilt from the stored seed)
 * and prints the diversity/safety table:  npx tsx packages/ml/src/scene/eval.ts [--dir DIR] [--data DIR]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rng as createRng, shuffle } from '@studio/core/random';
import { defaultSceneDataDir, loadSceneBank } from './bank';
import { DEFAULT_TEMPERATURE, defaultSceneModelDir, loadSceneModelFile } from './generator';
import { evaluateSampler, priorParams, readSceneExamples, SceneSampler, uniformMetrics } from './sampler';
import { diversityReport, metricsTable } from './train';

const { values } = parseArgs({
  options: { dir: { type: 'string', default: defaultSceneModelDir() }, data: { type: 'string', default: defaultSceneDataDir() } },
});
const file = loadSceneModelFile(values.dir);
const bank = loadSceneBank(values.data);
const examples = readSceneExamples(join(values.data, 'examples.jsonl'));
const { seed } = file.training as { seed: number };
const order = shuffle(examples.map((_, i) => i), createRng(seed));
const heldOut = order.slice(Math.round(examples.length * 0.8)).map((i) => examples[i]!);
const sampler = new SceneSampler(bank, file.params);
console.log(
  metricsTable({
    held_out: evaluateSampler(sampler, heldOut),
    prior: evaluateSampler(new SceneSampler(bank, priorParams(bank)), heldOut),
    uniform: uniformMetrics(bank, heldOut),
  }),
);
console.table(diversityReport(sampler, DEFAULT_TEMPERATURE));
