/**
 * The whole pipeline per entry on this machine: analysis only (crisis → emotions → visuals → scene → prompt)
 * and with the offline 1024×1024 render, plus a slider refinement. Run: npx tsx packages/runtime/bench/pipeline.bench.ts
 */
import { env } from '@studio/core/env';
import { analyzeEntry, visualise } from '@studio/core/pipeline';
import { readJournalEntries } from '@studio/ml/data/journal';
import { defaultStages } from '../src/stages';

const stages = defaultStages(env({ LOG_LEVEL: 'silent' }));
const texts = readJournalEntries()
  .filter((e) => !e.crisis)
  .map((e) => e.text);

async function time(name: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<Record<string, string | number>> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  return { stage: name, runs, 'p50 ms': at(0.5).toFixed(2), 'p99 ms': at(0.99).toFixed(2) };
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
