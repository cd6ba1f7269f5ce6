import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FiboStructuredPromptSchema,
  GOEMOTIONS_LABELS,
  SceneSchema,
  STUDIO_EMOTIONS,
  type EmotionAnalysis,
  type StudioEmotion,
  type StudioScores,
  type VisualParams,
} from '@studio/core';
import { buildFiboPrompt, toApiString } from '@studio/fibo/prompt';
import { defaultSceneDataDir, loadSceneBank, SCENE_SLOTS } from '@studio/ml/scene/bank';
import { loadSceneGenerator, loadSceneModelFile } from '@studio/ml/scene/generator';
import { findUnsafe, isSceneSafe, unsafeTermsInScene } from '@studio/ml/scene/safety';
import { checkExamples, readSceneExamples } from '@studio/ml/scene/sampler';
import { trainSceneModel } from '@studio/ml/scene/train';

function analysis(scores: Partial<StudioScores>, intensity: number): EmotionAnalysis {
  const full = Object.fromEntries(STUDIO_EMOTIONS.map((e) => [e, scores[e] ?? 0.03])) as StudioScores;
  const ranked = [...STUDIO_EMOTIONS].sort((a, b) => full[b] - full[a]);
  return {
    scores: full,
    labels: [ranked[0]!],
    primary: ranked[0]!,
    secondary: ranked[1]!,
    intensity,
    intensities: full,
    confidence: 0.8,
    goemotions: Object.fromEntries(GOEMOTIONS_LABELS.map((g) => [g, 0])) as EmotionAnalysis['goemotions'],
    goemotions_labels: [],
  };
}
const visuals: VisualParams = { light_level: 0.4, warmth: 0.5, saturation: 0.5, openness: 0.5, camera_distance: 0.5, contrast: 0.5 };
const only = (e: StudioEmotion, v = 0.85) => ({ [e]: v });

const bankGen = loadSceneGenerator({ llm: null });
const bank = loadSceneBank();

describe('scene bank and examples', () => {
  it('has at least 15 families, each with every slot filled', () => {
    expect(bank.length).toBeGreaterThanOrEqual(15);
    for (const f of bank) for (const slot of SCENE_SLOTS) expect(f[slot].length, `${f.family}.${slot}`).toBeGreaterThan(0);
  });
  it('tags every emotion on elements of every slot', () => {
    for (const slot of SCENE_SLOTS)
      for (const e of STUDIO_EMOTIONS) expect(bank.some((f) => f[slot].some((el) => el.emotions.includes(e))), `${slot}/${e}`).toBe(true);
  });
  it('contains no element the safety filter rejects', () => {
    for (const f of bank) for (const slot of SCENE_SLOTS) for (const el of f[slot]) expect(findUnsafe(JSON.stringify(el)), `${f.family}.${slot}.${el.id}`).toEqual([]);
  });
  it('has training examples that all name real families and elements', () => {
    const examples = readSceneExamples(join(defaultSceneDataDir(), 'examples.jsonl'));
    expect(examples.length).toBeGreaterThanOrEqual(100);
    expect(() => checkExamples(bank, examples)).not.toThrow();
  });
});

describe('safety filter', () => {
  it('catches means and sites of self-harm in any field', () => {
    const bad = [
      'a rope tied to a beam',
      'a noose',
      'a kitchen knife on the table',
      'razor blades',
      'a bottle of pills',
      'a loaded gun',
      'standing on a narrow ledge',
      'at the edge of the roof',
      'a figure on the cliff',
      'a bridge over dark water',
      'empty rail tracks',
      'a train platform at night',
      'blood on the snow',
      'a fresh scar',
      'an oncoming train',
      'a handful of painkillers',
      'on top of a tall building',
      'speeding traffic below',
    ];
    for (const text of bad) expect(findUnsafe(text), text).not.toEqual([]);
    const scene = bankGen.generateFromBank({ emotions: analysis(only('sadness'), 0.9), seed: 1 });
    expect(isSceneSafe({ ...scene, objects: [...scene.objects, { ...scene.objects[0]!, appearance_details: 'holding a knife' }] })).toBe(false);
  });
  it('lets ordinary words that merely contain those letters through', () => {
    for (const text of ['a scarf', 'a scarecrow', 'a small cabin', 'gentle snow falls', 'a trail through the hills', 'a skyline at dusk', 'a gunmetal sky'])
      expect(findUnsafe(text), text).toEqual([]);
  });
  it('never lets an unsafe scene out: every emotion × intensity × seed, and mixes', () => {
    const inputs: EmotionAnalysis[] = [];
    for (const e of STUDIO_EMOTIONS) for (const intensity of [0, 0.25, 0.5, 0.75, 1]) inputs.push(analysis(only(e), intensity));
    for (let i = 0; i < STUDIO_EMOTIONS.length; i++)
      inputs.push(analysis({ [STUDIO_EMOTIONS[i]!]: 0.9, [STUDIO_EMOTIONS[(i + 4) % 11]!]: 0.7, [STUDIO_EMOTIONS[(i + 7) % 11]!]: 0.5 }, 1));
    let checked = 0;
    for (const emotions of inputs)
      for (let seed = 0; seed < 40; seed++) {
        const scene = bankGen.generateFromBank({ emotions, seed });
        expect(SceneSchema.safeParse(scene).success).toBe(true);
        expect(unsafeTermsInScene(scene), scene.metaphor).toEqual([]);
        expect(scene.objects.length).toBeLessThanOrEqual(5);
        const prompt = buildFiboPrompt({ emotions, visuals, scene });
        expect(FiboStructuredPromptSchema.safeParse(prompt).success).toBe(true);
        expect(findUnsafe(toApiString(prompt))).toEqual([]);
        checked++;
      }
    expect(checked).toBe(inputs.length * 40);
  });
});

describe('scene sampler', () => {
  it('gives the same scene for the same seed, also from a freshly loaded generator', () => {
    const other = loadSceneGenerator({ llm: null });
    for (const e of STUDIO_EMOTIONS) {
      const emotions = analysis(only(e), 0.7);
      expect(other.generateFromBank({ emotions, seed: 123 })).toEqual(bankGen.generateFromBank({ emotions, seed: 123 }));
    }
  });
  it('gives at least 15 distinct scenes in 20 seeds for every emotion (and mostly distinct sentences)', () => {
    for (const e of STUDIO_EMOTIONS)
      for (const intensity of [0, 0.2, 0.5, 0.9, 1]) {
        const emotions = analysis(only(e), intensity);
        const scenes = Array.from({ length: 20 }, (_, seed) => bankGen.generateFromBank({ emotions, seed }));
        const distinct = new Set(scenes.map(({ seed: _, ...content }) => JSON.stringify(content)));
        expect(distinct.size, `${e} @ ${intensity}`).toBeGreaterThanOrEqual(15);
        expect(new Set(scenes.map((s) => s.metaphor)).size, `${e} @ ${intensity} sentences`).toBeGreaterThanOrEqual(10);
      }
  });
  it('writes a metaphor sentence, a subject with its action and 1–3 details', () => {
    const scene = bankGen.generateFromBank({ emotions: analysis(only('anxiety'), 0.8), seed: 4 });
    expect(scene.metaphor).toMatch(/^[A-Z][^.]+$/);
    expect(scene.objects[0]!.action).toBeTruthy();
    expect(scene.objects.length).toBeGreaterThanOrEqual(2);
    expect(scene.objects.length).toBeLessThanOrEqual(4);
    expect(scene.background_setting).toContain(scene.weather);
  });
  it('is conditioned on the emotions: sampled elements fit the felt emotion far more often', () => {
    const tagsOf = new Map<string, StudioEmotion[]>();
    for (const f of bank) for (const slot of SCENE_SLOTS) for (const el of f[slot]) tagsOf.set(`${f.family}:${el.text}`, el.emotions);
    const share = (felt: StudioEmotion, tagged: StudioEmotion) => {
      let hit = 0;
      let total = 0;
      for (let seed = 0; seed < 60; seed++) {
        const s = bankGen.generateFromBank({ emotions: analysis(only(felt, 0.9), 0.8), seed });
        const subject = bank.find((f) => f.family === s.family)!.subjects.find((el) => s.metaphor.toLowerCase().startsWith(el.text.toLowerCase()));
        total++;
        if (subject?.emotions.includes(tagged)) hit++;
      }
      return hit / total;
    };
    for (const [a, b] of [['fear', 'joy'], ['joy', 'fear'], ['peace', 'anger'], ['sadness', 'surprise']] as const)
      expect(share(a, a), `${a} vs ${b}`).toBeGreaterThan(share(b, a) + 0.3);
  });
  it('spreads out with temperature', () => {
    const emotions = analysis(only('hope'), 0.7);
    const distinctFamilies = (temperature: number) => {
      const gen = loadSceneGenerator({ llm: null, temperature });
      return new Set(Array.from({ length: 60 }, (_, seed) => gen.generateFromBank({ emotions, seed }).family)).size;
    };
    expect(distinctFamilies(0.2)).toBeLessThan(distinctFamilies(2));
  });
  it('learned from the examples: held-out family NLL beats uniform choice', () => {
    const metrics = loadSceneModelFile().metrics as { held_out: { family_nll: number }; uniform: { family_nll: number } };
    expect(metrics.held_out.family_nll).toBeLessThan(metrics.uniform.family_nll);
  });
  it('trains from the examples and writes a loadable model', () => {
    const out = mkdtempSync(join(tmpdir(), 'scene-'));
    const { metrics } = trainSceneModel({
      dataDir: defaultSceneDataDir(),
      examplesFile: join(defaultSceneDataDir(), 'examples.jsonl'),
      outDir: out,
      epochs: 40,
      seed: 3,
      progress: false,
      grid: [
        { l2: 0.3, familyL2: 0.1 },
        { l2: 3, familyL2: 1 },
      ],
    });
    expect(metrics.held_out.family_top3).toBeGreaterThan(metrics.uniform.family_top3);
    const gen = loadSceneGenerator({ llm: null, modelDir: out });
    expect(SceneSchema.safeParse(gen.generateFromBank({ emotions: analysis(only('joy'), 0.5), seed: 9 })).success).toBe(true);
  });
});

describe('free-form LLM backend (OpenAI-compatible)', () => {
  let server: Server;
  let baseUrl = '';
  let reply: (req: IncomingMessage, body: string, res: ServerResponse) => void = () => {};
  const requests: { url: string; auth: string | undefined; body: any }[] = [];

  const chat = (content: string) => (_req: IncomingMessage, _body: string, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
  };
  const goodScene = {
    metaphor: 'A paper lantern floating up through a dark, quiet sky',
    background_setting: 'a wide night sky over a sleeping town',
    objects: [{ description: 'A glowing paper lantern', location: 'center', relationship: 'rising alone', relative_size: 'small' }],
    weather: 'still air',
    light: 'the lantern glow',
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', auth: req.headers.authorization, body: body ? JSON.parse(body) : null });
        reply(req, body, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const gen = () => loadSceneGenerator({ llm: { baseUrl, model: 'test-model', apiKey: 'sk-test', timeoutMs: 500 } });
  const emotions = analysis({ sadness: 0.8, hope: 0.5 }, 0.7);

  it('uses a valid, safe reply (even wrapped in a code fence) and sends only emotions', async () => {
    reply = chat('Here you go:\n```json\n' + JSON.stringify(goodScene) + '\n```');
    requests.length = 0;
    const scene = await gen().generate({ emotions, visuals, seed: 5 });
    expect(scene.source).toBe('llm');
    expect(scene.metaphor).toBe(goodScene.metaphor);
    expect(scene.seed).toBe(5);
    expect(SceneSchema.safeParse(scene).success).toBe(true);
    const req = requests[0]!;
    expect(req.url).toBe('/v1/chat/completions');
    expect(req.auth).toBe('Bearer sk-test');
    expect(req.body.model).toBe('test-model');
    expect(req.body.messages.at(-1).content).toMatch(/sadness/);
    expect(FiboStructuredPromptSchema.safeParse(buildFiboPrompt({ emotions, visuals, scene })).success).toBe(true);
  });

  const fallbacks: [string, typeof reply, RegExp][] = [
    ['an unsafe reply', chat(JSON.stringify({ ...goodScene, metaphor: 'A frayed rope swinging from an old beam' })), /safety/],
    ['an unsafe object field', chat(JSON.stringify({ ...goodScene, objects: [{ ...goodScene.objects[0], appearance_details: 'next to a pile of pills' }] })), /safety/],
    ['a reply off the schema', chat(JSON.stringify({ metaphor: 'x' })), /schema/],
    ['prose without JSON', chat('I cannot help with that.'), /JSON/],
    ['an HTTP error', (_q, _b, res) => res.writeHead(500).end('boom'), /HTTP 500/],
    ['a reply that never comes', () => {}, /time|abort/i],
  ];
  for (const [name, handler, why] of fallbacks)
    it(`falls back to the bank on ${name}`, async () => {
      reply = handler;
      const g = gen();
      const scene = await g.generate({ emotions, visuals, seed: 5 });
      expect(scene.source).toBe('bank');
      expect(scene).toEqual(bankGen.generateFromBank({ emotions, seed: 5 }));
      expect(g.lastFallback).toMatch(why);
    });
});
