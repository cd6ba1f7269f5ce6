/**
 * The fixed 80/20 train/dev split of the journal corpus. Stratified on primary × crisis × hard-negative;
 * inside a stratum entries are ordered by a salted hash of their id and the lowest-ranked 20 % go to dev.
 * Once split, an entry never changes side: when the corpus grows, only the new entries are split (the same
 * way, among themselves), so a dev entry never leaks into train and earlier dev scores stay comparable.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalCorpusEntry } from './journal';

export const SPLIT_SALT = 'fibo-journal-split-v1';
export const DEV_FRACTION = 0.2;

export function stratumOf(e: Pick<JournalCorpusEntry, 'primary' | 'crisis' | 'tags'>): string {
  const hardNegative = !e.crisis && e.tags.some((t) => t.startsWith('hard_negative:'));
  return `${e.primary}|${e.crisis ? 'crisis' : 'safe'}|${hardNegative ? 'hardneg' : 'plain'}`;
}

/** A stable position in [0, 1) for an id. */
export function splitRank(id: string, salt = SPLIT_SALT): number {
  return createHash('sha256').update(`${salt}:${id}`).digest().readUInt32BE(0) / 2 ** 32;
}

export interface Split {
  train: string[];
  dev: string[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Splits `entries` 80/20 per stratum. Entries already in `previous` keep their side; the others are split
 * among themselves. Ids in `previous` that are no longer entries are dropped.
 */
export function stratifiedSplit(
  entries: ReadonlyArray<Pick<JournalCorpusEntry, 'id' | 'primary' | 'crisis' | 'tags'>>,
  previous: Split = { train: [], dev: [] },
  devFraction = DEV_FRACTION,
  salt = SPLIT_SALT,
): Split {
  const [oldTrain, oldDev] = [new Set(previous.train), new Set(previous.dev)];
  const strata = new Map<string, string[]>();
  const train: string[] = [];
  const dev: string[] = [];
  for (const e of entries) {
    if (oldTrain.has(e.id)) train.push(e.id);
    else if (oldDev.has(e.id)) dev.push(e.id);
    else {
      const key = stratumOf(e);
      strata.set(key, [...(strata.get(key) ?? []), e.id]);
    }
  }
  for (const ids of strata.values()) {
    const ranked = ids.map((id) => ({ id, rank: splitRank(id, salt) })).sort((a, b) => a.rank - b.rank || byString(a.id, b.id));
    const nDev = Math.round(ranked.length * devFraction);
    ranked.forEach(({ id }, i) => (i < nDev ? dev : train).push(id));
  }
  return { train: train.sort(byString), dev: dev.sort(byString) };
}

/** Writes split/train.ids and split/dev.ids under the corpus directory, one sorted id per line. */
export function writeSplit(corpusDir: string, split: Split): void {
  const dir = join(corpusDir, 'split');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'train.ids'), split.train.map((id) => `${id}\n`).join(''));
  writeFileSync(join(dir, 'dev.ids'), split.dev.map((id) => `${id}\n`).join(''));
}
