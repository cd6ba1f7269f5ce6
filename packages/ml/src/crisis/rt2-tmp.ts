import { readFileSync } from 'node:fs';
import { loadCrisisModel } from './model';
import { CRISIS_CATEGORIES } from '@studio/core';
const m = loadCrisisModel();
const cases = readFileSync('packages/ml/test/fixtures/crisis-redteam.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
for (const c of cases) {
  const d = m.detail(c.text); const a = d.assessment;
  const top = CRISIS_CATEGORIES.reduce((x, y) => (a.categories[y] > a.categories[x] ? y : x));
  const wrong = a.is_crisis !== c.is_crisis || (c.category && top !== c.category);
  if (Boolean(wrong) !== Boolean(c.known_failure)) console.log(wrong ? 'NEWFAIL' : 'NOWPASS', d.probabilities.crisis.toFixed(3), top, c.kind, c.text.slice(0, 70));
}
