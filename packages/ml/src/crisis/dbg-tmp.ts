import { loadCrisisModel } from './model';
import { loadJournalCrisis } from './data';
import { evaluateRules } from './rules';
const m = loadCrisisModel('/tmp/crisis-try');
const j = loadJournalCrisis();
function auc(items: {text:string,crisis:boolean}[]) {
  const s = items.map(x => ({p: m.classifier.predict(x.text).crisis, y: x.crisis}));
  const pos = s.filter(x=>x.y), neg = s.filter(x=>!x.y);
  let c = 0; for (const a of pos) for (const b of neg) c += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  const med = (a: number[]) => a.sort((x,y)=>x-y)[a.length>>1];
  return { auc: c/(pos.length*neg.length), posMed: med(pos.map(x=>x.p)), negMed: med(neg.map(x=>x.p)) };
}
console.log('train', auc(j.train), 'dev', auc(j.dev));
let missed = 0;
for (const x of j.dev) { const d = m.detail(x.text); if (x.crisis && !d.assessment.is_crisis) { missed++; console.log('MISS', x.category, d.probabilities.crisis.toFixed(4), d.rules.mitigated, x.text.slice(0,160).replace(/\n/g,' '), d.rules.matches.map(q=>q.rule.id+'/'+q.suppressed).join(',')); } }
for (const x of j.dev) { const d = m.detail(x.text); if (!x.crisis && d.assessment.is_crisis) { console.log('FP', x.hardNegative, d.probabilities.crisis.toFixed(4), x.text.slice(0,160).replace(/\n/g,' '), d.assessment.signals.map(q=>q.id).join(',')); } }
