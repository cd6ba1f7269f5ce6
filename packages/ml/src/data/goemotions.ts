/**
 * GoEmotions (Demszky et al., 2020; Apache-2.0): Reddit comments with 28 labels (27 emotions + neutral).
 * Files: DIR/goemotions/{train,dev}.tsv, tab-separated `text \t label ids \t comment id`, no header
 * (see the dataset's SOURCE.md; the test split is withheld).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOEMOTIONS_LABELS } from '@studio/core';

export interface GoEmotionsExample {
  id: string;
  text: string;
  /** Label indices into GOEMOTIONS_LABELS. */
  labels: number[];
}

/** Reads DIR/goemotions/SPLIT.tsv (train and dev here; an evaluator may add the withheld test). */
export function loadGoEmotions(datasetsDir: string, split: string): GoEmotionsExample[] {
  const path = join(datasetsDir, 'goemotions', `${split}.tsv`);
  const out: GoEmotionsExample[] = [];
  for (const [i, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (!line) continue;
    // Split on tabs only: some texts contain stray quotes that a CSV parser would misread.
    const [text, labels, id] = line.split('\t');
    if (text === undefined || labels === undefined || id === undefined) throw new Error(`${path}:${i + 1}: expected 3 fields`);
    const ids = labels.split(',').map(Number);
    if (ids.some((l) => !Number.isInteger(l) || l < 0 || l >= GOEMOTIONS_LABELS.length))
      throw new Error(`${path}:${i + 1}: bad label ids "${labels}"`);
    out.push({ id, text, labels: ids });
  }
  return out;
}

