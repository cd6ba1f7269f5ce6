/**
 * The offline renderer: any FIBO structured prompt → a calm, painted 1024×1024 PNG, deterministic for a seed.
 * Numeric visual params, when the pipeline has them, are used exactly; otherwise they are read from the prompt's words.
 */
import { createHash } from 'node:crypto';
import type { FiboStructuredPrompt, VisualParams } from '@studio/core/contracts';
import type { ImageGenerator, RenderedImage } from '@studio/core/pipeline';
import { parseStructuredPrompt } from '../bria/canonical';
import { composeScene } from './compose';
import { paramsFromPhrases } from './hints';
import { grainTile, rasterise, rasteriseAsync, type Raster } from './raster';

export const RENDER_SIZE = 1024;

export interface RenderOptions {
  seed: number;
  /** Exact visual params; when absent they are read from the prompt's phrases. */
  visuals?: VisualParams;
  /** Square output size in pixels (tests render smaller). */
  size?: number;
}

/** Content id of an image: the first 32 hex digits of its SHA-256. */
export function imageId(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

export function sceneSvg(prompt: FiboStructuredPrompt, options: RenderOptions): string {
  const visuals = options.visuals ?? paramsFromPhrases(prompt).params;
  return composeScene(prompt, visuals, options.seed >>> 0, grainTile(options.seed), options.size ?? RENDER_SIZE);
}

/** Rendered pixels (RGBA) and PNG, for measuring what the renderer drew. */
export function renderRaster(prompt: FiboStructuredPrompt, options: RenderOptions): Raster {
  return rasterise(sceneSvg(prompt, options), options.size ?? RENDER_SIZE, true);
}

function rendered({ png, width, height }: Raster, seed: number): RenderedImage {
  return { bytes: png, info: { id: imageId(png), renderer: 'offline', seed: seed >>> 0, width, height, mime: 'image/png' } };
}

export function renderPrompt(prompt: FiboStructuredPrompt, options: RenderOptions): RenderedImage {
  return rendered(rasterise(sceneSvg(prompt, options), options.size ?? RENDER_SIZE), options.seed);
}

/** As renderPrompt, off the event loop (for the studio server and the CLI); same bytes. */
export async function renderPromptAsync(prompt: FiboStructuredPrompt, options: RenderOptions & { signal?: AbortSignal }): Promise<RenderedImage> {
  return rendered(await rasteriseAsync(sceneSvg(prompt, options), options.size ?? RENDER_SIZE, options.signal), options.seed);
}

/**
 * For the CLI's `render --prompt file.json`: validates a pasted prompt (object or JSON string) leniently, after FIBO's
 * canonicalisation, and renders it. Throws PromptFormatError listing every problem when it is not a FIBO prompt.
 */
export async function renderPromptFile(prompt: unknown, seed: number): Promise<RenderedImage> {
  return renderPromptAsync(parseStructuredPrompt(prompt), { seed });
}

export class OfflineRenderer implements ImageGenerator {
  async generate(prompt: FiboStructuredPrompt, options: { seed: number; visuals?: VisualParams; signal?: AbortSignal }): Promise<RenderedImage> {
    options.signal?.throwIfAborted();
    return renderPromptAsync(prompt, options);
  }
}
