/**
 * Offline renderer speed at the studio's size (1024×1024 PNG), target ≤ 200 ms per image.
 *
 *   npx tsx packages/fibo/bench/render.bench.ts [--runs 60]
 *
 * Renders a spread of scenes (sea, night coast, rainy forest, room, city at night, snowy mountains, desert, field)
 * across seeds and visual settings; prints p50/p99 for composing the SVG, rasterising + PNG encoding, and the total.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { VisualParams } from '@studio/core/contracts';
import { renderPrompt, sceneSvg } from '../src/render/index';
import { rasterise } from '../src/render/raster';
import { SCENES } from './scenes';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '60' } } });
const runs = Number(values.runs);

function visualsFor(i: number): VisualParams {
  const t = (k: number) => ((i * (k + 3) * 0.137) % 1 + 1) % 1;
  return { light_level: t(0), warmth: t(1), saturation: t(2), openness: t(3), camera_distance: t(4), contrast: t(5) };
}

function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

// Warm up the JIT and resvg before measuring.
for (let i = 0; i < 4; i++) renderPrompt(SCENES[i % SCENES.length]!, { seed: i, visuals: visualsFor(i) });

const compose: number[] = [];
const raster: number[] = [];
const total: number[] = [];
// CPU time of this process: on a shared machine wall time also counts the time other jobs held the cores.
const cpu: number[] = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const prompt = SCENES[i % SCENES.length]!;
  const options = { seed: 1000 + i, visuals: visualsFor(i) };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const svg = sceneSvg(prompt, options);
  const t1 = performance.now();
  const { png } = rasterise(svg, 1024);
  const t2 = performance.now();
  const c1 = process.cpuUsage(c0);
  compose.push(t1 - t0);
  raster.push(t2 - t1);
  total.push(t2 - t0);
  cpu.push((c1.user + c1.system) / 1000);
  bytes += png.length;
}

const row = (xs: number[]) => ({
  p50_ms: +quantile(xs, 0.5).toFixed(1),
  p99_ms: +quantile(xs, 0.99).toFixed(1),
  mean_ms: +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1),
  max_ms: +Math.max(...xs).toFixed(1),
});
console.log(`offline renderer, 1024×1024 PNG, ${runs} renders over ${SCENES.length} scenes, mean PNG ${(bytes / runs / 1024).toFixed(0)} KiB`);
console.table({ 'compose SVG': row(compose), 'rasterise + PNG': row(raster), 'total (wall)': row(total), 'total (CPU)': row(cpu) });
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
const p50 = quantile(total, 0.5);
const p99 = quantile(total, 0.99);
console.log(`target ≤ 200 ms per image: wall p50 ${p50.toFixed(1)} ms ${p50 <= 200 ? 'OK' : 'OVER'}, p99 ${p99.toFixed(1)} ms ${p99 <= 200 ? 'OK' : 'OVER'}`);
