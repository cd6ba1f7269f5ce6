import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, NotFoundError, openStore, type Database, type StudioStore } from '../src/index';
import { sampleImage, sampleResult } from './fixtures';

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Backend {
  name: string;
  setup(): Promise<{ dataDir: string; databaseUrl?: string; teardown(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    async setup() {
      const dataDir = mkdtempSync(join(tmpdir(), 'studio-store-'));
      return { dataDir, teardown: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    async setup() {
      // A throw-away database per run, so parallel runs and old data never interfere.
      const name = `studio_test_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const dataDir = mkdtempSync(join(tmpdir(), 'studio-store-pg-'));
      const url = new URL(POSTGRES_ADMIN_URL);
      url.pathname = `/${name}`;
      return {
        dataDir,
        databaseUrl: url.toString(),
        async teardown() {
          const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(backends)('store on $name', (backend) => {
  let store: StudioStore;
  let db: Database;
  let teardown: () => Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    const env = await backend.setup();
    teardown = env.teardown;
    dataDir = env.dataDir;
    ({ store, db } = await openStore({ dataDir: env.dataDir, databaseUrl: env.databaseUrl }));
  });
  afterAll(async () => {
    await db?.close();
    await teardown?.();
  });

  it('applies each migration once', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version)).toContain('001_init');
  });

  it('generates a 0600 key file when no key is configured', () => {
    expect(statSync(join(dataDir, 'encryption.key')).mode & 0o777).toBe(0o600);
  });

  it('does not store the text without consent', async () => {
    const entry = await store.saveEntry({ result: sampleResult(), seed: 7, text: null, image: sampleImage('a') });
    expect(entry.text).toBeNull();
    expect(entry.text_stored).toBe(false);
    const [raw] = await db.query<{ text_ciphertext: unknown }>('SELECT text_ciphertext FROM entries WHERE id = $1', [entry.id]);
    expect(raw?.text_ciphertext).toBeNull();
  });

  it('stores consented text encrypted, and reads it back', async () => {
    const secret = 'my private words about the move';
    const entry = await store.saveEntry({ result: sampleResult(), seed: 7, text: secret, image: sampleImage('b') });
    expect(entry.text).toBe(secret);
    const [raw] = await db.query<{ text_ciphertext: Uint8Array }>('SELECT text_ciphertext FROM entries WHERE id = $1', [entry.id]);
    const bytes = Buffer.from(raw!.text_ciphertext);
    expect(bytes.includes(Buffer.from('private'))).toBe(false);
    expect(bytes.length).toBeGreaterThan(secret.length);
    const dump = JSON.stringify(await db.query('SELECT * FROM entries'));
    expect(dump).not.toContain('private words');
  });

  it('keeps images and refinements', async () => {
    const entry = await store.saveEntry({ result: sampleResult(), seed: 7, text: null, image: sampleImage('c') });
    expect(entry.image?.id).toBe('img-c');
    const visuals = { ...entry.visuals!, light_level: 0.9 };
    const refined = await store.saveRefinement(entry.id, {
      visuals,
      fibo_prompt: entry.fibo_prompt!,
      scene: entry.scene!,
      seed: 7,
      image: sampleImage('d'),
    });
    expect(refined.visuals?.light_level).toBe(0.9);
    expect(refined.image?.id).toBe('img-d');
    expect((await store.getImage('img-c'))?.bytes.length).toBeGreaterThan(4);
    await expect(
      store.saveRefinement('00000000-0000-4000-8000-000000000000', { visuals, fibo_prompt: entry.fibo_prompt!, scene: entry.scene!, seed: 1, image: sampleImage('e') }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('saves a crisis entry without image, and lists history newest first', async () => {
    const crisis = await store.saveEntry({ result: sampleResult(true), seed: 1, text: null, image: null });
    expect(crisis.image).toBeNull();
    const list = await store.listEntries();
    expect(list[0]?.id).toBe(crisis.id);
    expect(list[0]?.is_crisis).toBe(true);
    expect(list.find((e) => e.image_id === 'img-d')?.primary).toBe('overwhelm');
  });

  it('records feedback and turns slider corrections into training examples', async () => {
    const entry = await store.saveEntry({ result: sampleResult(), seed: 7, text: null, image: null });
    await store.addFeedback({ kind: 'thumbs', entry_id: entry.id, value: 'up' });
    await store.addFeedback({ kind: 'resonance', entry_id: entry.id, resonated: false });
    const adjusted = { ...entry.visuals!, warmth: 0.95 };
    await store.addFeedback({ kind: 'slider', entry_id: entry.id, predicted: entry.visuals!, adjusted: entry.visuals! });
    await store.addFeedback({ kind: 'slider', entry_id: entry.id, predicted: entry.visuals!, adjusted });
    const feedback = await store.listFeedback(entry.id);
    expect(feedback.map((f) => f.kind)).toEqual(['thumbs', 'resonance', 'slider', 'slider']);
    const examples = await store.sliderExamples();
    expect(examples).toEqual([{ scores: entry.emotions!.scores, intensity: 0.7, adjusted }]);
    await expect(
      store.addFeedback({ kind: 'thumbs', entry_id: '00000000-0000-4000-8000-000000000000', value: 'up' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records escalations without text', async () => {
    const entry = await store.saveEntry({ result: sampleResult(true), seed: 1, text: 'goodbye note', image: null });
    const id = await store.recordEscalation(entry.id, entry.crisis);
    await store.markEscalationNotified(id, { ok: false, error: 'webhook 500' });
    const [esc] = (await store.listEscalations()).filter((e) => e.id === id);
    expect(esc).toMatchObject({ entry_id: entry.id, notified: false, notify_error: 'webhook 500', signal_ids: ['rule:goodbye'] });
    expect(JSON.stringify(esc)).not.toContain('goodbye note');
  });

  it('exports everything and deletes everything', async () => {
    const exported = await store.exportAll();
    expect(exported.entries.length).toBeGreaterThanOrEqual(5);
    expect(exported.entries.some((e) => e.text === 'my private words about the move')).toBe(true);
    expect(exported.feedback.length).toBe(4);
    expect(exported.escalations.length).toBe(1);
    const { entries } = await store.deleteAll();
    expect(entries).toBe(exported.entries.length);
    expect(await store.listEntries()).toEqual([]);
    expect((await store.exportAll()).feedback).toEqual([]);
    expect(await store.getImage('img-c')).toBeNull();
  });
});
