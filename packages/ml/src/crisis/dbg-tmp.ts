import { loadCrisisModel } from './model';
import { loadJournalCrisis } from './data';
const m = loadCrisisModel('/tmp/crisis-try');
const j = loadJournalCrisis();
const s = j.dev.map(x => ({ x, d: m.detail(x.text) }));
const ruleOnly = s.filter(e => e.x.crisis && Math.max(...Object.values(e.d.rules.categories)) >= 0.5).length;
console.log('dev crisis', s.filter(e=>e.x.crisis).length, 'caught by rules', ruleOnly, 'rule FPs', s.filter(e => !e.x.crisis && Math.max(...Object.values(e.d.rules.categories)) >= 0.5).length);
for (const e of s) if (!e.x.crisis && Math.max(...Object.values(e.d.rules.categories)) >= 0.5) console.log('RULE-FP', e.x.hardNegative, e.x.text.slice(0,200).replace(/\n/g,' '), '|', e.d.assessment.signals.map(q=>q.id).join(','));
for (const e of s) if (e.x.crisis && !e.d.assessment.is_crisis) console.log('MISS', e.d.probabilities.crisis.toFixed(3), e.x.category, e.x.text.slice(0,200).replace(/\n/g,' '), '|', e.d.rules.matches.map(q=>q.rule.id+'/'+q.suppressed).join(','));
