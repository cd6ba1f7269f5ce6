/**
 * Fixed k-fold assignment of journal train entries, for out-of-fold error analysis (see ./cv). A fold is a hash of the
 * entry id, so it stays put while the corpus grows and every model's folds line up.
 */
import { fnv1a } from '../text/hash';

export const FOLDS = 5;

export function foldOf(id: string, folds: number = FOLDS): number {
  return fnv1a(`fold:${id}`) % folds;
}
