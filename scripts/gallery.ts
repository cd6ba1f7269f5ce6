/**
 * `npm run gallery`: renders all 11 studio emotions at three intensities through the real pipeline pieces — the
 * trained visual model (Model 3), the scene generator over our scene bank (Model 2; its untrained prior when
 * models/scene has not been trained yet), the FIBO prompt builder and the offline renderer — into docs/gallery.png.
 *
 *   npm run gallery [-- --out docs/gallery.png --seed 7 --cell 200]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import type { EmotionAnalysis, StudioScores } from '@studio/core/contracts';
import { repoPath } from '@studio/core/paths';
import { GOEMOTIONS_LABELS, STUDIO_EMOTIONS, type StudioEmotion } from '@studio/core/taxonomy';
import { buildFiboPrompt } from '@studio/fibo/prompt';
import { renderPrompt } from '@studio/fibo/render';
import { dropAlpha, encodePng } from '@studio/fibo/render/raster';
import { loadSceneBank } from '@studio/ml/scene/bank';
import {
  BankSceneGenerator,
  DEFAULT_TEMPERATURE,
  defaultSceneModelDir,
  loadSceneGenerator,
  SCENE_MODEL_FILE,
} from '@studio/ml/scene/generator';
import { priorParams, SceneSampler } from '@studio/ml/scene/sampler';
import { loadVisualModel } from '@studio/ml/visual/model';

const INTENSITIES = [0.25, 0.6, 0.95] as const;

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: repoPath('docs', 'gallery.png') },
    seed: { type: 'string', default: '7' },
    cell: { type: 'string', default: '200' },
  },
});
const seed = Number(values.seed);
const cell = Number(values.cell);

/** A clear single-emotion analysis, as Model 1 would give for an entry that feels only this. */
function analysisFor(emotion: StudioEmotion, intensity: number): EmotionAnalysis {
  const scores = Object.fromEntries(STUDIO_EMOTIONS.map((e) => [e, e === emotion ? intensity : 0.04])) as StudioScores;
  return {
    scores,
    labels: [emotion],
    primary: emotion,
    secondary: null,
    intensity,
    intensities: scores,
    confidence: intensity,
    goemotions: Object.fromEntries(GOEMOTIONS_LABELS.map((l) => [l, 0])) as EmotionAnalysis['goemotions'],
    goemotions_labels: [],
  };
}

/** The trained scene sampler when models/scene has one (a broken one is an error, not a fallback), else the prior. */
function sceneGenerator(): { generator: BankSceneGenerator; source: string } {
  if (existsSync(join(defaultSceneModelDir(), SCENE_MODEL_FILE))) {
    return { generator: loadSceneGenerator({ llm: null }), source: 'trained scene sampler' };
  }
  const bank = loadSceneBank();
  return {
    generator: new BankSceneGenerator(new SceneSampler(bank, priorParams(bank)), DEFAULT_TEMPERATURE, null, fetch),
    source: 'scene bank with the sampler prior (models/scene not trained yet)',
  };
}

const visuals = loadVisualModel();
const { generator, source } = sceneGenerator();
console.log(`scenes: ${source}`);

const label = 96;
const header = 28;
const width = label + cell * INTENSITIES.length;
const height = header + cell * STUDIO_EMOTIONS.length;
let body = '';
const started = performance.now();
for (const [row, emotion] of STUDIO_EMOTIONS.entries()) {
  for (const [col, intensity] of INTENSITIES.entries()) {
    const emotions = analysisFor(emotion, intensity);
    const v = visuals.predict(emotions);
    const scene = generator.generateFromBank({ emotions, seed: seed + row * 31 + col });
    const prompt = buildFiboPrompt({ emotions, visuals: v, scene });
    const image = renderPrompt(prompt, { seed: scene.seed, visuals: v, size: cell });
    const href = `data:image/png;base64,${Buffer.from(image.bytes).toString('base64')}`;
    body += `<image href="${href}" x="${label + col * cell}" y="${header + row * cell}" width="${cell}" height="${cell}"/>`;
    console.log(`${emotion.padEnd(10)} ${intensity.toFixed(2)}  ${scene.family.padEnd(14)} ${scene.metaphor}`);
  }
  body += `<text x="${label - 12}" y="${header + row * cell + cell / 2 + 5}" text-anchor="end">${emotion}</text>`;
}
for (const [col, intensity] of INTENSITIES.entries()) {
  body += `<text x="${label + col * cell + cell / 2}" y="19" text-anchor="middle">intensity ${intensity}</text>`;
}
const svg =
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
  `<rect width="${width}" height="${height}" fill="#16161a"/>` +
  `<g font-family="DejaVu Sans" font-size="14" fill="#c9c6cf">${body}</g></svg>`;
const grid = new Resvg(svg, { font: { loadSystemFonts: true } }).render();
// Opaque RGB with the Paeth filter keeps the grain-textured grid well under 2 MB.
const png = encodePng(grid.width, grid.height, 3, dropAlpha(grid.pixels));
writeFileSync(values.out, png);
console.log(`${values.out}: ${width}×${height}, ${(png.length / 1024).toFixed(0)} KiB, ${((performance.now() - started) / 1000).toFixed(1)} s`);
