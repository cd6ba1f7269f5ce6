/**
 * Training and evaluation examples for the emotion model, from GoEmotions and our journal corpus.
 * GoEmotions examples carry the 28 labels and, through the fixed mapping in @studio/core, 10 of the
 * 11 studio emotions (overwhelm is unknown there, so it is masked out, not taught as absent).
 * Journal entries carry the 11 studio emotions and their intensities, and no GoEmotions labels.
 */
import {
  GOEMOTIONS_LABELS,
  GOEMOTIONS_TO_STUDIO,
  STUDIO_EMOTIONS,
  type GoEmotionLabel,
  type StudioEmotion,
} from '@studio/core';
import type { GoEmotionsExample } from '../data/goemotions';
import type { JournalCorpusEntry } from '../data/journal';

export const GO_COUNT = GOEMOTIONS_LABELS.length;
export const STUDIO_COUNT = STUDIO_EMOTIONS.length;
/**
 * Output units: 28 GoEmotions logits, 11 studio logits (multi-label), 11 intensity logits, and 11
 * primary-emotion logits (a softmax: which one emotion leads the entry).
 */
export const HEADS = {
  go: 0,
  studio: GO_COUNT,
  intensity: GO_COUNT + STUDIO_COUNT,
  primary: GO_COUNT + 2 * STUDIO_COUNT,
  outputs: GO_COUNT + 3 * STUDIO_COUNT,
} as const;

export interface EmotionExample {
  source: 'goemotions' | 'journal';
  text: string;
  /** 28 targets, or null when unknown (journal entries). */
  go: Uint8Array | null;
  studio: Uint8Array;
  /** 1 where the studio target is known. */
  studioKnown: Uint8Array;
  /** Gold intensity per studio emotion, NaN where not labelled. */
  intensity: Float32Array;
  /** Index of the primary studio emotion, or -1 when there is none (GoEmotions comments with no or several studio emotions). */
  primary: number;
}

const studioIndex = new Map<StudioEmotion, number>(STUDIO_EMOTIONS.map((e, i) => [e, i]));
const OVERWHELM = studioIndex.get('overwhelm') as number;

export function fromGoEmotions(ex: GoEmotionsExample): EmotionExample {
  const go = new Uint8Array(GO_COUNT);
  const studio = new Uint8Array(STUDIO_COUNT);
  for (const l of ex.labels) {
    go[l] = 1;
    const mapped = GOEMOTIONS_TO_STUDIO[GOEMOTIONS_LABELS[l] as GoEmotionLabel];
    if (mapped) studio[studioIndex.get(mapped) as number] = 1;
  }
  const studioKnown = new Uint8Array(STUDIO_COUNT).fill(1);
  studioKnown[OVERWHELM] = 0;
  // A comment whose labels map to exactly one studio emotion has that emotion as its primary.
  const mapped = studio.reduce((a, v) => a + v, 0) === 1 ? studio.indexOf(1) : -1;
  return { source: 'goemotions', text: ex.text, go, studio, studioKnown, intensity: new Float32Array(STUDIO_COUNT).fill(NaN), primary: mapped };
}

export function fromJournal(entry: JournalCorpusEntry): EmotionExample {
  const studio = new Uint8Array(STUDIO_COUNT);
  const intensity = new Float32Array(STUDIO_COUNT).fill(NaN);
  for (const e of entry.emotions) {
    const i = studioIndex.get(e) as number;
    studio[i] = 1;
    intensity[i] = entry.intensities[e] ?? NaN;
  }
  return {
    source: 'journal',
    text: entry.text,
    go: null,
    studio,
    studioKnown: new Uint8Array(STUDIO_COUNT).fill(1),
    intensity,
    primary: studioIndex.get(entry.primary) as number,
  };
}
