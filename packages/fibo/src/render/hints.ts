/**
 * Visual parameters read back from a prompt's phrases, for prompts that arrive without numbers. Our own prompts carry
 * them exactly in the prompt builder's vocabulary (read first, to ±1/16); prompts pasted from Bria or written by hand
 * are read through the looser word tables below. Each parameter listens to the fields that would describe it; every matched phrase votes with the
 * level it stands for, and the most specific phrase wins its span of text (so "very low contrast" is not also read as
 * "low contrast"). Parameters nothing speaks about stay at the neutral 0.5.
 */
import type { FiboStructuredPrompt, VisualParams } from '@studio/core/contracts';
import { VISUAL_PARAMS, type VisualParam } from '@studio/core/taxonomy';
import { visualHintsFromPrompt } from '../vocabulary';

type Phrases = readonly (readonly [RegExp, number])[];

/** Longest, most specific phrases first within each table. */
const PHRASES: Record<VisualParam, Phrases> = {
  light_level: [
    [/\b(pitch[- ]dark|near[- ]darkness|total darkness|deep night|blackness)\b/g, 0.05],
    [/\b(high[- ]key|radiant|brilliant|dazzling|blazing|luminous|sun[- ]drenched|flooded with light)\b/g, 0.92],
    [/\b(low[- ]key|dimly lit|dim|gloomy|murky|shadowy|moonlit|night(time)?|darkness|dark)\b/g, 0.18],
    [/\b(twilight|dusk|dusky|overcast|subdued|muted light|fading light|half[- ]light)\b/g, 0.35],
    [/\b(soft daylight|diffuse(d)?|even light|natural light|soft light|morning light|dawn)\b/g, 0.55],
    [/\b(bright|sunlit|sunny|daylight|airy|well[- ]lit|golden hour|glowing)\b/g, 0.75],
  ],
  warmth: [
    [/\b(icy|ice[- ]blue|frigid|frosty|steel[- ]blue|cold blue|glacial)\b/g, 0.05],
    [/\b(fiery|ember|embers|burning|blood[- ]orange|red[- ]orange|flame)\b/g, 0.95],
    [/\b(cool|cold|blues?|teal|cyan|indigo|navy|silver(y)?|slate|moonlit|aqua)\b/g, 0.2],
    [/\b(neutral|balanced|grey|gray|beige|taupe)\b/g, 0.5],
    [/\b(warm|golden|gold|amber|honey|peach|apricot|sunset|ochre|copper|rosy|candlelit|orange)\b/g, 0.8],
  ],
  saturation: [
    [/\b(monochrome|monochromatic|black and white|grayscale|greyscale|colou?rless)\b/g, 0.04],
    [/\b(vivid|intense colou?rs?|electric|bold colou?rs?|hyper[- ]?saturated|jewel[- ]toned?)\b/g, 0.95],
    [/\b(desaturated|muted|washed[- ]out|faded|pale|subdued colou?rs?|dusty|pastel)\b/g, 0.22],
    [/\b(natural colou?rs?|soft colou?rs?|gentle colou?rs?|balanced colou?rs?)\b/g, 0.5],
    [/\b(rich|saturated|vibrant|lush|deep colou?rs?)\b/g, 0.78],
  ],
  openness: [
    [/\b(claustrophobic|boxed[- ]in|cramped|confined|enclosed|hemmed[- ]in|walled[- ]in)\b/g, 0.08],
    [/\b(vast negative space|generous negative space|boundless|endless|vast|expansive|infinite|sweeping|wide[- ]open)\b/g, 0.92],
    [/\b(narrow|tight framing|crowded|close quarters|dense|cluttered)\b/g, 0.22],
    [/\b(intimate|sheltered|nestled|partly enclosed)\b/g, 0.35],
    [/\b(open|spacious|negative space|wide view|roomy|airy|uncluttered|minimal)\b/g, 0.72],
  ],
  camera_distance: [
    [/\b(extreme close[- ]?up|macro)\b/g, 0.04],
    [/\b(extreme wide|extreme long shot|establishing shot|aerial|panoramic|bird'?s[- ]eye)\b/g, 0.94],
    [/\b(medium close[- ]?up)\b/g, 0.3],
    [/\b(close[- ]?up|tight shot|intimate framing)\b/g, 0.16],
    [/\b(medium[- ]wide|medium long shot|full shot)\b/g, 0.6],
    [/\b(medium shot|mid[- ]shot)\b/g, 0.45],
    [/\b(wide shot|long shot|wide[- ]angle|distant view|far away|from afar)\b/g, 0.8],
  ],
  contrast: [
    [/\b(very low contrast|flat light(ing)?|no contrast)\b/g, 0.08],
    [/\b(extreme contrast|stark|chiaroscuro|harsh|deep blacks|very high contrast)\b/g, 0.92],
    [/\b(low contrast|soft contrast|gentle contrast|hazy|misty|washed)\b/g, 0.28],
    [/\b(moderate contrast|balanced contrast|medium contrast)\b/g, 0.5],
    [/\b(high contrast|crisp|defined shadows|dramatic|bold shadows|strong contrast)\b/g, 0.75],
  ],
};

/** Which fields speak about which parameter. */
function fieldsFor(param: VisualParam, p: FiboStructuredPrompt): string[] {
  const photo = p.photographic_characteristics;
  const a = p.aesthetics;
  switch (param) {
    case 'light_level':
      return [p.lighting.conditions, p.lighting.shadows ?? '', a.mood_atmosphere, p.short_description];
    case 'warmth':
      return [a.color_scheme, p.lighting.conditions];
    case 'saturation':
      return [a.color_scheme, p.style_medium ?? ''];
    case 'openness':
      return [a.composition, p.background_setting, p.short_description];
    case 'camera_distance':
      return [photo?.camera_angle ?? '', photo?.lens_focal_length ?? '', a.composition, p.short_description];
    case 'contrast':
      return [p.lighting.conditions, p.lighting.shadows ?? '', a.color_scheme, a.mood_atmosphere, photo?.focus ?? ''];
  }
}

function votes(text: string, phrases: Phrases): number[] {
  let rest = text.toLowerCase();
  const found: number[] = [];
  for (const [re, value] of phrases) {
    rest = rest.replace(re, () => {
      found.push(value);
      return ' ';
    });
  }
  return found;
}

/** A focal length reads as framing: long lenses isolate (close), short ones take in the scene (far). */
function lensVote(lens: string | undefined): number[] {
  const mm = lens ? /(\d{2,3})\s*mm/i.exec(lens) : null;
  if (!mm) return [];
  const f = Number(mm[1]);
  return [Math.min(0.9, Math.max(0.15, 0.9 - (Math.log2(f / 14) / Math.log2(200 / 14)) * 0.75))];
}

export interface ReadParams {
  params: VisualParams;
  /** Parameters some phrase spoke about (the rest are neutral defaults). */
  heard: Set<VisualParam>;
}

export function paramsFromPhrases(prompt: FiboStructuredPrompt): ReadParams {
  const heard = new Set<VisualParam>();
  const params = {} as VisualParams;
  const exact = visualHintsFromPrompt(prompt);
  for (const param of VISUAL_PARAMS) {
    const value = exact[param];
    if (value !== undefined) {
      params[param] = value;
      heard.add(param);
      continue;
    }
    const found = fieldsFor(param, prompt).flatMap((text) => votes(text, PHRASES[param]));
    if (param === 'camera_distance') found.push(...lensVote(prompt.photographic_characteristics?.lens_focal_length));
    if (found.length) heard.add(param);
    params[param] = found.length ? found.reduce((s, v) => s + v, 0) / found.length : 0.5;
  }
  return { params, heard };
}
