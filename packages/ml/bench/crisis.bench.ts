/**
 * Model 4 speed: load time and assess() latency (p50 / p99 / mean) per text length, against the ≤ 1 ms per entry
 * target. Run: npx tsx packages/ml/bench/crisis.bench.ts
 */
import { readFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadCrisisGate } from '@studio/ml/crisis/model';
import { readJournalEntries } from '@studio/ml/data/journal';
import { quantile, timeCalls } from '@studio/core/latency';
import { repoPath } from '@studio/core/paths';

// Fixed chat-length texts so runs compare across machines and corpus versions.
const CHAT = [
  'want to die',
  'this meeting could have been an email, kill me',
  'ok see you at 6',
  'i cant do this anymore',
  'lol dead 😂',
  'my friend said she wants to hurt herself, what do i do',
  'thinking of ending it tonight',
  'long day but fine',
];

function bench(name: string, texts: string[], assess: (t: string) => unknown): Record<string, string | number> {
  const rounds = Math.max(1, Math.ceil(2000 / texts.length));
  const times = timeCalls(rounds * texts.length, (i) => assess(texts[i % texts.length] as string), 300);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  return {
    texts: name,
    'mean chars': Math.round(chars),
    calls: times.length,
    'p50 ms': quantile(times, 0.5).toFixed(3),
    'p99 ms': quantile(times, 0.99).toFixed(3),
    'mean ms': mean.toFixed(3),
    'target ms': 1,
  };
}

const t0 = performance.now();
const gate = loadCrisisGate();
const loadMs = performance.now() - t0;

const journal = readJournalEntries(repoPath('data', 'journal')).map((e) => e.text);
const redteamPath = repoPath('packages', 'ml', 'test', 'fixtures', 'crisis-redteam.jsonl');
const redteam = existsSync(redteamPath)
  ? readFileSync(redteamPath, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text)
  : [];
const rows = [bench('chat messages', CHAT, (t) => gate.assess(t))];
if (redteam.length) rows.push(bench('red-team cases', redteam, (t) => gate.assess(t)));
if (journal.length) rows.push(bench('journal entries', journal.slice(0, 500), (t) => gate.assess(t)));
// A long entry: ten journal entries (or the chat texts) run together, about 3-5k characters.
const long = journal.length >= 10 ? journal.slice(0, 10).join('\n\n') : CHAT.join(' ').repeat(20);
rows.push(bench('one long entry', [long], (t) => gate.assess(t)));

console.log(`crisis gate load: ${loadMs.toFixed(0)} ms`);
console.table(rows);
