/** A word vocabulary: a stable list of words and their ids, built from token counts. */

export class Vocabulary {
  readonly index: Map<string, number>;

  constructor(readonly words: readonly string[]) {
    this.index = new Map(words.map((w, i) => [w, i]));
    if (this.index.size !== words.length) throw new Error('vocabulary words must be unique');
  }

  get size(): number {
    return this.words.length;
  }

}

export function countTokens(docs: Iterable<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const t of doc) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
