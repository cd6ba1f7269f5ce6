/**
 * The studio service: validates requests, runs the pipeline, persists, escalates. The Next.js routes
 * and the CLI are thin adapters over this; business rules live here and in the packages below.
 */
import {
  AnalyzeRequestSchema,
  describeIssues,
  FeedbackSchema,
  GenerateRequestSchema,
  JOURNAL_TEXT_MAX,
  type CrisisAssessment,
  type EmotionAnalysis,
  type EntrySummary,
  type HelpResource,
  type JournalEntry,
  type PipelineResult,
  type StoredFeedback,
} from '@studio/core';
import { resolve } from 'node:path';
import { env as readEnv, type Env } from '@studio/core/env';
import { repoRoot } from '@studio/core/paths';
import { analyzeEntry, applyOverrides, visualise, type Stages } from '@studio/core/pipeline';
import { NotFoundError, openCache, openStore, type Cache, type Database, type StudioExport, type StudioStore } from '@studio/store';
import type { z } from 'zod';
import { defaultStages } from './stages';
import { escalate } from './escalation';
import { StudioError } from './errors';
import { cachedImages } from './image-cache';
import { createLogger, type Logger } from './log';

export interface StudioOptions {
  env?: Env;
  /** Replace any stage, e.g. in tests. */
  stages?: Partial<Stages>;
  logger?: Logger;
  fetch?: typeof fetch;
  /** Analyses allowed per client per minute. */
  rateLimitPerMinute?: number;
}

export interface AnalyzeResponse {
  entry: JournalEntry;
  result: PipelineResult;
}

export type PredictTask = 'all' | 'emotions' | 'crisis';

export class Studio {
  private readonly deliveries = new Set<Promise<void>>();

  private constructor(
    readonly stages: Stages,
    readonly store: StudioStore,
    private readonly db: Database,
    readonly cache: Cache,
    readonly log: Logger,
    private readonly env: Env,
    private readonly options: StudioOptions,
  ) {}

  static async open(options: StudioOptions = {}): Promise<Studio> {
    const env = options.env ?? readEnv();
    const log = options.logger ?? createLogger(env.LOG_LEVEL);
    const { store, db } = await openStore({
      // Relative to the workspace root, so the CLI and the web app (cwd apps/studio) share one store.
      dataDir: resolve(repoRoot(), env.STUDIO_DATA_DIR),
      databaseUrl: env.DATABASE_URL,
      encryptionKey: env.STUDIO_ENCRYPTION_KEY,
    });
    const cache = await openCache({ redisUrl: env.REDIS_URL });
    const base = { ...defaultStages(env), ...options.stages };
    const stages: Stages = { ...base, images: cachedImages(base.images, cache) };
    log.info({ database: db.kind, cache: cache.kind, images: env.BRIA_API_TOKEN ? 'bria' : 'offline' }, 'studio ready');
    return new Studio(stages, store, db, cache, log, env, options);
  }

  /** POST /api/analyze: crisis gate → emotions → scene → prompt → image, saved as a new entry. */
  async analyze(body: unknown, client = 'local'): Promise<AnalyzeResponse> {
    const request = parse(AnalyzeRequestSchema, body);
    const text = request.journal_text;
    if (text.trim().length === 0) throw new StudioError(400, 'journal_text is empty: write something first');
    if (text.length > JOURNAL_TEXT_MAX)
      throw new StudioError(413, `journal_text is ${text.length} characters; the limit is ${JOURNAL_TEXT_MAX}`);
    await this.rateLimit(`analyze:${client}`);

    const { result, image } = await analyzeEntry(text, this.stages, { seed: request.seed, region: this.env.STUDIO_REGION });
    // Explanations are the person's own words: shown now, never stored (not even with consent, as they would sit in clear).
    const explanations = result.emotions?.explanations;
    const saved = await this.store.saveEntry({
      result: { ...result, emotions: result.emotions && { ...result.emotions, explanations: undefined } },
      seed: result.scene?.seed ?? request.seed ?? 0,
      text: request.store_text ? text : null,
      image,
    });
    const entry = saved.emotions && explanations ? { ...saved, emotions: { ...saved.emotions, explanations } } : saved;
    if (result.crisis.is_crisis) await this.escalate(entry.id, result.crisis);
    this.log.info(
      { entry_id: entry.id, crisis: result.crisis.is_crisis, primary: result.emotions?.primary ?? null, chars: text.length },
      'entry analysed',
    );
    return { entry, result };
  }

  /** POST /api/generate: re-render an entry with slider overrides and/or a new seed, keeping its scene. */
  async generate(body: unknown): Promise<JournalEntry> {
    const request = parse(GenerateRequestSchema, body);
    const entry = await this.requireEntry(request.entry_id);
    if (entry.crisis.is_crisis || !entry.emotions || !entry.scene || !entry.visuals)
      throw new StudioError(409, 'This entry has no image: the studio does not illustrate an entry that asked for help.');
    // The scene was drawn with the entry's seed, so it carries it.
    const seed = request.seed ?? entry.scene.seed;
    const visuals = applyOverrides(entry.visuals, request.overrides);
    const scene = seed === entry.scene.seed ? entry.scene : await this.stages.scenes.generate({ emotions: entry.emotions, visuals, seed });
    const { result, image } = await visualise({ emotions: entry.emotions, visuals, scene, seed }, this.stages);
    if (request.overrides && Object.keys(request.overrides).length > 0) {
      // The model's own prediction vs. where the person put the sliders: Model 3 learns from the gap.
      await this.store.addFeedback({
        kind: 'slider',
        entry_id: entry.id,
        predicted: this.stages.visuals.predict(entry.emotions),
        adjusted: visuals,
      });
    }
    return this.store.saveRefinement(entry.id, { visuals, fibo_prompt: result.fibo_prompt, seed, image: image!, scene });
  }

  async feedback(body: unknown): Promise<StoredFeedback> {
    const feedback = parse(FeedbackSchema, body);
    try {
      return await this.store.addFeedback(feedback);
    } catch (err) {
      throw notFound(err);
    }
  }

  history(options: { limit?: number; before?: string } = {}): Promise<EntrySummary[]> {
    return this.store.listEntries(options);
  }

  async requireEntry(id: string): Promise<JournalEntry> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new StudioError(400, 'entry id must be a UUID');
    try {
      return await this.store.requireEntry(id);
    } catch (err) {
      throw notFound(err);
    }
  }

  async image(id: string): Promise<{ bytes: Uint8Array; mime: string }> {
    const image = await this.store.getImage(id);
    if (!image) throw new StudioError(404, `image ${id} not found`);
    return image;
  }

  /** Help resources for the configured region, shown on the crisis screen. */
  resources(): HelpResource[] {
    return this.stages.resources.forRegion(this.env.STUDIO_REGION);
  }

  exportAll(): Promise<StudioExport> {
    return this.store.exportAll();
  }

  async deleteAll(): Promise<{ entries: number }> {
    const out = await this.store.deleteAll();
    await this.cache.clear();
    return out;
  }

  /** The CLI's batch path: crisis and/or emotions only, no scene or image. */
  predict(text: string, task: PredictTask): { crisis?: CrisisAssessment; emotions?: EmotionAnalysis } {
    return {
      crisis: task === 'emotions' ? undefined : this.stages.crisis.assess(text),
      emotions: task === 'crisis' ? undefined : this.stages.emotions.analyze(text),
    };
  }

  /** Resolves when every webhook delivery started so far has finished. */
  async settled(): Promise<void> {
    await Promise.all([...this.deliveries]);
  }

  async close(): Promise<void> {
    await this.settled();
    await this.cache.close();
    await this.db.close();
  }

  private async escalate(entryId: string, crisis: CrisisAssessment): Promise<void> {
    const { delivery } = await escalate(this.store, this.log, entryId, crisis, {
      webhookUrl: this.env.CRISIS_WEBHOOK_URL,
      fetch: this.options.fetch,
    });
    const tracked = delivery.catch((err: unknown) => this.log.error({ error: String(err) }, 'escalation delivery failed'));
    this.deliveries.add(tracked);
    void tracked.finally(() => this.deliveries.delete(tracked));
  }

  private async rateLimit(key: string): Promise<void> {
    const limit = this.options.rateLimitPerMinute ?? 30;
    if ((await this.cache.hit(key, 60)) > limit)
      throw new StudioError(429, `Too many entries in a minute (limit ${limit}); take a breath and try again shortly.`);
  }
}

/** Validates a request body; a body that is not an object is a 400, a wrong shape a 422 naming the fields. */
function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new StudioError(400, 'Request body must be a JSON object');
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new StudioError(422, `Invalid request: ${describeIssues(parsed.error).join('; ')}`, parsed.error.issues);
  }
  return parsed.data;
}

function notFound(err: unknown): unknown {
  return err instanceof NotFoundError ? new StudioError(404, err.message) : err;
}
