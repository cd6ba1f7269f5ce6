import { loadCrisisModel } from './model';
import { loadJournalCrisis } from './data';
import { CRISIS_CATEGORIES } from '@studio/core';
const m = loadCrisisModel();
for (const x of loadJournalCrisis().train.filter((x) => x.category === 'harm_to_others').slice(0, 12)) {
  const d = m.detail(x.text); const a = d.assessment;
  const top = CRISIS_CATEGORIES.reduce((p, q) => (a.categories[q] > a.categories[p] ? q : p));
  console.log(a.is_crisis ? 'Y' : 'n', top.padEnd(18), Object.values(d.probabilities).map((v) => v.toFixed(2)).join(' '), x.text.slice(0, 120), '|', d.rules.matches.map((q) => q.rule.id + '/' + (q.suppressed ?? '')).join(','));
}
