/** @studio/fibo: FIBO structured prompts, the Bria FIBO client and the offline renderer. */
export { createImageGenerator, type ImageGeneratorOptions } from './images';
export {
  BriaClient,
  BRIA_DEFAULT_BASE_URL,
  briaConfigFromEnv,
  type BriaClientOptions,
  type BriaConfig,
  type BriaGenerateOptions,
  type BriaGeneration,
  type BriaImage,
} from './bria/client';
export { BriaError, type BriaErrorKind } from './bria/errors';
export { parseStructuredPrompt, PromptFormatError } from './bria/canonical';
export {
  imageId,
  OfflineRenderer,
  RENDER_SIZE,
  renderPrompt,
  renderPromptAsync,
  renderPromptFile,
  sceneSvg,
  type RenderOptions,
} from './render/index';
export { paramsFromPhrases } from './render/hints';
