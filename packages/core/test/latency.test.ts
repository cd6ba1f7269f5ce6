import { describe, expect, it } from 'vitest';
import { quantile, timeCalls, timeCallsAsync } from '../src/latency';

describe('latency', () => {
  it('reads nearest-rank quantiles (rounding down) off sorted times, NaN when empty', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(sorted, 0.5)).toBe(6);
    expect(quantile(sorted, 0.99)).toBe(10);
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('runs the warm-up untimed, then times each call and sorts the times', async () => {
    const seen: number[] = [];
    const times = timeCalls(5, (i) => seen.push(i), 3);
    expect(seen).toEqual([0, 1, 2, 0, 1, 2, 3, 4]);
    expect(times).toHaveLength(5);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const awaited: number[] = [];
    const asyncTimes = await timeCallsAsync(2, async (i) => awaited.push(i), 1);
    expect(awaited).toEqual([0, 0, 1]);
    expect(asyncTimes).toHaveLength(2);
  });
});
