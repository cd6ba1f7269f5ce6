/**
 * The studio's image stage: Bria's FIBO when a token is configured, the offline renderer otherwise, and the offline
 * renderer again whenever Bria fails, so a person always gets an image and the note says why it is the local one.
 */
import type { FiboStructuredPrompt, VisualParams } from '@studio/core/contracts';
import type { ImageGenerator, RenderedImage } from '@studio/core/pipeline';
import { BriaClient, briaConfigFromEnv, type BriaClientOptions, type BriaConfig } from './bria/client';
import { BriaError } from './bria/errors';
import { imageId, OfflineRenderer } from './render/index';

export interface ImageGeneratorOptions {
  /** Bria credentials (and, in tests, client tuning); without them the offline renderer is used. */
  bria?: BriaConfig | BriaClientOptions;
}

type GenerateOptions = { seed: number; visuals?: VisualParams; signal?: AbortSignal };

class BriaWithFallback implements ImageGenerator {
  constructor(
    private readonly client: BriaClient,
    private readonly offline: ImageGenerator,
  ) {}

  async generate(prompt: FiboStructuredPrompt, options: GenerateOptions): Promise<RenderedImage> {
    try {
      const image = await this.client.generateImage(prompt, { seed: options.seed, signal: options.signal });
      return {
        bytes: image.bytes,
        info: {
          id: imageId(image.bytes),
          renderer: 'bria',
          seed: image.generation.seed ?? options.seed,
          width: image.width,
          height: image.height,
          mime: image.mime,
        },
      };
    } catch (err) {
      // A cancellation is the caller's decision, not a failure to paper over.
      if (options.signal?.aborted) throw err;
      const fallback = await this.offline.generate(prompt, options);
      return { ...fallback, info: { ...fallback.info, note: fallbackNote(err) } };
    }
  }
}

function fallbackNote(err: unknown): string {
  const reason =
    err instanceof BriaError
      ? `${err.kind}${err.status ? ` (HTTP ${err.status})` : ''}: ${err.message}`
      : `unexpected error: ${(err as Error)?.message ?? String(err)}`;
  return `Bria FIBO was unavailable (${reason}); rendered with the offline renderer instead.`;
}

/**
 * Bria when a token is given, else the offline renderer. Called without arguments it reads BRIA_API_TOKEN and
 * BRIA_BASE_URL from the environment.
 */
export function createImageGenerator(options: ImageGeneratorOptions = { bria: briaConfigFromEnv() }): ImageGenerator {
  const offline = new OfflineRenderer();
  if (!options.bria?.token) return offline;
  return new BriaWithFallback(new BriaClient(options.bria), offline);
}
