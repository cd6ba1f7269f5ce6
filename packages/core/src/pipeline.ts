/**
 * The studio pipeline, top-down: crisis gate → emotions → visual params → scene → FIBO prompt → image.
 * Each stage is an interface; trained models plug in without this file changing.
 */
import type {
  CrisisAssessment,
  EmotionAnalysis,
  FiboStructuredPrompt,
  HelpResource,
  ImageInfo,
  PipelineResult,
  Scene,
  VisualOverrides,
  VisualParams,
} from './contracts';
import { hashString } from './random';

export interface CrisisGate {
  assess(text: string): CrisisAssessment;
}
export interface EmotionModel {
  analyze(text: string): EmotionAnalysis;
}
export interface VisualModel {
  predict(emotions: EmotionAnalysis): VisualParams;
}
export interface SceneGenerator {
  generate(input: { emotions: EmotionAnalysis; visuals: VisualParams; seed: number }): Promise<Scene>;
}
export interface PromptBuilder {
  build(input: { emotions: EmotionAnalysis; visuals: VisualParams; scene: Scene }): FiboStructuredPrompt;
}
export interface RenderedImage {
  bytes: Uint8Array;
  info: ImageInfo;
}
export interface ImageGenerator {
  generate(prompt: FiboStructuredPrompt, options: { seed: number; visuals?: VisualParams; signal?: AbortSignal }): Promise<RenderedImage>;
}
export interface HelpResources {
  forRegion(region?: string): HelpResource[];
}

export interface Stages {
  crisis: CrisisGate;
  emotions: EmotionModel;
  visuals: VisualModel;
  scenes: SceneGenerator;
  prompts: PromptBuilder;
  images: ImageGenerator;
  resources: HelpResources;
}

export interface AnalyzeOptions {
  seed?: number;
  /** Slider values the person set; they win over the model's prediction. */
  overrides?: VisualOverrides;
  /** Skip rendering (e.g. when the caller renders later, or only needs the prompt). */
  render?: boolean;
  region?: string;
  signal?: AbortSignal;
}

export interface AnalyzeOutcome {
  result: PipelineResult;
  image: RenderedImage | null;
}

/** Deterministic default seed for a text, so the same entry gives the same scene unless asked otherwise. */
export function seedFor(text: string): number {
  return hashString(text) % 2_147_483_647;
}

export function applyOverrides(visuals: VisualParams, overrides: VisualOverrides | undefined): VisualParams {
  return { ...visuals, ...overrides };
}

export async function analyzeEntry(text: string, stages: Stages, options: AnalyzeOptions = {}): Promise<AnalyzeOutcome> {
  // 1. Safety first: a crisis gets an assessment and help, never a metaphor or an image.
  const crisis = stages.crisis.assess(text);
  if (crisis.is_crisis) {
    return {
      result: {
        crisis,
        resources: stages.resources.forRegion(options.region),
        emotions: null,
        visuals: null,
        scene: null,
        fibo_prompt: null,
        image: null,
      },
      image: null,
    };
  }

  // 2. What the person feels.
  const emotions = stages.emotions.analyze(text);

  // 3–6. How it looks: visual params → scene → FIBO prompt → image.
  const seed = options.seed ?? seedFor(text);
  const visuals = applyOverrides(stages.visuals.predict(emotions), options.overrides);
  const scene = await stages.scenes.generate({ emotions, visuals, seed });
  const visualised = await visualise({ emotions, visuals, scene, seed }, stages, options);
  return { result: { crisis, resources: null, emotions, visuals, scene, ...visualised.result }, image: visualised.image };
}

/**
 * Prompt and image for an analysed entry. Used by the first analysis and by every slider change,
 * which keeps the scene and the seed (as Bria's refine flow does) and only moves the visuals.
 */
export async function visualise(
  input: { emotions: EmotionAnalysis; visuals: VisualParams; scene: Scene; seed: number },
  stages: Pick<Stages, 'prompts' | 'images'>,
  options: Pick<AnalyzeOptions, 'render' | 'signal'> = {},
): Promise<{ result: { fibo_prompt: FiboStructuredPrompt; image: ImageInfo | null }; image: RenderedImage | null }> {
  const fibo_prompt = stages.prompts.build(input);
  const image =
    options.render === false
      ? null
      : await stages.images.generate(fibo_prompt, { seed: input.seed, visuals: input.visuals, signal: options.signal });
  return { result: { fibo_prompt, image: image?.info ?? null }, image };
}
