/**
 * Fidelity of the offline renderer, measured on the rendered pixels: each visual parameter must move the picture the
 * way it says (light → luminance, contrast → RMS contrast, warmth → hue, openness → empty space, camera distance →
 * subject size), and the prompt's objects must appear where and as large as their `location`/`relative_size` say.
 */
import type { FiboStructuredPrompt, VisualParams } from '@studio/core/contracts';
import { describe, expect, it } from 'vitest';
import { PromptFormatError } from '../src/bria/canonical';
import { imageMeta } from '../src/bria/image';
import { paramsFromPhrases } from '../src/render/hints';
import { OfflineRenderer, renderPrompt, renderPromptAsync, renderPromptFile, renderRaster } from '../src/render/index';
import { difference, horizonRow, hue, meanLum, meanRgb, rmsContrast, spearman, viewArea } from '../bench/metrics';

const SIZE = 160;
const NEUTRAL: VisualParams = { light_level: 0.5, warmth: 0.5, saturation: 0.5, openness: 0.5, camera_distance: 0.5, contrast: 0.5 };

function prompt(over: Partial<FiboStructuredPrompt> = {}): FiboStructuredPrompt {
  return {
    short_description: 'A lone figure stands in a quiet landscape.',
    objects: [{ description: 'a lone figure standing', location: 'center', relationship: 'alone', relative_size: 'medium' }],
    background_setting: 'a wide meadow under an open sky',
    lighting: { conditions: 'soft even light', direction: 'from the left', shadows: 'soft shadows' },
    aesthetics: { composition: 'balanced', color_scheme: 'natural colours', mood_atmosphere: 'quiet' },
    context: 'a visual metaphor for a journal entry',
    ...over,
  };
}

const SCENES: Record<string, FiboStructuredPrompt> = {
  meadow: prompt(),
  sea: prompt({
    objects: [{ description: 'a small sailboat', location: 'center', relationship: 'alone on the water' }],
    background_setting: 'open sea under a wide sky',
    lighting: { conditions: 'dusk light', direction: 'low from the right' },
  }),
  room: prompt({
    objects: [
      { description: 'a tall window', location: 'center', relationship: 'in the far wall' },
      { description: 'a person sitting in a chair', location: 'left foreground', relationship: 'facing the window' },
    ],
    background_setting: 'a quiet room with bare walls',
  }),
  mountains: prompt({ background_setting: 'mountains and a pine forest in winter', lighting: { conditions: 'night with stars', direction: 'from above' } }),
};

const SWEEP = Array.from({ length: 11 }, (_, i) => i / 10);

function pixels(p: FiboStructuredPrompt, visuals: VisualParams, seed = 11, size = SIZE): Uint8Array {
  return renderRaster(p, { seed, visuals, size }).pixels;
}

function sweep(param: keyof VisualParams, p: FiboStructuredPrompt, measure: (px: Uint8Array) => number): number[] {
  return SWEEP.map((value) => measure(pixels(p, { ...NEUTRAL, [param]: value })));
}

describe('offline renderer: each visual parameter moves the pixels', () => {
  it.each(Object.keys(SCENES))('mean luminance rises with light_level (%s)', (scene) => {
    const values = sweep('light_level', SCENES[scene]!, meanLum);
    expect(spearman(SWEEP, values)).toBeGreaterThanOrEqual(0.9);
    expect(values.at(-1)! - values[0]!).toBeGreaterThan(60);
  });

  it.each(Object.keys(SCENES))('RMS contrast rises with contrast (%s)', (scene) => {
    const values = sweep('contrast', SCENES[scene]!, rmsContrast);
    expect(spearman(SWEEP, values)).toBeGreaterThanOrEqual(0.9);
    expect(values.at(-1)! / values[0]!).toBeGreaterThan(1.8);
  });

  it.each(Object.keys(SCENES))('hue moves from blue toward orange as warmth rises (%s)', (scene) => {
    const colours = SWEEP.map((w) => meanRgb(pixels(SCENES[scene]!, { ...NEUTRAL, warmth: w, saturation: 0.7 })));
    expect(spearman(SWEEP, colours.map(([r, , b]) => r - b))).toBeGreaterThanOrEqual(0.9);
    const cool = hue(colours[0]!);
    const warm = hue(colours.at(-1)!);
    expect(cool).toBeGreaterThan(190);
    expect(cool).toBeLessThan(260);
    expect(warm).toBeGreaterThan(10);
    expect(warm).toBeLessThan(50);
  });

  it.each(['meadow', 'sea'])('the open sky (the horizon drops) grows with openness (%s)', (scene) => {
    const values = sweep('openness', SCENES[scene]!, (px) => horizonRow(px, SIZE));
    expect(spearman(SWEEP, values)).toBeGreaterThanOrEqual(0.9);
    expect(values.at(-1)! - values[0]!).toBeGreaterThan(0.15);
  });

  it('indoors, the view out of the window grows with openness', () => {
    const values = sweep('openness', SCENES.room!, (px) => viewArea(px, SIZE));
    expect(spearman(SWEEP, values)).toBeGreaterThanOrEqual(0.9);
    expect(values.at(-1)! / values[0]!).toBeGreaterThan(1.5);
  });

  it.each(['meadow', 'sea'])('the subject grows as camera_distance falls (%s)', (scene) => {
    const p = SCENES[scene]!;
    const empty = { ...p, objects: [] };
    const areas = SWEEP.map((d) => {
      const visuals = { ...NEUTRAL, camera_distance: d };
      return difference(pixels(p, visuals), pixels(empty, visuals), SIZE).area;
    });
    expect(spearman(SWEEP, areas)).toBeLessThanOrEqual(-0.9);
    expect(areas[0]! / areas.at(-1)!).toBeGreaterThan(4);
  });

  it('saturation raises colourfulness', () => {
    const chroma = (px: Uint8Array) => {
      let s = 0;
      for (let i = 0; i < px.length; i += 4) s += Math.max(px[i]!, px[i + 1]!, px[i + 2]!) - Math.min(px[i]!, px[i + 1]!, px[i + 2]!);
      return s / (px.length / 4);
    };
    const values = sweep('saturation', SCENES.sea!, chroma);
    expect(spearman(SWEEP, values)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('offline renderer: reads the JSON faithfully', () => {
  const base = prompt({ objects: [] });
  const visuals = NEUTRAL;
  const blank = pixels(base, visuals);
  const motifs = [
    'a small wooden boat',
    'a lighthouse',
    'an old oak tree',
    'a tall pine',
    'a lone figure',
    'a woman sitting',
    'a flock of birds',
    'a cabin',
    'a doorway of light',
    'a street lamp',
    'a bench',
    'a large rock',
    'wildflowers',
    'tall grass',
    'a train',
    'city buildings',
    'a stone bridge',
    'a breaking wave',
    'a red kite',
    'a person under an umbrella',
    'a wooden fence',
    'a deer',
    'a mountain peak',
    'a glowing orb',
    'a candle',
  ];
  it.each(motifs)('draws "%s"', (description) => {
    const p = { ...base, objects: [{ description, location: 'center', relationship: 'alone', relative_size: 'large' }] };
    expect(difference(pixels(p, visuals), blank, SIZE).area).toBeGreaterThan(0.002);
  });

  it('places objects by location', () => {
    const at = (location: string) => {
      const p = { ...base, objects: [{ description: 'a lone figure', location, relationship: 'alone' }] };
      return difference(pixels(p, visuals), blank, SIZE).cx;
    };
    const left = at('left');
    const center = at('center');
    const right = at('right');
    expect(left).toBeLessThan(0.4);
    expect(center).toBeGreaterThan(0.4);
    expect(center).toBeLessThan(0.6);
    expect(right).toBeGreaterThan(0.6);
  });

  it('sizes objects by relative_size', () => {
    const area = (relative_size: string) => {
      const p = { ...base, objects: [{ description: 'an old tree', location: 'center', relationship: 'alone', relative_size }] };
      return difference(pixels(p, visuals), blank, SIZE).area;
    };
    const sizes = ['small', 'medium', 'large', 'very large'].map(area);
    expect(spearman([0, 1, 2, 3], sizes)).toBe(1);
  });

  it('draws weather: rain and snow change the picture; night shows stars', () => {
    // Rain and stars are fine strokes: measured at a size where they are more than a pixel wide.
    const size = 512;
    const scene = (background_setting: string, conditions = 'soft light') =>
      pixels({ ...base, background_setting, lighting: { conditions, direction: 'from above' } }, { ...visuals, light_level: 0.3 }, 11, size);
    const plain = scene('a wide meadow');
    expect(difference(scene('a wide meadow in heavy rain'), plain, size).area).toBeGreaterThan(0.005);
    expect(difference(scene('a wide meadow in falling snow'), plain, size).area).toBeGreaterThan(0.005);
    expect(difference(scene('a wide meadow', 'starry night'), plain, size).area).toBeGreaterThan(0.002);
  });

  it('reads visual params from the phrases when no numbers are given', () => {
    const dim = prompt({ lighting: { conditions: 'dim, low-key moonlit night', direction: 'from above' } });
    const bright = prompt({ lighting: { conditions: 'bright, radiant sunlit day', direction: 'from above' } });
    expect(paramsFromPhrases(dim).params.light_level).toBeLessThan(0.25);
    expect(paramsFromPhrases(bright).params.light_level).toBeGreaterThan(0.75);
    const lumOf = (p: FiboStructuredPrompt) => meanLum(renderRaster(p, { seed: 3, size: SIZE }).pixels);
    expect(lumOf(bright)).toBeGreaterThan(lumOf(dim) + 40);

    const cool = prompt({ aesthetics: { composition: 'vast negative space', color_scheme: 'icy blues', mood_atmosphere: 'still' } });
    const warm = prompt({
      background_setting: 'a small attic room',
      aesthetics: { composition: 'tight framing, enclosed', color_scheme: 'warm amber and gold', mood_atmosphere: 'still' },
    });
    expect(paramsFromPhrases(cool).params.warmth).toBeLessThan(0.2);
    expect(paramsFromPhrases(warm).params.warmth).toBeGreaterThan(0.7);
    expect(paramsFromPhrases(cool).params.openness).toBeGreaterThan(0.8);
    expect(paramsFromPhrases(warm).params.openness).toBeLessThan(0.2);
    expect(paramsFromPhrases(prompt()).heard.has('camera_distance')).toBe(false);
    const closeUp = prompt({
      photographic_characteristics: { depth_of_field: 'shallow', focus: 'sharp', camera_angle: 'eye level, close-up', lens_focal_length: '85mm' },
    });
    expect(paramsFromPhrases(closeUp).params.camera_distance).toBeLessThan(0.35);
  });
});

describe('offline renderer: output', () => {
  it('renders a 1024×1024 PNG with a content-hash id', () => {
    const image = renderPrompt(SCENES.sea!, { seed: 5, visuals: NEUTRAL });
    expect(imageMeta(image.bytes)).toEqual({ mime: 'image/png', width: 1024, height: 1024 });
    expect(image.info).toMatchObject({ renderer: 'offline', seed: 5, width: 1024, height: 1024, mime: 'image/png' });
    expect(image.info.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('renders the same bytes off the event loop, and honours cancellation', async () => {
    const sync = renderPrompt(SCENES.sea!, { seed: 2, visuals: NEUTRAL, size: SIZE });
    const offLoop = await renderPromptAsync(SCENES.sea!, { seed: 2, visuals: NEUTRAL, size: SIZE });
    expect(offLoop.info.id).toBe(sync.info.id);
    await expect(new OfflineRenderer().generate(SCENES.sea!, { seed: 2, signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const a = renderPrompt(SCENES.mountains!, { seed: 9, size: SIZE });
    const b = renderPrompt(SCENES.mountains!, { seed: 9, size: SIZE });
    const c = renderPrompt(SCENES.mountains!, { seed: 10, size: SIZE });
    expect(a.info.id).toBe(b.info.id);
    expect(c.info.id).not.toBe(a.info.id);
  });

  it('renders a prompt pasted from Bria (JSON string, extra keys, nulls, string counts) after canonicalising it', async () => {
    const pasted = JSON.stringify({
      short_description: 'Two people walk along a foggy beach at dawn.',
      objects: [
        { description: 'two people walking', location: 'left', relationship: 'together', number_of_objects: '2', clothing: null },
        { description: 'seagulls', location: 'upper right', relationship: 'above the sea', relative_size: 'small' },
      ],
      background_setting: 'a foggy beach by the sea',
      lighting: { conditions: 'dawn, diffused', direction: 'from the right', shadows: '' },
      aesthetics: { composition: 'rule of thirds', color_scheme: 'pastel pinks', mood_atmosphere: 'tender', preference_score: 'high' },
      photographic_characteristics: { depth_of_field: 'deep', focus: 'sharp', camera_angle: 'eye level', lens_focal_length: '35mm' },
      style_medium: 'photograph',
      text_render: [],
      context: 'a journal metaphor',
      artistic_style: 'soft realism',
      unknown_key: 'dropped',
    });
    const image = await renderPromptFile(pasted, 4);
    expect(image.info).toMatchObject({ renderer: 'offline', width: 1024, height: 1024, seed: 4 });
    await expect(renderPromptFile({ objects: 'nope' }, 1)).rejects.toBeInstanceOf(PromptFormatError);
    await expect(renderPromptFile('{not json', 1)).rejects.toThrow(/not JSON/);
  });

  it('renders any schema-valid prompt, however odd its words', () => {
    const words = ['', 'x', 'lighthouse in a room at night', 'upper far left', 'huge', 'snow rain fog storm', '漢字', 'a'.repeat(300)];
    for (let i = 0; i < 24; i++) {
      const w = (k: number) => words[(i * 7 + k * 3) % words.length]!;
      const p = prompt({
        objects: Array.from({ length: i % 6 }, (_, k) => ({ description: w(k), location: w(k + 1), relationship: w(k + 2), relative_size: w(k + 3) })),
        background_setting: w(4),
        lighting: { conditions: w(5), direction: w(6), shadows: w(7) },
        aesthetics: { composition: w(1), color_scheme: w(2), mood_atmosphere: w(3) },
      });
      const image = renderPrompt(p, { seed: i, size: 64 });
      expect(imageMeta(image.bytes)?.width).toBe(64);
    }
  });
});
