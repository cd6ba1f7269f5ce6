import { loadCrisisModel } from './model';
import { loadJournalCrisis } from './data';
import { evaluateRules, ruleFeatures } from './rules';
const m = loadCrisisModel('/tmp/crisis-try');
const texts = loadJournalCrisis().dev.map(x => x.text);
for (const [name, f] of [['rules', (t: string) => evaluateRules(t)], ['classifier', (t: string) => m.classifier.predict(t, ruleFeatures(evaluateRules(t)))], ['assess', (t: string) => m.assess(t)]] as const) {
  for (const t of texts) f(t);
  const t0 = performance.now(); for (let r = 0; r < 3; r++) for (const t of texts) f(t);
  console.log(name, ((performance.now() - t0) / (3 * texts.length)).toFixed(3), 'ms/entry', 'mean chars', Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length));
}
