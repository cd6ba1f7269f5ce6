/**
 * Every object that crosses a boundary (CLI, HTTP, store, model files) is defined here once,
 * as a zod schema; the TypeScript types are derived from the schemas.
 */
import { z } from 'zod';
import {
  CRISIS_CATEGORIES,
  GOEMOTIONS_LABELS,
  STUDIO_EMOTIONS,
  VISUAL_PARAMS,
} from './taxonomy';

const unit = z.number().min(0).max(1);

function scoresOf<const K extends readonly [string, ...string[]]>(keys: K) {
  return z.object(Object.fromEntries(keys.map((k) => [k, unit])) as { [P in K[number]]: typeof unit });
}

export const StudioEmotionSchema = z.enum(STUDIO_EMOTIONS);
export const GoEmotionLabelSchema = z.enum(GOEMOTIONS_LABELS);
export const CrisisCategorySchema = z.enum(CRISIS_CATEGORIES);
export const VisualParamSchema = z.enum(VISUAL_PARAMS);

export const StudioScoresSchema = scoresOf(STUDIO_EMOTIONS);
export type StudioScores = z.infer<typeof StudioScoresSchema>;
export const GoEmotionScoresSchema = scoresOf(GOEMOTIONS_LABELS);
export type GoEmotionScores = z.infer<typeof GoEmotionScoresSchema>;

// ── Model 4: crisis gate ────────────────────────────────────────────────────────────────
export const CrisisSignalSchema = z.object({
  /** Stable id of the rule or model head that fired, e.g. "rule:plan_means" or "model:classifier". */
  id: z.string(),
  category: CrisisCategorySchema,
  source: z.enum(['rule', 'model']),
  weight: unit,
  /** Reviewer-facing explanation; never shown to the person as a diagnosis. */
  note: z.string(),
});
export type CrisisSignal = z.infer<typeof CrisisSignalSchema>;

export const CrisisAssessmentSchema = z.object({
  is_crisis: z.boolean(),
  risk_score: unit,
  needs_escalation: z.boolean(),
  categories: scoresOf(CRISIS_CATEGORIES),
  signals: z.array(CrisisSignalSchema).default([]),
  model: z.string().optional(),
});
export type CrisisAssessment = z.infer<typeof CrisisAssessmentSchema>;

export const HelpResourceSchema = z.object({
  name: z.string(),
  contact: z.string(),
  description: z.string(),
  url: z.string().optional(),
});
export type HelpResource = z.infer<typeof HelpResourceSchema>;

// ── Model 1: emotions ───────────────────────────────────────────────────────────────────
export const TokenContributionSchema = z.object({ token: z.string(), weight: z.number() });
export type TokenContribution = z.infer<typeof TokenContributionSchema>;

export const EmotionAnalysisSchema = z.object({
  scores: StudioScoresSchema,
  /** Studio emotions above the model's tuned thresholds; never empty (the top score stands in). */
  labels: z.array(StudioEmotionSchema).min(1),
  primary: StudioEmotionSchema,
  secondary: StudioEmotionSchema.nullable(),
  /** Intensity of the primary emotion. */
  intensity: unit,
  intensities: StudioScoresSchema,
  confidence: unit,
  goemotions: GoEmotionScoresSchema,
  goemotions_labels: z.array(GoEmotionLabelSchema),
  /** For each labelled studio emotion, the words that contributed most. */
  explanations: z.partialRecord(StudioEmotionSchema, z.array(TokenContributionSchema)).optional(),
  model: z.string().optional(),
});
export type EmotionAnalysis = z.infer<typeof EmotionAnalysisSchema>;

// ── Model 3: visual parameters ──────────────────────────────────────────────────────────
export const VisualParamsSchema = scoresOf(VISUAL_PARAMS);
export type VisualParams = z.infer<typeof VisualParamsSchema>;
export const VisualOverridesSchema = VisualParamsSchema.partial().strict();
export type VisualOverrides = z.infer<typeof VisualOverridesSchema>;

// ── FIBO v1 structured prompt (Bria's public FIBO schema) ───────────────────────────────
const text = z.string();

export const FiboObjectSchema = z.object({
  description: text,
  location: text,
  relationship: text,
  relative_size: text.optional(),
  shape_and_color: text.optional(),
  texture: text.optional(),
  appearance_details: text.optional(),
  number_of_objects: z.number().int().positive().optional(),
  pose: text.optional(),
  expression: text.optional(),
  clothing: text.optional(),
  action: text.optional(),
  gender: text.optional(),
  skin_tone_and_texture: text.optional(),
  orientation: text.optional(),
});
export type FiboObject = z.infer<typeof FiboObjectSchema>;

/** Canonical key order of an object, as FIBO serialises it. */
export const FIBO_OBJECT_KEYS = Object.keys(FiboObjectSchema.shape) as (keyof FiboObject)[];

const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

export const FiboStructuredPromptSchema = z.object({
  short_description: text.refine((s) => wordCount(s) <= 200, 'short_description is limited to 200 words'),
  objects: z.array(FiboObjectSchema).max(5),
  background_setting: text,
  lighting: z.object({ conditions: text, direction: text, shadows: text.optional() }),
  aesthetics: z.object({
    composition: text,
    color_scheme: text,
    mood_atmosphere: text,
    preference_score: text.optional(),
    aesthetic_score: text.optional(),
  }),
  photographic_characteristics: z
    .object({ depth_of_field: text, focus: text, camera_angle: text, lens_focal_length: text })
    .optional(),
  style_medium: text.optional(),
  text_render: z.array(z.unknown()).optional(),
  context: text,
  artistic_style: text.refine((s) => wordCount(s) <= 3, 'artistic_style is limited to 3 words').optional(),
});
export type FiboStructuredPrompt = z.infer<typeof FiboStructuredPromptSchema>;
export const FIBO_TOP_LEVEL_KEYS = Object.keys(FiboStructuredPromptSchema.shape) as (keyof FiboStructuredPrompt)[];

// ── Model 2: scene metaphor ─────────────────────────────────────────────────────────────
export const SceneSchema = z.object({
  /** Metaphor family from the scene bank, e.g. "ocean" or "lighthouse". */
  family: z.string(),
  /** One sentence, e.g. "A small boat on a dark, heaving sea under low clouds". */
  metaphor: z.string().min(1),
  objects: z.array(FiboObjectSchema).max(5),
  background_setting: z.string(),
  weather: z.string().optional(),
  light: z.string().optional(),
  motion: z.string().optional(),
  seed: z.number().int().nonnegative(),
  source: z.enum(['bank', 'llm']),
});
export type Scene = z.infer<typeof SceneSchema>;

// ── Images ──────────────────────────────────────────────────────────────────────────────
export const ImageInfoSchema = z.object({
  id: z.string(),
  renderer: z.enum(['offline', 'bria']),
  seed: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  mime: z.literal('image/png').or(z.literal('image/jpeg')),
  /** Why the image came from the fallback renderer, when it did. */
  note: z.string().optional(),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

// ── Journal entries and feedback ────────────────────────────────────────────────────────
export const JOURNAL_TEXT_MAX = 20_000;

export const AnalyzeRequestSchema = z.object({
  journal_text: z.string(),
  /** Opt-in: store the raw text, encrypted. Off unless the person says so. */
  store_text: z.boolean().default(false),
  seed: z.number().int().nonnegative().optional(),
});
export type AnalyzeRequest = z.infer<typeof AnalyzeRequestSchema>;

export const GenerateRequestSchema = z.object({
  entry_id: z.string().uuid(),
  overrides: VisualOverridesSchema.optional(),
  seed: z.number().int().nonnegative().optional(),
});
export type GenerateRequest = z.infer<typeof GenerateRequestSchema>;

export const JournalEntrySchema = z.object({
  id: z.string().uuid(),
  created_at: z.string(),
  /** Present only when the person consented to storing it. */
  text: z.string().nullable(),
  text_stored: z.boolean(),
  crisis: CrisisAssessmentSchema,
  emotions: EmotionAnalysisSchema.nullable(),
  visuals: VisualParamsSchema.nullable(),
  scene: SceneSchema.nullable(),
  fibo_prompt: FiboStructuredPromptSchema.nullable(),
  image: ImageInfoSchema.nullable(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

/** One line of the history list. */
export const EntrySummarySchema = z.object({
  id: z.string().uuid(),
  created_at: z.string(),
  is_crisis: z.boolean(),
  primary: StudioEmotionSchema.nullable(),
  metaphor: z.string().nullable(),
  image_id: z.string().nullable(),
  text_stored: z.boolean(),
});
export type EntrySummary = z.infer<typeof EntrySummarySchema>;

export const FeedbackSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thumbs'), entry_id: z.string().uuid(), value: z.enum(['up', 'down']) }),
  z.object({ kind: z.literal('resonance'), entry_id: z.string().uuid(), resonated: z.boolean() }),
  z.object({
    kind: z.literal('slider'),
    entry_id: z.string().uuid(),
    /** What the model predicted, and what the person settled on. */
    predicted: VisualParamsSchema,
    adjusted: VisualParamsSchema,
  }),
]);
export type Feedback = z.infer<typeof FeedbackSchema>;

export const StoredFeedbackSchema = z.intersection(
  FeedbackSchema,
  z.object({ id: z.string().uuid(), created_at: z.string() }),
);
export type StoredFeedback = z.infer<typeof StoredFeedbackSchema>;

// ── The pipeline's result ───────────────────────────────────────────────────────────────
export const PipelineResultSchema = z.object({
  crisis: CrisisAssessmentSchema,
  /** Help resources, present exactly when the gate found a crisis. */
  resources: z.array(HelpResourceSchema).nullable(),
  emotions: EmotionAnalysisSchema.nullable(),
  visuals: VisualParamsSchema.nullable(),
  scene: SceneSchema.nullable(),
  fibo_prompt: FiboStructuredPromptSchema.nullable(),
  image: ImageInfoSchema.nullable(),
});
export type PipelineResult = z.infer<typeof PipelineResultSchema>;

/** The CLI's `predict` line. */
export const PredictionSchema = z.object({
  id: z.union([z.string(), z.number()]),
  crisis: CrisisAssessmentSchema.optional(),
  emotions: EmotionAnalysisSchema.optional(),
});
export type Prediction = z.infer<typeof PredictionSchema>;

/** A zod error as readable lines, "path: message" (just the message for the root), for errors people read. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}
