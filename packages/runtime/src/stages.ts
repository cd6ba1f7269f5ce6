/**
 * What each pipeline stage uses by default. This is the one place that names the concrete models;
 * swapping one (a retrained artifact, an A/B arm) happens here, not in the pipeline.
 */
import type { Env } from '@studio/core/env';
import type { Stages } from '@studio/core/pipeline';
import { helpResources } from '@studio/core/resources';
import { createImageGenerator } from '@studio/fibo/images';
import { createPromptBuilder } from '@studio/fibo/prompt';
import { loadCrisisGate } from '@studio/ml/crisis/model';
import { loadEmotionModel } from '@studio/ml/emotion/model';
import { loadSceneGenerator } from '@studio/ml/scene/generator';
import { loadVisualModel } from '@studio/ml/visual/model';

export function defaultStages(env: Env): Stages {
  return {
    crisis: loadCrisisGate(),
    emotions: loadEmotionModel(),
    visuals: loadVisualModel(),
    scenes: loadSceneGenerator({
      llm: env.LLM_BASE_URL ? { baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL, apiKey: env.LLM_API_KEY } : undefined,
    }),
    prompts: createPromptBuilder(),
    images: createImageGenerator({
      bria: env.BRIA_API_TOKEN ? { token: env.BRIA_API_TOKEN, baseUrl: env.BRIA_BASE_URL } : undefined,
    }),
    resources: helpResources,
  };
}
