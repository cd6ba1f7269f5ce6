/**
 * The documented emotion → visual mapping that teaches Model 3 (the MLP starts from it and then
 * learns people's slider corrections on top).
 *
 * Brightness and saturation invert Valdez & Mehrabian (1994, J. Exp. Psych.: General 123(4)),
 * whose regressions on standardised colour attributes are
 *   pleasure ≈ .69·brightness + .22·saturation,   arousal ≈ −.31·brightness + .60·saturation.
 * Each emotion's pleasure/arousal comes from EMOTION_AFFECT (circumplex / NRC VAD averages), so
 * solving the 2×2 system gives the brightness and saturation that evoke it. Hue temperature
 * (warmth) follows the cross-cultural colour–emotion associations of Jonauskaite et al. (2020,
 * Psychological Science 31(10)): joy ↔ yellow/orange, anger ↔ red, sadness ↔ blue/grey, fear ↔
 * dark/black. Openness and camera distance are cinematographic conventions: enclosure and tight
 * framing for anxiety and fear, open horizons for peace and hope, a small figure seen from afar for
 * sadness. Contrast rises with arousal and with the intensity of the feeling.
 */
import { EMOTION_AFFECT, STUDIO_EMOTIONS, VISUAL_PARAMS, type StudioEmotion, type StudioScores, type VisualParams } from '@studio/core';

/** Valdez & Mehrabian's coefficients (standardised units). */
const VM = { pleasure: { brightness: 0.69, saturation: 0.22 }, arousal: { brightness: -0.31, saturation: 0.6 } };

/** Brightness and saturation (standardised) that the V&M regressions map to the given pleasure and arousal. */
export function brightnessSaturationFor(pleasure: number, arousal: number): { brightness: number; saturation: number } {
  const det = VM.pleasure.brightness * VM.arousal.saturation - VM.pleasure.saturation * VM.arousal.brightness;
  return {
    brightness: (VM.arousal.saturation * pleasure - VM.pleasure.saturation * arousal) / det,
    saturation: (VM.pleasure.brightness * arousal - VM.arousal.brightness * pleasure) / det,
  };
}

/** Hue temperature per emotion (0 cool blue … 1 warm amber), after Jonauskaite et al. (2020). */
export const EMOTION_WARMTH: Readonly<Record<StudioEmotion, number>> = {
  joy: 0.88,
  anger: 0.78,
  hope: 0.7,
  surprise: 0.62,
  peace: 0.52,
  disgust: 0.42,
  confusion: 0.4,
  overwhelm: 0.38,
  anxiety: 0.3,
  fear: 0.2,
  sadness: 0.16,
};

/** How much open space and sky the frame holds (0 enclosed … 1 open horizon). */
export const EMOTION_OPENNESS: Readonly<Record<StudioEmotion, number>> = {
  peace: 0.9,
  hope: 0.86,
  joy: 0.76,
  surprise: 0.64,
  sadness: 0.55,
  confusion: 0.4,
  anger: 0.34,
  disgust: 0.3,
  overwhelm: 0.24,
  fear: 0.2,
  anxiety: 0.14,
};

/** Camera distance (0 extreme close-up … 1 distant wide shot). */
export const EMOTION_CAMERA_DISTANCE: Readonly<Record<StudioEmotion, number>> = {
  peace: 0.82,
  sadness: 0.76,
  hope: 0.7,
  joy: 0.56,
  confusion: 0.46,
  surprise: 0.44,
  overwhelm: 0.36,
  disgust: 0.34,
  anger: 0.3,
  fear: 0.24,
  anxiety: 0.14,
};

/** Weight (in squared-score units) of the neutral anchor, so weak or empty score vectors map to a calm, middle image. */
const NEUTRAL_WEIGHT = 0.1;

/** Per-emotion visual targets before mixing and intensity (contrast handled separately). */
export function emotionTargets(emotion: StudioEmotion): Omit<VisualParams, 'contrast'> {
  const { valence, arousal } = EMOTION_AFFECT[emotion];
  // Arousal is 0..1 in the taxonomy; V&M's standardised units are centred, so centre it.
  const { brightness, saturation } = brightnessSaturationFor(valence, 2 * arousal - 1);
  // The solved values span about ±2.1 standard units; ±2 maps onto the slider range.
  return {
    light_level: clamp01(0.5 + brightness / 4),
    warmth: EMOTION_WARMTH[emotion],
    saturation: clamp01(0.5 + saturation / 4),
    openness: EMOTION_OPENNESS[emotion],
    camera_distance: EMOTION_CAMERA_DISTANCE[emotion],
  };
}

/**
 * The teacher: mix per-emotion targets by score, pull towards neutral when the feeling is mild
 * (intensity scales the distance from the middle), and raise contrast with arousal and intensity.
 */
export function mapEmotionsToVisuals(scores: StudioScores, intensity: number): VisualParams {
  let total = NEUTRAL_WEIGHT;
  let arousal = NEUTRAL_WEIGHT * 0.5;
  const mix: Record<Exclude<(typeof VISUAL_PARAMS)[number], 'contrast'>, number> = {
    light_level: NEUTRAL_WEIGHT * 0.5,
    warmth: NEUTRAL_WEIGHT * 0.5,
    saturation: NEUTRAL_WEIGHT * 0.5,
    openness: NEUTRAL_WEIGHT * 0.5,
    camera_distance: NEUTRAL_WEIGHT * 0.5,
  };
  for (const emotion of STUDIO_EMOTIONS) {
    // Squared scores let the dominant feeling lead a mix instead of everything averaging to grey.
    const w = scores[emotion] ** 2;
    if (w <= 0) continue;
    total += w;
    arousal += w * EMOTION_AFFECT[emotion].arousal;
    const t = emotionTargets(emotion);
    for (const key of Object.keys(mix) as (keyof typeof mix)[]) mix[key] += w * t[key];
  }
  const strength = 0.5 + 0.5 * clamp01(intensity);
  const pull = (v: number) => clamp01(0.5 + strength * (v / total - 0.5));
  return {
    light_level: pull(mix.light_level),
    warmth: pull(mix.warmth),
    saturation: pull(mix.saturation),
    openness: pull(mix.openness),
    camera_distance: pull(mix.camera_distance),
    contrast: clamp01(0.15 + 0.35 * (arousal / total) + 0.45 * clamp01(intensity)),
  };
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
