/** The studio's 11 emotions and the GoEmotions taxonomy, with the one mapping between them. */

export const STUDIO_EMOTIONS = [
  'anxiety',
  'sadness',
  'anger',
  'joy',
  'fear',
  'disgust',
  'surprise',
  'hope',
  'overwhelm',
  'peace',
  'confusion',
] as const;
export type StudioEmotion = (typeof STUDIO_EMOTIONS)[number];

/** GoEmotions label order, as in the dataset's emotions.txt (ids 0..27). */
export const GOEMOTIONS_LABELS = [
  'admiration',
  'amusement',
  'anger',
  'annoyance',
  'approval',
  'caring',
  'confusion',
  'curiosity',
  'desire',
  'disappointment',
  'disapproval',
  'disgust',
  'embarrassment',
  'excitement',
  'fear',
  'gratitude',
  'grief',
  'joy',
  'love',
  'nervousness',
  'optimism',
  'pride',
  'realization',
  'relief',
  'remorse',
  'sadness',
  'surprise',
  'neutral',
] as const;
export type GoEmotionLabel = (typeof GOEMOTIONS_LABELS)[number];

/**
 * GoEmotions → studio emotions. Fixed by the Model 1 issue; labels not listed here
 * (approval, caring, curiosity, neutral) contribute nothing to the studio heads, and
 * overwhelm has no GoEmotions source (it comes only from our journal corpus).
 */
export const GOEMOTIONS_TO_STUDIO: Readonly<Partial<Record<GoEmotionLabel, StudioEmotion>>> = {
  nervousness: 'anxiety',
  sadness: 'sadness',
  grief: 'sadness',
  disappointment: 'sadness',
  remorse: 'sadness',
  anger: 'anger',
  annoyance: 'anger',
  disapproval: 'anger',
  joy: 'joy',
  amusement: 'joy',
  excitement: 'joy',
  love: 'joy',
  gratitude: 'joy',
  pride: 'joy',
  admiration: 'joy',
  fear: 'fear',
  disgust: 'disgust',
  embarrassment: 'disgust',
  surprise: 'surprise',
  realization: 'surprise',
  optimism: 'hope',
  desire: 'hope',
  relief: 'peace',
  confusion: 'confusion',
};

/** Studio emotions implied by a set of GoEmotions labels, in studio order. */
export function studioEmotionsOf(labels: readonly GoEmotionLabel[]): StudioEmotion[] {
  const hit = new Set(labels.map((l) => GOEMOTIONS_TO_STUDIO[l]).filter((e) => e !== undefined));
  return STUDIO_EMOTIONS.filter((e) => hit.has(e));
}

export const CRISIS_CATEGORIES = ['suicidal_ideation', 'self_harm', 'harm_to_others', 'severe_episode'] as const;
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];

export const VISUAL_PARAMS = ['light_level', 'warmth', 'saturation', 'openness', 'camera_distance', 'contrast'] as const;
export type VisualParam = (typeof VISUAL_PARAMS)[number];

/**
 * Valence (−1..1) and arousal (0..1) per studio emotion, after Russell's circumplex and
 * the NRC VAD lexicon's averages for the emotion words; used by the visual mapping.
 */
export const EMOTION_AFFECT: Readonly<Record<StudioEmotion, { valence: number; arousal: number }>> = {
  anxiety: { valence: -0.55, arousal: 0.8 },
  sadness: { valence: -0.75, arousal: 0.25 },
  anger: { valence: -0.7, arousal: 0.85 },
  joy: { valence: 0.85, arousal: 0.7 },
  fear: { valence: -0.8, arousal: 0.85 },
  disgust: { valence: -0.65, arousal: 0.55 },
  surprise: { valence: 0.15, arousal: 0.85 },
  hope: { valence: 0.65, arousal: 0.5 },
  overwhelm: { valence: -0.6, arousal: 0.9 },
  peace: { valence: 0.7, arousal: 0.1 },
  confusion: { valence: -0.3, arousal: 0.55 },
};
