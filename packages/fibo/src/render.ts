/** `@studio/fibo/render`: the offline renderer's entry points for the CLI and the studio. */
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
export { parseStructuredPrompt, PromptFormatError } from './bria/canonical';
