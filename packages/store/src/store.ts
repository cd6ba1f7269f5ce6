/**
 * The studio's persistence: entries (text only with consent, encrypted), images, feedback and
 * escalation events. Every row crossing out of here is validated against the core contracts.
 */
import { randomUUID } from 'node:crypto';
import {
  FeedbackSchema,
  ImageInfoSchema,
  JournalEntrySchema,
  StoredFeedbackSchema,
  type CrisisAssessment,
  type EntrySummary,
  type Feedback,
  type FiboStructuredPrompt,
  type ImageInfo,
  type JournalEntry,
  type PipelineResult,
  type Scene,
  type StoredFeedback,
  type StudioEmotion,
  type StudioScores,
  type VisualParams,
} from '@studio/core';
import type { Cipher } from './crypto';
import type { Database, Queryable } from './db';

export interface StoredImageInput {
  bytes: Uint8Array;
  info: ImageInfo;
}

export interface SliderExample {
  scores: StudioScores;
  intensity: number;
  adjusted: VisualParams;
}

export interface EscalationRecord {
  id: string;
  entry_id: string | null;
  created_at: string;
  risk_score: number;
  categories: CrisisAssessment['categories'];
  signal_ids: string[];
  notified: boolean;
  notify_error: string | null;
}

export interface StudioExport {
  exported_at: string;
  entries: JournalEntry[];
  feedback: StoredFeedback[];
  escalations: EscalationRecord[];
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

type EntryRow = {
  id: string;
  created_at: Date | string;
  text_ciphertext: Uint8Array | null;
  seed: number;
  crisis: unknown;
  emotions: unknown;
  visuals: unknown;
  scene: unknown;
  fibo_prompt: unknown;
  image_id: string | null;
};
type ImageRow = { id: string; renderer: string; seed: number; width: number; height: number; mime: string; note: string | null };

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export class StudioStore {
  constructor(
    private readonly db: Database,
    private readonly cipher: Cipher,
  ) {}

  /** Saves an analysed entry and its first image in one transaction. `text` is null unless the person opted in. */
  async saveEntry(input: {
    result: PipelineResult;
    seed: number;
    text: string | null;
    image: StoredImageInput | null;
  }): Promise<JournalEntry> {
    const id = randomUUID();
    const { result } = input;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO entries (id, text_ciphertext, seed, crisis, emotions, visuals, scene, fibo_prompt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          input.text === null ? null : this.cipher.encrypt(input.text),
          input.seed,
          json(result.crisis),
          json(result.emotions),
          json(result.visuals),
          json(result.scene),
          json(result.fibo_prompt),
        ],
      );
      if (input.image) await this.insertImage(tx, id, input.image);
    });
    return this.requireEntry(id);
  }

  /** Records a refinement (slider change or re-seed): the new visuals, prompt and image become current. */
  async saveRefinement(
    entryId: string,
    input: { visuals: VisualParams; fibo_prompt: FiboStructuredPrompt; seed: number; scene: Scene; image: StoredImageInput },
  ): Promise<JournalEntry> {
    await this.db.transaction(async (tx) => {
      const updated = await tx.query(
        'UPDATE entries SET visuals = $2, fibo_prompt = $3, seed = $4, scene = $5 WHERE id = $1 RETURNING id',
        [entryId, json(input.visuals), json(input.fibo_prompt), input.seed, json(input.scene)],
      );
      if (updated.length === 0) throw new NotFoundError(`entry ${entryId}`);
      await this.insertImage(tx, entryId, input.image);
    });
    return this.requireEntry(entryId);
  }

  private async insertImage(tx: Queryable, entryId: string, image: StoredImageInput): Promise<void> {
    const i = ImageInfoSchema.parse(image.info);
    await tx.query(
      `INSERT INTO images (id, entry_id, renderer, seed, width, height, mime, note, bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (entry_id, id) DO NOTHING`,
      [i.id, entryId, i.renderer, i.seed, i.width, i.height, i.mime, i.note ?? null, Buffer.from(image.bytes)],
    );
    await tx.query('UPDATE entries SET image_id = $2 WHERE id = $1', [entryId, i.id]);
  }

  async getEntry(id: string): Promise<JournalEntry | null> {
    const [row] = await this.db.query<EntryRow>('SELECT * FROM entries WHERE id = $1', [id]);
    if (!row) return null;
    const image = row.image_id ? await this.imageInfo(row.image_id) : null;
    return this.toEntry(row, image);
  }

  async requireEntry(id: string): Promise<JournalEntry> {
    const entry = await this.getEntry(id);
    if (!entry) throw new NotFoundError(`entry ${id}`);
    return entry;
  }

  async listEntries(options: { limit?: number; before?: string } = {}): Promise<EntrySummary[]> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    const rows = await this.db.query<{
      id: string;
      created_at: Date | string;
      crisis: CrisisAssessment;
      primary: StudioEmotion | null;
      metaphor: string | null;
      image_id: string | null;
      text_stored: boolean;
    }>(
      `SELECT id, created_at, crisis, emotions->>'primary' AS primary, scene->>'metaphor' AS metaphor, image_id,
              text_ciphertext IS NOT NULL AS text_stored
       FROM entries WHERE ($2::timestamptz IS NULL OR created_at < $2::timestamptz)
       ORDER BY created_at DESC, id DESC LIMIT $1`,
      [limit, options.before ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      created_at: iso(r.created_at),
      is_crisis: r.crisis.is_crisis,
      primary: r.primary,
      metaphor: r.metaphor,
      image_id: r.image_id,
      text_stored: r.text_stored,
    }));
  }

  async getImage(id: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
    const [row] = await this.db.query<{ bytes: Uint8Array; mime: string }>('SELECT bytes, mime FROM images WHERE id = $1 LIMIT 1', [id]);
    return row ? { bytes: new Uint8Array(row.bytes), mime: row.mime } : null;
  }

  private async imageInfo(id: string): Promise<ImageInfo | null> {
    const [row] = await this.db.query<ImageRow>(
      'SELECT id, renderer, seed, width, height, mime, note FROM images WHERE id = $1 LIMIT 1',
      [id],
    );
    if (!row) return null;
    return ImageInfoSchema.parse({ ...row, note: row.note ?? undefined });
  }

  async addFeedback(feedback: Feedback): Promise<StoredFeedback> {
    const f = FeedbackSchema.parse(feedback);
    const id = randomUUID();
    const { kind, entry_id, ...payload } = f;
    const rows = await this.db.query<{ created_at: Date | string }>(
      `INSERT INTO feedback (id, entry_id, kind, payload)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM entries WHERE id = $2) RETURNING created_at`,
      [id, entry_id, kind, JSON.stringify(payload)],
    );
    const [row] = rows;
    if (!row) throw new NotFoundError(`entry ${entry_id}`);
    return StoredFeedbackSchema.parse({ ...f, id, created_at: iso(row.created_at) });
  }

  async listFeedback(entryId?: string): Promise<StoredFeedback[]> {
    const rows = await this.db.query<{ id: string; entry_id: string; kind: string; payload: object; created_at: Date | string }>(
      `SELECT id, entry_id, kind, payload, created_at FROM feedback
       WHERE ($1::uuid IS NULL OR entry_id = $1::uuid) ORDER BY created_at, id`,
      [entryId ?? null],
    );
    return rows.map((r) =>
      StoredFeedbackSchema.parse({ ...r.payload, kind: r.kind, entry_id: r.entry_id, id: r.id, created_at: iso(r.created_at) }),
    );
  }

  /**
   * Slider corrections joined with the emotions they corrected: Model 3's training signal from people.
   * Only the last setting per entry counts, so dragging a slider through many values adds one example.
   */
  async sliderExamples(): Promise<SliderExample[]> {
    const rows = await this.db.query<{ emotions: { scores: StudioScores; intensity: number }; payload: { adjusted: VisualParams } }>(
      `SELECT DISTINCT ON (f.entry_id) e.emotions, f.payload FROM feedback f JOIN entries e ON e.id = f.entry_id
       WHERE f.kind = 'slider' AND e.emotions IS NOT NULL ORDER BY f.entry_id, f.created_at DESC, f.id DESC`,
    );
    return rows.map((r) => ({ scores: r.emotions.scores, intensity: r.emotions.intensity, adjusted: r.payload.adjusted }));
  }

  async recordEscalation(entryId: string | null, crisis: CrisisAssessment): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      'INSERT INTO escalations (id, entry_id, risk_score, categories, signal_ids) VALUES ($1, $2, $3, $4, $5)',
      [id, entryId, crisis.risk_score, JSON.stringify(crisis.categories), JSON.stringify(crisis.signals.map((s) => s.id))],
    );
    return id;
  }

  async markEscalationNotified(id: string, outcome: { ok: true } | { ok: false; error: string }): Promise<void> {
    await this.db.query('UPDATE escalations SET notified = $2, notify_error = $3 WHERE id = $1', [
      id,
      outcome.ok,
      outcome.ok ? null : outcome.error,
    ]);
  }

  async listEscalations(): Promise<EscalationRecord[]> {
    const rows = await this.db.query<EscalationRecord & { created_at: Date | string }>(
      'SELECT * FROM escalations ORDER BY created_at, id',
    );
    return rows.map((r) => ({ ...r, created_at: iso(r.created_at) }));
  }

  async exportAll(): Promise<StudioExport> {
    const rows = await this.db.query<EntryRow>('SELECT * FROM entries ORDER BY created_at, id');
    const entries = await Promise.all(
      rows.map(async (r) => this.toEntry(r, r.image_id ? await this.imageInfo(r.image_id) : null)),
    );
    return {
      exported_at: new Date().toISOString(),
      entries,
      feedback: await this.listFeedback(),
      escalations: await this.listEscalations(),
    };
  }

  /** Deletes every entry, image, feedback and escalation record. */
  async deleteAll(): Promise<{ entries: number }> {
    return this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM escalations');
      const deleted = await tx.query('DELETE FROM entries RETURNING id');
      return { entries: deleted.length };
    });
  }

  private toEntry(row: EntryRow, image: ImageInfo | null): JournalEntry {
    return JournalEntrySchema.parse({
      id: row.id,
      created_at: iso(row.created_at),
      text: row.text_ciphertext ? this.cipher.decrypt(row.text_ciphertext) : null,
      text_stored: row.text_ciphertext !== null,
      crisis: row.crisis,
      emotions: row.emotions,
      visuals: row.visuals,
      scene: row.scene,
      fibo_prompt: row.fibo_prompt,
      image,
    });
  }
}
