/**
 * The scene bank (data/scenes/bank/*.json): metaphor families we wrote, each with subjects, settings,
 * weather, light, motion and details, every element tagged with the emotions and intensity range it fits.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssues, StudioEmotionSchema } from '@studio/core';
import { repoPath } from '@studio/core/paths';

const unit = z.number().min(0).max(1);
const id = z.string().regex(/^[a-z0-9-]+$/);
const fit = {
  emotions: z.array(StudioEmotionSchema).min(1),
  /** Intensity range [low, high] the element suits. */
  intensity: z.tuple([unit, unit]).refine(([lo, hi]) => lo <= hi, 'intensity range must be [low, high]'),
};

/** A foreground thing: the subject, or a detail. Becomes one FIBO object. */
export const BankObjectSchema = z
  .object({
    id,
    /** Noun phrase with article, used in the metaphor sentence ("a small boat"). */
    text: z.string().min(1),
    /** Richer FIBO description; defaults to the text. */
    description: z.string().optional(),
    location: z.string().min(1),
    relationship: z.string().min(1),
    relative_size: z.string().min(1),
    number_of_objects: z.number().int().positive().optional(),
    ...fit,
  })
  .strict();
export const BankSettingSchema = z.object({ id, text: z.string().min(1), background: z.string().min(1), ...fit }).strict();
export const BankPhraseSchema = z.object({ id, text: z.string().min(1), ...fit }).strict();
export const BankMotionSchema = z.object({ id, text: z.string().min(1), action: z.string().min(1), ...fit }).strict();

export const SCENE_SLOTS = ['subjects', 'settings', 'weather', 'light', 'motion', 'details'] as const;
export type SceneSlot = (typeof SCENE_SLOTS)[number];

export const SceneFamilySchema = z
  .object({
    family: id,
    subjects: z.array(BankObjectSchema).min(1),
    settings: z.array(BankSettingSchema).min(1),
    weather: z.array(BankPhraseSchema).min(1),
    light: z.array(BankPhraseSchema).min(1),
    motion: z.array(BankMotionSchema).min(1),
    details: z.array(BankObjectSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const slot of SCENE_SLOTS) {
      const ids = f[slot].map((e) => e.id);
      const dup = ids.find((x, i) => ids.indexOf(x) !== i);
      if (dup) ctx.addIssue({ code: 'custom', message: `duplicate id ${dup} in ${f.family}.${slot}` });
    }
  });
export type SceneFamily = z.infer<typeof SceneFamilySchema>;
export type BankObject = z.infer<typeof BankObjectSchema>;
export type BankElement = SceneFamily[SceneSlot][number];

export function defaultSceneDataDir(): string {
  return repoPath('data', 'scenes');
}

/** Every family in `<dir>/bank/*.json`, in file-name order. */
export function loadSceneBank(dir: string = defaultSceneDataDir()): SceneFamily[] {
  const bankDir = join(dir, 'bank');
  if (!existsSync(bankDir)) throw new Error(`No scene bank at ${bankDir}`);
  const families = readdirSync(bankDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = SceneFamilySchema.safeParse(JSON.parse(readFileSync(join(bankDir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error).join('; ')}`);
      return parsed.data;
    });
  const names = families.map((f) => f.family);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`Scene family ${dup} is defined twice`);
  return families;
}
