import { readFileSync } from 'node:fs';
import { evaluateRules, CORE_WEIGHT } from './rules';
const cases = readFileSync('packages/ml/test/fixtures/crisis-redteam.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l));
let bad=0;
for (const c of cases) {
  const r = evaluateRules(c.text);
  const risk = Math.max(...Object.values(r.categories));
  const pred = risk >= CORE_WEIGHT;
  if (pred !== c.is_crisis) { bad++; console.log(c.is_crisis?'MISS':'FP  ', c.kind.padEnd(18), r.mitigated?'M':' ', c.text.slice(0,90), '|', r.matches.map(m=>m.rule.id+(m.suppressed?'/'+m.suppressed:'')).join(',')); }
}
console.log('wrong', bad, 'of', cases.length);
