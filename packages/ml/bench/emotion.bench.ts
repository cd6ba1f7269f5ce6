/**
 * Model 1 speed: load time, single-entry analyze() latency (p50 / p99, explanations included), batch
 * throughput and CPU time per entry, on GoEmotions-length and journal-length texts.
 * Run: npx tsx packages/ml/bench/emotion.bench.ts
 */
import { loadEmotionModel } from '@studio/ml/emotion/model';
import { readJournalEntries } from '@studio/ml/data/journal';
import { quantile, timeCalls } from '@studio/core/latency';
import { repoPath } from '@studio/core/paths';

// Fixed texts so runs compare across machines and corpus versions; journal entries are added when present.
const SHORT = [
  'I am so happy for you, congratulations!',
  'This is the worst thing that has happened to me all year.',
  "I don't know what to do anymore, everything feels like too much.",
  'lol that is hilarious 😂',
  'Why would anyone think that was a good idea?',
  'Thank you so much, this means a lot.',
  'I miss her every single day.',
  'Ugh, my landlord ignored my email again.',
];

function bench(name: string, texts: string[], analyze: (t: string) => unknown): Record<string, string | number> {
  const rounds = Math.max(1, Math.ceil(2000 / texts.length));
  const times = timeCalls(rounds * texts.length, (i) => analyze(texts[i % texts.length] as string), 300);
  const batchStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (const t of texts) analyze(t);
  const cpu = process.cpuUsage(cpuStart);
  const batchMs = performance.now() - batchStart;
  const words = texts.reduce((a, t) => a + t.split(/\s+/).length, 0) / texts.length;
  return {
    texts: name,
    'avg words': Math.round(words),
    'p50 ms': quantile(times, 0.5).toFixed(3),
    'p99 ms': quantile(times, 0.99).toFixed(3),
    'batch entries/s': Math.round(texts.length / (batchMs / 1000)),
    // CPU time per entry: what the latency would be on an idle core (the machine is shared).
    'CPU ms/entry': ((cpu.user + cpu.system) / 1000 / texts.length).toFixed(3),
  };
}

const loadStart = performance.now();
const model = loadEmotionModel();
const loadMs = performance.now() - loadStart;
const journal = readJournalEntries(repoPath('data', 'journal')).map((e) => e.text);
const rows = [bench('short comments', SHORT, (t) => model.analyze(t))];
if (journal.length) rows.push(bench(`journal entries (${journal.length})`, journal, (t) => model.analyze(t)));
if (journal.length) rows.push(bench('journal, scores only', journal, (t) => model.scores(t)));
console.log(`${model.id}: load ${loadMs.toFixed(0)} ms`);
console.table(rows);
