/**
 * Optional free-form metaphor backend: any OpenAI-compatible chat endpoint (Ollama, llama.cpp,
 * vLLM, a hosted API). It receives only emotion names and intensities, never the journal text.
 * Its answer must parse into the same scene shape and pass the same safety filter, or it is discarded.
 */
import { z } from 'zod';
import { FiboObjectSchema, SceneSchema, type EmotionAnalysis, type Scene } from '@studio/core';
import { isSceneSafe } from './safety';

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** What we ask the model to return. */
export const LlmSceneSchema = z.object({
  metaphor: z.string().min(1).refine((s) => words(s) <= 40, 'metaphor is one sentence of at most 40 words'),
  background_setting: z.string().min(1),
  objects: z.array(FiboObjectSchema).min(1).max(5),
  weather: z.string().optional(),
  light: z.string().optional(),
  motion: z.string().optional(),
});

const SYSTEM_PROMPT = `You turn a feeling into one symbolic, metaphorical image for a private journal.
Answer with a single JSON object and nothing else:
{"metaphor": one sentence (max 40 words) describing the scene, e.g. "A small boat on a dark, heaving sea under low clouds",
 "background_setting": the environment behind the objects,
 "objects": 1 to 5 items {"description", "location", "relationship", "relative_size"},
 "weather": short phrase, "light": short phrase, "motion": short phrase}
Use nature, places, weather and everyday objects as metaphors. Never depict people being hurt, injuries, blood,
weapons, ropes, blades, pills, heights or edges, bridges, railway tracks or death. No text in the image.`;

function userPrompt(emotions: EmotionAnalysis): string {
  const felt = Object.entries(emotions.scores)
    .filter(([, s]) => s >= 0.2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([e, s]) => `${e} ${s.toFixed(2)}`)
    .join(', ');
  return `Primary feeling: ${emotions.primary} at intensity ${emotions.intensity.toFixed(2)}${
    emotions.secondary ? `; secondary: ${emotions.secondary}` : ''
  }. Emotion scores: ${felt || emotions.primary}. Describe the scene.`;
}

/** The first JSON object in a reply, tolerating code fences and prose around it. */
export function extractJsonObject(content: string): unknown {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) throw new Error('no JSON object in the reply');
  return JSON.parse(content.slice(start, end + 1));
}

/**
 * A scene from the chat endpoint, or the reason it could not be used (HTTP error, timeout,
 * malformed or unsafe answer). Never throws.
 */
export async function llmScene(
  config: LlmConfig,
  input: { emotions: EmotionAnalysis; seed: number },
  fetchImpl: typeof fetch = fetch,
): Promise<{ scene: Scene } | { error: string }> {
  try {
    const res = await fetchImpl(`${config.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({
        model: config.model,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: userPrompt(input.emotions) },
        ],
        temperature: 0.9,
        seed: input.seed,
      }),
      signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
    });
    if (!res.ok) return { error: `HTTP ${res.status}` };
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') return { error: 'reply has no message content' };
    const parsed = LlmSceneSchema.safeParse(extractJsonObject(content));
    if (!parsed.success) return { error: `reply does not match the scene schema: ${parsed.error.issues[0]?.message}` };
    const scene: Scene = SceneSchema.parse({ family: 'free-form', ...parsed.data, seed: input.seed, source: 'llm' });
    if (!isSceneSafe(scene)) return { error: 'reply failed the safety filter' };
    return { scene };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
