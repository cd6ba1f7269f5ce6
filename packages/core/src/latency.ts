/**
 * Latency measurement shared by the benchmarks and the model cards: time calls one at a time after a warm-up,
 * then read quantiles off the sorted times.
 */

/** The p-quantile of ascending `sorted` (nearest rank, rounding down); NaN when empty. */
export function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** Wall-clock milliseconds of `call(0)` … `call(count − 1)`, sorted ascending; `call(0…warmup − 1)` run untimed first. */
export function timeCalls(count: number, call: (i: number) => unknown, warmup = 0): number[] {
  for (let i = 0; i < warmup; i++) call(i);
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    call(i);
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b);
}

/** timeCalls for async work: each call is awaited before the next starts. */
export async function timeCallsAsync(count: number, call: (i: number) => Promise<unknown>, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await call(i);
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call(i);
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b);
}
