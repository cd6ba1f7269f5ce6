/**
 * The studio service over the real default stages (committed models, offline renderer) and a
 * throw-away PGlite store: validation, consent, refinement, feedback, crisis escalation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalEntrySchema } from '@studio/core';
import { env } from '@studio/core/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Studio, StudioError } from '../src/index';

const CALM = 'Finished the jigsaw with Dad this afternoon and we laughed for ages about the one missing piece. Good day.';
const CRISIS = 'I have decided to end my life tonight. I wrote the letters and I have what I need.';

describe('Studio service', () => {
  let studio: Studio;
  let dataDir: string;
  let webhook: Server;
  const received: string[] = [];

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    const { port } = webhook.address() as { port: number };
    dataDir = mkdtempSync(join(tmpdir(), 'studio-runtime-'));
    studio = await Studio.open({
      env: env({
        STUDIO_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        CRISIS_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      }),
      rateLimitPerMinute: 1000,
    });
  });

  afterAll(async () => {
    await studio?.close();
    webhook?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const status = async (p: Promise<unknown>) => {
    try {
      await p;
      return 200;
    } catch (err) {
      if (err instanceof StudioError) return err.status;
      throw err;
    }
  };

  it('rejects bad requests with the right status', async () => {
    expect(await status(studio.analyze('text'))).toBe(400);
    expect(await status(studio.analyze({ journal_text: '  \n ' }))).toBe(400);
    expect(await status(studio.analyze({ journal_text: 'x'.repeat(20_001) }))).toBe(413);
    expect(await status(studio.analyze({ journal_text: ['a'] }))).toBe(422);
    expect(await status(studio.analyze({ journal_text: 'ok', store_text: 'yes' }))).toBe(422);
    expect(await status(studio.generate({ entry_id: 'x' }))).toBe(422);
    expect(await status(studio.generate({ entry_id: '00000000-0000-4000-8000-000000000000' }))).toBe(404);
    expect(await status(studio.feedback({ kind: 'thumbs', entry_id: '00000000-0000-4000-8000-000000000000', value: 'up' }))).toBe(404);
    expect(await studio.history()).toEqual([]);
  });

  it('analyses an entry into a saved, illustrated reading without keeping the text', async () => {
    const { entry, result } = await studio.analyze({ journal_text: CALM });
    expect(JournalEntrySchema.parse(entry)).toBeTruthy();
    expect(result.crisis.is_crisis).toBe(false);
    expect(entry.text).toBeNull();
    expect(entry.image?.renderer).toBe('offline');
    const image = await studio.image(entry.image!.id);
    expect(Buffer.from(image.bytes).subarray(1, 4).toString()).toBe('PNG');
    // The words that explain the reading are shown once, and stored nowhere.
    const words = Object.values(entry.emotions?.explanations ?? {}).flatMap((list) => list.map((t) => t.token));
    expect(words.length).toBeGreaterThan(0);
    const stored = JSON.stringify(await studio.exportAll()).toLowerCase();
    for (const word of [...words, 'jigsaw', 'missing piece']) expect(stored).not.toContain(`"${word}"`);
    expect(stored).not.toContain('jigsaw');
  });

  it('keeps the text, encrypted, when the person opts in', async () => {
    const { entry } = await studio.analyze({ journal_text: CALM, store_text: true });
    expect((await studio.requireEntry(entry.id)).text).toBe(CALM);
  });

  it('refines with a slider: same scene and seed, new visuals and image, slider feedback recorded', async () => {
    const { entry } = await studio.analyze({ journal_text: CALM });
    const refined = await studio.generate({ entry_id: entry.id, overrides: { light_level: 0.05 } });
    expect(refined.scene).toEqual(entry.scene);
    expect(refined.visuals?.light_level).toBe(0.05);
    expect(refined.image?.seed).toBe(entry.image?.seed);
    expect(refined.image?.id).not.toBe(entry.image?.id);
    const feedback = await studio.store.listFeedback(entry.id);
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({ kind: 'slider', adjusted: { light_level: 0.05 } });

    const reseeded = await studio.generate({ entry_id: entry.id, seed: 12345 });
    expect(reseeded.scene?.seed).toBe(12345);
    expect(reseeded.visuals?.light_level).toBe(0.05);
  });

  it('meets a crisis with resources, no image, an escalation without text, and a webhook call', async () => {
    const { entry, result } = await studio.analyze({ journal_text: CRISIS, store_text: true });
    expect(result.crisis.is_crisis).toBe(true);
    expect(result.resources?.map((r) => r.contact).join(' ')).toContain('988');
    expect(result.image).toBeNull();
    expect(entry.image).toBeNull();
    expect(await status(studio.generate({ entry_id: entry.id }))).toBe(409);
    await studio.settled();
    const [escalation] = await studio.store.listEscalations();
    expect(escalation).toMatchObject({ entry_id: entry.id, notified: true });
    expect(received).toHaveLength(1);
    const payload = JSON.parse(received[0]!);
    expect(payload).toMatchObject({ event: 'crisis_escalation', entry_id: entry.id });
    expect(received[0]).not.toContain('letters');
    // The person can come back to it: the entry, with their words, is saved.
    expect((await studio.requireEntry(entry.id)).text).toBe(CRISIS);
  });

  it('records thumbs and resonance feedback', async () => {
    const { entry } = await studio.analyze({ journal_text: CALM });
    await studio.feedback({ kind: 'thumbs', entry_id: entry.id, value: 'down' });
    await studio.feedback({ kind: 'resonance', entry_id: entry.id, resonated: true });
    expect((await studio.store.listFeedback(entry.id)).map((f) => f.kind)).toEqual(['thumbs', 'resonance']);
  });

  it('deletes everything', async () => {
    expect((await studio.history()).length).toBeGreaterThan(0);
    await studio.deleteAll();
    expect(await studio.history()).toEqual([]);
  });
});

describe('rate limit', () => {
  it('answers 429 past the per-minute limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-rate-'));
    const studio = await Studio.open({ env: env({ STUDIO_DATA_DIR: dir, LOG_LEVEL: 'silent' }), rateLimitPerMinute: 2 });
    try {
      await studio.analyze({ journal_text: CALM }, 'client-a');
      await studio.analyze({ journal_text: CALM }, 'client-a');
      await expect(studio.analyze({ journal_text: CALM }, 'client-a')).rejects.toMatchObject({ status: 429 });
      await expect(studio.analyze({ journal_text: CALM }, 'client-b')).resolves.toBeTruthy();
    } finally {
      await studio.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
