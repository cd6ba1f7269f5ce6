/**
 * Text → model inputs for the emotion network: known-word ids (GloVe-initialised table) and hashed
 * ids for word bigrams and character n-grams (3–5), with each input's token position for explanations.
 */
import { tokenize } from '../text/tokenize';
import { hashedFeatures, type HashedFeatureOptions } from '../text/hash';
import type { Vocabulary } from '../text/vocab';

export interface FeatureConfig extends HashedFeatureOptions {
  /** Inputs beyond this many tokens are ignored (keeps the cost of very long entries bounded). */
  maxTokens: number;
}

export interface Features {
  tokens: string[];
  words: Int32Array;
  /** Token position of each entry of `words`. */
  wordPos: Int32Array;
  hashed: Int32Array;
  /** Token position of each entry of `hashed`. */
  hashPos: Int32Array;
}

export function featurize(text: string, vocab: Vocabulary, config: FeatureConfig): Features {
  const tokens = tokenize(text).slice(0, config.maxTokens);
  const words: number[] = [];
  const wordPos: number[] = [];
  tokens.forEach((t, i) => {
    const id = vocab.index.get(t);
    if (id !== undefined) {
      words.push(id);
      wordPos.push(i);
    }
  });
  const { ids, owner } = hashedFeatures(tokens, config);
  return { tokens, words: Int32Array.from(words), wordPos: Int32Array.from(wordPos), hashed: ids, hashPos: owner };
}
