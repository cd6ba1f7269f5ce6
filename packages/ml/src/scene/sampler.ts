/**
 * Model 2's learned part: a conditional log-linear sampler over the scene bank.
 *
 *   p(family | x)            ∝ exp((α·match(x, profile_f) + u_f·[scores, intensity] + c_f) / T)
 *   p(element | x, family)   ∝ exp((w_slot·φ(x, element) + b_element) / T)
 *
 * where x is the emotion mix, profile_f the share of family f's elements tagged with each emotion,
 * and φ = [share of the mix covered by the element's emotion tags, the 11 per-emotion tag matches,
 * fit of the intensity to the element's range, tag overlap with the scene's setting] — the last keeps
 * weather, motion and details coherent with the setting drawn first (no squall over a calm bay). Starting from the tags alone (α, w at their prior
 * values), the weights and biases are fitted by maximum likelihood (L2-regularised, Adam) to our
 * hand-written (emotion mix → scene) examples in data/scenes/examples.jsonl.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues, STUDIO_EMOTIONS, StudioEmotionSchema, type StudioScores } from '@studio/core';
import { SCENE_SLOTS, type BankElement, type SceneFamily, type SceneSlot } from './bank';
import type { Rng } from '@studio/core/random';

export interface SceneInput {
  scores: StudioScores;
  intensity: number;
}

export const ELEMENT_FEATURES = ['tag_share', ...STUDIO_EMOTIONS.map((e) => `tag_${e}`), 'intensity_fit', 'setting_coherence'] as const;
export const FAMILY_INPUTS = [...STUDIO_EMOTIONS, 'intensity'] as const;

/** The tag-only starting point: prefer elements tagged with the felt emotions, in their intensity range. */
export const PRIOR_SLOT_WEIGHTS: readonly number[] = [4, ...STUDIO_EMOTIONS.map(() => 0), 1.5, 1.5];
export const PRIOR_FAMILY_ALPHA = 4;

const unit = z.number().min(0).max(1);

/** One hand-written example: an emotion mix and the scene we would draw for it. */
export const SceneExampleSchema = z
  .object({
    emotions: z.partialRecord(StudioEmotionSchema, unit),
    intensity: unit,
    family: z.string(),
    subject: z.string(),
    setting: z.string(),
    weather: z.string(),
    light: z.string(),
    motion: z.string(),
    details: z.array(z.string()),
  })
  .strict();
export type SceneExample = z.infer<typeof SceneExampleSchema>;

/** Example field → bank slot. */
const EXAMPLE_SLOTS = {
  subject: 'subjects',
  setting: 'settings',
  weather: 'weather',
  light: 'light',
  motion: 'motion',
} as const satisfies Record<string, SceneSlot>;

export const SceneSamplerParamsSchema = z.object({
  slot_weights: z.record(z.enum(SCENE_SLOTS), z.array(z.number()).length(ELEMENT_FEATURES.length)),
  /** Keyed `${family}/${slot}/${id}`; elements added to the bank after training get 0. */
  element_bias: z.record(z.string(), z.number()),
  family_alpha: z.number(),
  family_weights: z.record(z.string(), z.array(z.number()).length(FAMILY_INPUTS.length)),
  family_bias: z.record(z.string(), z.number()),
});
export type SceneSamplerParams = z.infer<typeof SceneSamplerParamsSchema>;

export function readSceneExamples(path: string): SceneExample[] {
  if (!existsSync(path)) throw new Error(`No scene examples at ${path}`);
  const out: SceneExample[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = SceneExampleSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${describeIssues(parsed.error).join('; ')}`);
      out.push(parsed.data);
    });
  return out;
}

export function exampleInput(e: SceneExample): SceneInput {
  return { scores: Object.fromEntries(STUDIO_EMOTIONS.map((k) => [k, e.emotions[k] ?? 0])) as StudioScores, intensity: e.intensity };
}

/** The setting an example chose: the anchor for its other slots. */
function exampleAnchor(bank: SceneFamily[], e: SceneExample, slot: SceneSlot): Tagged | undefined {
  return slot === 'settings' ? undefined : bank.find((f) => f.family === e.family)?.settings.find((s) => s.id === e.setting);
}

/** Chosen element ids per slot of an example (details may hold several). */
export function exampleChoices(e: SceneExample): [SceneSlot, string][] {
  return [...Object.entries(EXAMPLE_SLOTS).map(([field, slot]) => [slot, e[field as keyof typeof EXAMPLE_SLOTS]] as [SceneSlot, string]), ...e.details.map((d) => ['details', d] as [SceneSlot, string])];
}

/** Throws listing every example that names a family or element the bank lacks. */
export function checkExamples(bank: SceneFamily[], examples: SceneExample[]): void {
  const problems: string[] = [];
  examples.forEach((e, i) => {
    const fam = bank.find((f) => f.family === e.family);
    if (!fam) return problems.push(`example line ${i + 1}: unknown family ${e.family}`);
    for (const [slot, id] of exampleChoices(e))
      if (!fam[slot].some((el) => el.id === id)) problems.push(`example line ${i + 1}: unknown ${e.family}.${slot} ${id}`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
}

type Tagged = Pick<BankElement, 'emotions' | 'intensity'>;

/** Jaccard overlap of two elements' emotion tags and intensity ranges, averaged. */
function coherence(el: Tagged, anchor: Tagged): number {
  const a = new Set(el.emotions);
  const shared = anchor.emotions.filter((e) => a.has(e)).length;
  const tags = shared / (a.size + anchor.emotions.length - shared);
  const [lo1, hi1] = el.intensity;
  const [lo2, hi2] = anchor.intensity;
  const span = Math.max(hi1, hi2) - Math.min(lo1, lo2);
  const range = span > 0 ? Math.max(0, Math.min(hi1, hi2) - Math.max(lo1, lo2)) / span : 1;
  return (tags + range) / 2;
}

/** Features of one candidate element; `anchor` is the scene's setting, for every slot drawn after it. */
export function elementFeatures(x: SceneInput, el: Tagged, anchor?: Tagged): number[] {
  const total = STUDIO_EMOTIONS.reduce((s, e) => s + x.scores[e], 0) + 0.1;
  const tagged = new Set(el.emotions);
  const per = STUDIO_EMOTIONS.map((e) => (tagged.has(e) ? x.scores[e] : 0));
  const [lo, hi] = el.intensity;
  const dist = Math.max(0, lo - x.intensity, x.intensity - hi);
  return [per.reduce((a, b) => a + b, 0) / total, ...per, Math.max(0, 1 - 4 * dist), anchor ? coherence(el, anchor) : 0];
}

/** Share of a family's elements tagged with each emotion (sums to 1). */
export function familyProfile(f: SceneFamily): number[] {
  const counts = STUDIO_EMOTIONS.map(() => 0);
  for (const slot of SCENE_SLOTS) for (const el of f[slot]) for (const e of el.emotions) counts[STUDIO_EMOTIONS.indexOf(e)]!++;
  const sum = counts.reduce((a, b) => a + b, 0) || 1;
  return counts.map((c) => c / sum);
}

/** How well a mix matches a family profile, scaled so a uniform profile scores about 1. */
function profileMatch(x: SceneInput, profile: number[]): number {
  const total = STUDIO_EMOTIONS.reduce((s, e) => s + x.scores[e], 0) + 0.1;
  return STUDIO_EMOTIONS.reduce((s, e, i) => s + (x.scores[e] / total) * profile[i]! * STUDIO_EMOTIONS.length, 0);
}

const familyInput = (x: SceneInput) => [...STUDIO_EMOTIONS.map((e) => x.scores[e]), x.intensity];
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
export const elementKey = (family: string, slot: SceneSlot, id: string) => `${family}/${slot}/${id}`;

export function softmax(logits: number[], temperature = 1): number[] {
  const t = Math.max(temperature, 1e-3);
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp((z - max) / t));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function sampleIndex(probs: number[], rng: Rng): number {
  let r = rng();
  for (let i = 0; i < probs.length; i++) {
    r -= probs[i]!;
    if (r < 0) return i;
  }
  return probs.length - 1;
}

/** Initial parameters: the tags alone, no learned biases. */
export function priorParams(bank: SceneFamily[]): SceneSamplerParams {
  return {
    slot_weights: Object.fromEntries(SCENE_SLOTS.map((s) => [s, [...PRIOR_SLOT_WEIGHTS]])) as SceneSamplerParams['slot_weights'],
    element_bias: {},
    family_alpha: PRIOR_FAMILY_ALPHA,
    family_weights: Object.fromEntries(bank.map((f) => [f.family, FAMILY_INPUTS.map(() => 0)])),
    family_bias: Object.fromEntries(bank.map((f) => [f.family, 0])),
  };
}

export class SceneSampler {
  private readonly profiles: Map<string, number[]>;

  constructor(
    readonly bank: SceneFamily[],
    readonly params: SceneSamplerParams,
  ) {
    this.profiles = new Map(bank.map((f) => [f.family, familyProfile(f)]));
  }

  familyLogits(x: SceneInput): number[] {
    const input = familyInput(x);
    return this.bank.map(
      (f) =>
        this.params.family_alpha * profileMatch(x, this.profiles.get(f.family)!) +
        dot(this.params.family_weights[f.family] ?? FAMILY_INPUTS.map(() => 0), input) +
        (this.params.family_bias[f.family] ?? 0),
    );
  }

  elementLogits(x: SceneInput, family: SceneFamily, slot: SceneSlot, anchor?: Tagged): number[] {
    const w = this.params.slot_weights[slot] ?? PRIOR_SLOT_WEIGHTS;
    return family[slot].map((el) => dot(w, elementFeatures(x, el, anchor)) + (this.params.element_bias[elementKey(family.family, slot, el.id)] ?? 0));
  }

  familyProbabilities(x: SceneInput, temperature = 1): { family: string; p: number }[] {
    return softmax(this.familyLogits(x), temperature).map((p, i) => ({ family: this.bank[i]!.family, p }));
  }

  pickFamily(x: SceneInput, rng: Rng, temperature: number): SceneFamily {
    return this.bank[sampleIndex(softmax(this.familyLogits(x), temperature), rng)]!;
  }

  /** `count` distinct elements of a slot, drawn in turn without replacement (`anchor`: the scene's setting). */
  pick<S extends SceneSlot>(
    x: SceneInput,
    family: SceneFamily,
    slot: S,
    rng: Rng,
    temperature: number,
    count = 1,
    anchor?: Tagged,
  ): SceneFamily[S][number][] {
    const items = [...family[slot]] as SceneFamily[S][number][];
    const logits = this.elementLogits(x, family, slot, anchor);
    const out: SceneFamily[S][number][] = [];
    while (out.length < count && items.length) {
      const i = sampleIndex(softmax(logits, temperature), rng);
      out.push(items[i]!);
      items.splice(i, 1);
      logits.splice(i, 1);
    }
    return out;
  }
}

export interface FitOptions {
  epochs: number;
  learningRate: number;
  /** L2 strength on the per-element biases (and, ×0.1, on the shared slot weights' distance from the prior). */
  l2: number;
  /** L2 strength on the per-family weights and biases. */
  familyL2: number;
  onEpoch?: (epoch: number, nll: number, params: SceneSamplerParams) => void;
}

/**
 * Maximum-likelihood fit of the sampler to examples (full batch, Adam). Returns the per-epoch
 * mean negative log-likelihood per choice (the family and every slot choice).
 */
export function fitSampler(bank: SceneFamily[], examples: SceneExample[], opts: FitOptions): { params: SceneSamplerParams; nll: number[] } {
  checkExamples(bank, examples);
  // One flat parameter vector: [alpha | family weights | family biases | slot weights | element biases].
  const F = bank.length;
  const I = FAMILY_INPUTS.length;
  const D = ELEMENT_FEATURES.length;
  const fwAt = (f: number, i: number) => 1 + f * I + i;
  const fbAt = (f: number) => 1 + F * I + f;
  const swAt = (slot: number, i: number) => 1 + F * I + F + slot * D + i;
  const ebIndex = new Map<string, number>();
  let size = 1 + F * I + F + SCENE_SLOTS.length * D;
  for (const f of bank) for (const slot of SCENE_SLOTS) for (const el of f[slot]) ebIndex.set(elementKey(f.family, slot, el.id), size++);

  const theta = new Float64Array(size);
  const prior = new Float64Array(size);
  const l2 = new Float64Array(size);
  prior[0] = theta[0] = PRIOR_FAMILY_ALPHA;
  l2[0] = opts.familyL2 * 0.1;
  for (let f = 0; f < F; f++) {
    for (let i = 0; i < I; i++) l2[fwAt(f, i)] = opts.familyL2;
    l2[fbAt(f)] = opts.familyL2;
  }
  SCENE_SLOTS.forEach((_, si) =>
    PRIOR_SLOT_WEIGHTS.forEach((w, i) => {
      prior[swAt(si, i)] = theta[swAt(si, i)] = w;
      l2[swAt(si, i)] = opts.l2 * 0.1;
    }),
  );
  for (const idx of ebIndex.values()) l2[idx] = opts.l2;

  // Features depend only on the example and the bank, so they are computed once.
  const profiles = bank.map(familyProfile);
  const prepared = examples.map((ex) => {
    const x = exampleInput(ex);
    const fam = bank.find((f) => f.family === ex.family)!;
    return {
      input: familyInput(x),
      matches: profiles.map((p) => profileMatch(x, p)),
      fi: bank.indexOf(fam),
      choices: exampleChoices(ex).map(([slot, id]) => ({
        si: SCENE_SLOTS.indexOf(slot),
        yi: fam[slot].findIndex((el: BankElement) => el.id === id),
        feats: fam[slot].map((el: BankElement) => elementFeatures(x, el, exampleAnchor(bank, ex, slot))),
        bias: fam[slot].map((el: BankElement) => ebIndex.get(elementKey(fam.family, slot, el.id))!),
      })),
    };
  });

  const toParams = (): SceneSamplerParams => ({
    slot_weights: Object.fromEntries(SCENE_SLOTS.map((s, si) => [s, ELEMENT_FEATURES.map((_, i) => theta[swAt(si, i)]!)])) as SceneSamplerParams['slot_weights'],
    element_bias: Object.fromEntries([...ebIndex].map(([k, idx]) => [k, theta[idx]!])),
    family_alpha: theta[0]!,
    family_weights: Object.fromEntries(bank.map((f, fi) => [f.family, FAMILY_INPUTS.map((_, i) => theta[fwAt(fi, i)]!)])),
    family_bias: Object.fromEntries(bank.map((f, fi) => [f.family, theta[fbAt(fi)]!])),
  });

  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  const nllCurve: number[] = [];
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    grad.fill(0);
    let nll = 0;
    let choices = 0;
    for (const ex of prepared) {
      const fl = ex.matches.map((match, f) => theta[0]! * match + ex.input.reduce((s, xi, i) => s + theta[fwAt(f, i)]! * xi, theta[fbAt(f)]!));
      const pf = softmax(fl);
      nll -= Math.log(pf[ex.fi]!);
      choices++;
      pf.forEach((p, f) => {
        const d = p - (f === ex.fi ? 1 : 0);
        grad[0]! += d * ex.matches[f]!;
        ex.input.forEach((xi, i) => (grad[fwAt(f, i)]! += d * xi));
        grad[fbAt(f)]! += d;
      });
      for (const c of ex.choices) {
        const logits = c.feats.map((phi, j) => phi.reduce((s, p, i) => s + theta[swAt(c.si, i)]! * p, theta[c.bias[j]!]!));
        const p = softmax(logits);
        nll -= Math.log(p[c.yi]!);
        choices++;
        p.forEach((pj, j) => {
          const d = pj - (j === c.yi ? 1 : 0);
          grad[c.bias[j]!]! += d;
          c.feats[j]!.forEach((phi, i) => (grad[swAt(c.si, i)]! += d * phi));
        });
      }
    }
    nllCurve.push(nll / choices);
    const t = epoch + 1;
    for (let i = 0; i < size; i++) {
      const g = grad[i]! / examples.length + 2 * l2[i]! * (theta[i]! - prior[i]!);
      m[i] = 0.9 * m[i]! + 0.1 * g;
      v[i] = 0.999 * v[i]! + 0.001 * g * g;
      theta[i]! -= (opts.learningRate * (m[i]! / (1 - 0.9 ** t))) / (Math.sqrt(v[i]! / (1 - 0.999 ** t)) + 1e-8);
    }
    if (opts.onEpoch) opts.onEpoch(epoch, nll / choices, toParams());
  }
  return { params: toParams(), nll: nllCurve };
}

export interface SamplerMetrics {
  examples: number;
  family_top1: number;
  family_top3: number;
  family_nll: number;
  /** Mean NLL and top-1 accuracy of the element choices per slot. */
  slots: Record<SceneSlot, { nll: number; top1: number; choices: number }>;
}

/** Held-out fit of a sampler to examples it has not seen. */
export function evaluateSampler(sampler: SceneSampler, examples: SceneExample[]): SamplerMetrics {
  let top1 = 0;
  let top3 = 0;
  let familyNll = 0;
  const slots = Object.fromEntries(SCENE_SLOTS.map((s) => [s, { nll: 0, top1: 0, choices: 0 }])) as SamplerMetrics['slots'];
  for (const ex of examples) {
    const x = exampleInput(ex);
    const probs = sampler.familyProbabilities(x);
    const ranked = [...probs].sort((a, b) => b.p - a.p).map((p) => p.family);
    if (ranked[0] === ex.family) top1++;
    if (ranked.slice(0, 3).includes(ex.family)) top3++;
    familyNll -= Math.log(probs.find((p) => p.family === ex.family)!.p);
    const fam = sampler.bank.find((f) => f.family === ex.family)!;
    for (const [slot, id] of exampleChoices(ex)) {
      const p = softmax(sampler.elementLogits(x, fam, slot, exampleAnchor(sampler.bank, ex, slot)));
      const yi = fam[slot].findIndex((el) => el.id === id);
      const s = slots[slot];
      s.nll -= Math.log(p[yi]!);
      if (p[yi] === Math.max(...p)) s.top1++;
      s.choices++;
    }
  }
  const n = Math.max(examples.length, 1);
  for (const s of Object.values(slots)) if (s.choices) {
    s.nll /= s.choices;
    s.top1 /= s.choices;
  }
  return { examples: examples.length, family_top1: top1 / n, family_top3: top3 / n, family_nll: familyNll / n, slots };
}

/** Uniform-choice baseline on the same examples (what "no model" scores). */
export function uniformMetrics(bank: SceneFamily[], examples: SceneExample[]): SamplerMetrics {
  const slots = Object.fromEntries(SCENE_SLOTS.map((s) => [s, { nll: 0, top1: 0, choices: 0 }])) as SamplerMetrics['slots'];
  for (const ex of examples) {
    const fam = bank.find((f) => f.family === ex.family)!;
    for (const [slot] of exampleChoices(ex)) {
      slots[slot].nll += Math.log(fam[slot].length);
      slots[slot].top1 += 1 / fam[slot].length;
      slots[slot].choices++;
    }
  }
  for (const s of Object.values(slots)) if (s.choices) {
    s.nll /= s.choices;
    s.top1 /= s.choices;
  }
  return {
    examples: examples.length,
    family_top1: 1 / bank.length,
    family_top3: Math.min(3, bank.length) / bank.length,
    family_nll: Math.log(bank.length),
    slots,
  };
}
