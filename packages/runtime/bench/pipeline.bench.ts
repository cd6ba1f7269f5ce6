/**
 * The whole pipeline per entry on this machine: analysis only (crisis → emotions → visuals → scene → prompt)
 * and with the offline 1024×1024 render, plus a slider refinement. Run: npx tsx packages/runtime/bench/pipeline.bench.ts
 */
import { env } from '@studio/core/env';
import { quantile, timeCallsAsync } from '@studio/core/latency';
import { analyzeEntry, visualise } from '@studio/core/pipeline';
import { readJournalEntries } from '@studio/ml/data/journal';
import { defaultStages } from '../src/stages';

const stages = defaultStages(env({ LOG_LEVEL: 'silent' }));
const texts = readJournalEntries()
  .filter((e) => !e.crisis)
  .map((e) => e.text);

async function time(name: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<Record<string, string | number>> {
  const ms = await timeCallsAsync(runs, fn, Math.min(20, runs));
  return { stage: name, runs, 'p50 ms': quantile(ms, 0.5).toFixed(2), 'p99 ms': quantile(ms, 0.99).toFixed(2) };
}

const text = (i: number) => texts[i % texts.length]!;
const rows = [
  await time('analysis, no image', 1000, (i) => analyzeEntry(text(i), stages, { render: false })),
  await time('analysis + offline render', 40, (i) => analyzeEntry(text(i), stages)),
];
const { result } = await analyzeEntry(text(0), stages, { render: false, seed: 1 });
rows.push(
  await time('slider refine (prompt + render)', 40, (i) =>
    visualise({ emotions: result.emotions!, scene: result.scene!, seed: 1, visuals: { ...result.visuals!, light_level: (i % 20) / 20 } }, stages),
  ),
);
console.log(`pipeline over ${texts.length} non-crisis journal entries`);
console.table(rows);
