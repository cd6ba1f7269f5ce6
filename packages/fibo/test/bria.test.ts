/**
 * Contract tests for the Bria FIBO client against a local HTTP server that behaves as Bria's docs describe:
 * 202 {request_id, status_url} → GET /status/{id} (always 200) → COMPLETED with result.image_url → image download;
 * sync answers; error bodies {error: {code, message, details}, request_id}; 429 with Retry-After; 404 for expired ids.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Resvg } from '@resvg/resvg-js';
import type { FiboStructuredPrompt } from '@studio/core/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BriaClient, briaConfigFromEnv, type BriaClientOptions } from '../src/bria/client';
import { BriaError } from '../src/bria/errors';

const TOKEN = 'test-token';
const PNG = new Uint8Array(
  new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="6"><rect width="8" height="6" fill="#369"/></svg>')
    .render()
    .asPng(),
);

const PROMPT: FiboStructuredPrompt = {
  short_description: 'A small boat on a calm sea at dawn.',
  objects: [{ description: 'a small wooden boat', location: 'center', relationship: 'alone on the water' }],
  background_setting: 'open sea under a pale sky',
  lighting: { conditions: 'soft dawn light', direction: 'from the left' },
  aesthetics: { composition: 'low horizon', color_scheme: 'cool blues', mood_atmosphere: 'calm' },
  context: 'a visual metaphor for a journal entry',
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
interface Reply {
  status: number;
  json?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** Never answer (to exercise timeouts). */
  hang?: boolean;
}
type Handler = (req: Seen, nth: number) => Reply;

let server: Server;
let base: string;
let seen: Seen[] = [];
let handler: Handler = () => ({ status: 500 });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(entry);
      const reply = handler(entry, seen.filter((s) => s.url === entry.url).length);
      if (reply.hang) return;
      const body = reply.bytes ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
      res.writeHead(reply.status, {
        'content-type': reply.bytes ? 'image/png' : 'application/json',
        ...reply.headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
afterEach(() => {
  seen = [];
});

/** A fake clock: sleeps return at once but move time forward, and every wait is recorded. */
function client(extra: Partial<BriaClientOptions> = {}) {
  let now = 0;
  const waits: number[] = [];
  const c = new BriaClient({
    token: TOKEN,
    baseUrl: base,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...extra,
  });
  return { c, waits };
}

/** Bria's documented async flow: 202, `pending` polls IN_PROGRESS, then COMPLETED, then the image. */
type Override = (req: Seen, nth: number) => Reply | undefined;
function asyncFlow(pending: number, overrides: Partial<Record<'generate' | 'status' | 'image', Override>> = {}): Handler {
  return (req, nth) => {
    if (req.method === 'POST' && req.url === '/image/generate') {
      if (req.headers.api_token !== TOKEN) {
        return { status: 401, json: { error: { code: 401, message: 'Invalid api_token', details: '' }, request_id: 'r0' } };
      }
      return overrides.generate?.(req, nth) ?? { status: 202, json: { request_id: 'req-1', status_url: `${base}/status/req-1` } };
    }
    if (req.method === 'GET' && req.url === '/status/req-1') {
      const custom = overrides.status?.(req, nth);
      if (custom) return custom;
      if (nth <= pending) return { status: 200, json: { status: 'IN_PROGRESS', request_id: 'req-1' } };
      return {
        status: 200,
        json: {
          status: 'COMPLETED',
          request_id: 'req-1',
          result: { image_url: `${base}/files/req-1.png`, seed: 42, structured_prompt: JSON.stringify(PROMPT) },
        },
      };
    }
    if (req.method === 'GET' && req.url === '/files/req-1.png') {
      return overrides.image?.(req, nth) ?? { status: 200, bytes: PNG };
    }
    return { status: 404, json: { error: { code: 404, message: 'Not found' }, request_id: 'rx' } };
  };
}

async function failure(promise: Promise<unknown>): Promise<BriaError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a BriaError');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BriaError);
  return err as BriaError;
}

describe('Bria FIBO client: documented async flow', () => {
  it('posts the structured prompt as a JSON string, polls until COMPLETED and downloads the image', async () => {
    handler = asyncFlow(2);
    const { c, waits } = client({ pollIntervalMs: 100, maxPollIntervalMs: 120 });
    const image = await c.generateImage(PROMPT, { seed: 42, stepsNum: 50, guidanceScale: 5, negativePrompt: 'text' });

    expect(image.mime).toBe('image/png');
    expect([image.width, image.height]).toEqual([8, 6]);
    expect(Buffer.from(image.bytes).equals(Buffer.from(PNG))).toBe(true);
    expect(image.generation).toMatchObject({ requestId: 'req-1', seed: 42 });

    const post = seen[0]!;
    expect(post.headers.api_token).toBe(TOKEN);
    const body = JSON.parse(post.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['aspect_ratio', 'guidance_scale', 'model_version', 'negative_prompt', 'seed', 'steps_num', 'structured_prompt', 'sync'].sort(),
    );
    expect(body).toMatchObject({ seed: 42, aspect_ratio: '1:1', steps_num: 50, guidance_scale: 5, model_version: 'FIBO', sync: false });
    expect(typeof body.structured_prompt).toBe('string');
    const sent = JSON.parse(body.structured_prompt as string) as Record<string, unknown>;
    // Canonical: schema key order, compact, and nothing but the prompt.
    expect(Object.keys(sent)).toEqual(['short_description', 'objects', 'background_setting', 'lighting', 'aesthetics', 'context']);
    expect(body.structured_prompt).not.toMatch(/\n|": /);
    expect(sent).toEqual(PROMPT);

    const polls = seen.filter((s) => s.url === '/status/req-1');
    expect(polls).toHaveLength(3);
    expect(polls.every((p) => p.headers.api_token === TOKEN)).toBe(true);
    expect(waits).toEqual([100, 120, 120]);
    // The token never goes to the image host.
    expect(seen.find((s) => s.url === '/files/req-1.png')!.headers.api_token).toBeUndefined();
  });

  it('accepts a synchronous answer without polling', async () => {
    handler = asyncFlow(0, {
      generate: () => ({
        status: 200,
        json: { request_id: 'req-1', result: { image_url: `${base}/files/req-1.png`, seed: 7, structured_prompt: '{}' } },
      }),
    });
    const { c } = client();
    const image = await c.generateImage(PROMPT, { seed: 7, sync: true });
    expect(JSON.parse(seen[0]!.body)).toMatchObject({ sync: true });
    expect(seen.some((s) => s.url.startsWith('/status'))).toBe(false);
    expect(image.generation.seed).toBe(7);
  });

  it('reads a failed generation (ERROR, FAILED, UNKNOWN) as generation_failed', async () => {
    for (const state of ['ERROR', 'FAILED', 'UNKNOWN']) {
      handler = asyncFlow(0, {
        status: () => ({
          status: 200,
          json: { status: state, request_id: 'req-1', error: { code: 'E1', message: 'content filtered', details: 'nsfw' } },
        }),
      });
      const err = await failure(client().c.generate(PROMPT));
      expect(err.kind).toBe('generation_failed');
      expect(err.message).toContain(state);
      expect(err).toMatchObject({ code: 'E1', details: 'nsfw', requestId: 'req-1', retryable: false });
    }
  });

  it('treats a 404 on /status as an expired request, without retrying', async () => {
    handler = asyncFlow(0, {
      status: () => ({ status: 404, json: { error: { code: 404, message: 'Request expired' }, request_id: 'req-1' } }),
    });
    const err = await failure(client().c.generate(PROMPT));
    expect(err.kind).toBe('expired');
    expect(err.status).toBe(404);
    expect(seen.filter((s) => s.url === '/status/req-1')).toHaveLength(1);
  });

  it('gives up polling at the generation deadline', async () => {
    handler = asyncFlow(Number.POSITIVE_INFINITY);
    const err = await failure(client({ pollIntervalMs: 1_000, maxPollIntervalMs: 1_000, generationTimeoutMs: 5_500 }).c.generate(PROMPT));
    expect(err.kind).toBe('timeout');
    expect(seen.filter((s) => s.url === '/status/req-1')).toHaveLength(5);
  });
});

describe('Bria FIBO client: errors', () => {
  const cases: [number, BriaError['kind']][] = [
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [422, 'validation'],
  ];
  it.each(cases)('maps %i to %s with the documented error body, and does not retry', async (status, kind) => {
    handler = asyncFlow(0, {
      generate: () => ({
        status,
        json: { error: { code: status, message: `failure ${status}`, details: { field: 'structured_prompt' } }, request_id: 'bad-1' },
      }),
    });
    const err = await failure(client().c.generate(PROMPT));
    expect(err).toMatchObject({ kind, status, code: status, requestId: 'bad-1', details: { field: 'structured_prompt' } });
    expect(err.message).toContain(`failure ${status}`);
    expect(seen).toHaveLength(1);
  });

  it('rejects a wrong token with 401 from the server', async () => {
    handler = asyncFlow(0);
    const err = await failure(client({ token: 'wrong' }).c.generate(PROMPT));
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toContain('Invalid api_token');
  });

  it('retries 5xx with exponential backoff and jitter, then gives up', async () => {
    handler = asyncFlow(0, { generate: () => ({ status: 503, json: { error: { code: 503, message: 'busy' }, request_id: 'x' } }) });
    const { c, waits } = client({ retries: 3, backoffBaseMs: 100, backoffMaxMs: 10_000, random: () => 1 });
    const err = await failure(c.generate(PROMPT));
    expect(err.kind).toBe('server');
    expect(seen).toHaveLength(4);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('jitters each wait between half and all of the exponential ceiling', async () => {
    handler = asyncFlow(0, { generate: () => ({ status: 500, json: {} }) });
    const { c, waits } = client({ retries: 2, backoffBaseMs: 100, random: () => 0 });
    await failure(c.generate(PROMPT));
    expect(waits).toEqual([50, 100]);
  });

  it('honours 429 Retry-After, then succeeds', async () => {
    handler = asyncFlow(0, {
      generate: (_req, nth) =>
        nth === 1
          ? { status: 429, headers: { 'retry-after': '3' }, json: { error: { code: 429, message: 'Too many requests' }, request_id: 'x' } }
          : undefined,
    });
    const { c, waits } = client({ backoffBaseMs: 100, pollIntervalMs: 10 });
    const image = await c.generateImage(PROMPT);
    expect(image.mime).toBe('image/png');
    expect(seen.filter((s) => s.url === '/image/generate')).toHaveLength(2);
    expect(waits[0]).toBe(3_000);
  });

  it('does not wait for a Retry-After beyond its limit', async () => {
    handler = asyncFlow(0, { generate: () => ({ status: 429, headers: { 'retry-after': '600' }, json: {} }) });
    const err = await failure(client({ maxRetryAfterMs: 60_000 }).c.generate(PROMPT));
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 600_000 });
    expect(seen).toHaveLength(1);
  });

  it('times out a request that never answers, retries it, and reports a timeout', async () => {
    handler = asyncFlow(0, { generate: () => ({ status: 0, hang: true }) });
    const err = await failure(client({ requestTimeoutMs: 60, retries: 1 }).c.generate(PROMPT));
    expect(err.kind).toBe('timeout');
    expect(seen).toHaveLength(2);
  });

  it('reports a refused connection as a network error', async () => {
    const err = await failure(
      new BriaClient({ token: TOKEN, baseUrl: 'http://127.0.0.1:1', retries: 1, sleep: async () => {} }).generate(PROMPT),
    );
    expect(err.kind).toBe('network');
  });

  it('rejects a download that is not an image', async () => {
    handler = asyncFlow(0, { image: () => ({ status: 200, json: { not: 'an image' } }) });
    const err = await failure(client({ pollIntervalMs: 1 }).c.generateImage(PROMPT));
    expect(err.kind).toBe('protocol');
  });
});

describe('Bria FIBO client: cancellation and configuration', () => {
  it('cancels an in-flight request through the AbortSignal', async () => {
    handler = asyncFlow(0, { generate: () => ({ status: 0, hang: true }) });
    const controller = new AbortController();
    const pending = client({ requestTimeoutMs: 10_000 }).c.generate(PROMPT, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const err = await failure(pending);
    expect(err.kind).toBe('aborted');
    expect(seen).toHaveLength(1);
  });

  it('cancels while polling, with real waits', async () => {
    handler = asyncFlow(Number.POSITIVE_INFINITY);
    const controller = new AbortController();
    const c = new BriaClient({ token: TOKEN, baseUrl: base, pollIntervalMs: 20, maxPollIntervalMs: 20 });
    const pending = c.generate(PROMPT, { signal: controller.signal });
    setTimeout(() => controller.abort(), 90);
    const err = await failure(pending);
    expect(err.kind).toBe('aborted');
    // A poll already on the wire when the signal fired may still land; after that, no more.
    await new Promise((r) => setTimeout(r, 40));
    const polls = seen.filter((s) => s.url === '/status/req-1').length;
    expect(polls).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.filter((s) => s.url === '/status/req-1').length).toBe(polls);
  });

  it('reads the token and base URL from the environment', () => {
    expect(briaConfigFromEnv({})).toBeUndefined();
    expect(briaConfigFromEnv({ BRIA_API_TOKEN: 'k' })).toEqual({ token: 'k', baseUrl: 'https://engine.prod.bria-api.com/v2' });
    expect(briaConfigFromEnv({ BRIA_API_TOKEN: 'k', BRIA_BASE_URL: 'http://localhost:9/v2' })).toEqual({
      token: 'k',
      baseUrl: 'http://localhost:9/v2',
    });
  });
});
