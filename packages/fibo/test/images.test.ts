/** The image stage: offline without a token, Bria with one, and the offline renderer whenever Bria fails. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Resvg } from '@resvg/resvg-js';
import type { FiboStructuredPrompt, VisualParams } from '@studio/core/contracts';
import { ImageInfoSchema } from '@studio/core/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageGenerator } from '../src/images';
import { renderPrompt } from '../src/render/index';

const BRIA_PNG = new Uint8Array(new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="12"><rect width="16" height="12" fill="#a52"/></svg>').render().asPng());
const PROMPT: FiboStructuredPrompt = {
  short_description: 'A lighthouse on a rocky coast at night.',
  objects: [{ description: 'a lighthouse', location: 'right', relationship: 'on the rocks', relative_size: 'medium' }],
  background_setting: 'a rocky coast under a starry sky',
  lighting: { conditions: 'moonlit night', direction: 'from above' },
  aesthetics: { composition: 'rule of thirds', color_scheme: 'cool blues', mood_atmosphere: 'watchful, calm' },
  context: 'a visual metaphor',
};
const VISUALS: VisualParams = { light_level: 0.2, warmth: 0.2, saturation: 0.4, openness: 0.7, camera_distance: 0.6, contrast: 0.6 };

let mode: 'ok' | 'fail' | 'hang' = 'ok';
let requests = 0;
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (mode === 'hang') return;
    if (req.url === '/image/generate') {
      if (mode === 'fail') {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { code: 401, message: 'Invalid api_token' }, request_id: 'x' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ request_id: 'r', result: { image_url: `${base}/img.png`, seed: 77 } }));
    }
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(BRIA_PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('createImageGenerator', () => {
  it('renders offline without a token, with the exact visual params', async () => {
    const images = createImageGenerator({});
    const image = await images.generate(PROMPT, { seed: 3, visuals: VISUALS });
    expect(ImageInfoSchema.parse(image.info)).toMatchObject({ renderer: 'offline', width: 1024, height: 1024, seed: 3 });
    expect(image.info.note).toBeUndefined();
    expect(image.info.id).toBe(renderPrompt(PROMPT, { seed: 3, visuals: VISUALS }).info.id);
  });

  it('uses Bria when a token is given, and ids the image by its bytes', async () => {
    mode = 'ok';
    const image = await createImageGenerator({ bria: { token: 't', baseUrl: base } }).generate(PROMPT, { seed: 3 });
    expect(image.info).toMatchObject({ renderer: 'bria', seed: 77, width: 16, height: 12, mime: 'image/png' });
    expect(image.info.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(image.bytes).equals(Buffer.from(BRIA_PNG))).toBe(true);
  });

  it('falls back to the offline renderer when Bria refuses, and says why', async () => {
    mode = 'fail';
    const image = await createImageGenerator({ bria: { token: 'bad', baseUrl: base } }).generate(PROMPT, { seed: 3, visuals: VISUALS });
    expect(image.info.renderer).toBe('offline');
    expect(image.info.note).toMatch(/unauthorized \(HTTP 401\).*Invalid api_token.*offline renderer/);
    // Nothing lost: the same picture the offline renderer makes on its own.
    expect(image.info.id).toBe(renderPrompt(PROMPT, { seed: 3, visuals: VISUALS }).info.id);
  });

  it('falls back when Bria cannot be reached or times out', async () => {
    const unreachable = await createImageGenerator({ bria: { token: 't', baseUrl: 'http://127.0.0.1:1', retries: 0 } }).generate(PROMPT, { seed: 1 });
    expect(unreachable.info.note).toMatch(/network/);
    mode = 'hang';
    const slow = await createImageGenerator({ bria: { token: 't', baseUrl: base, requestTimeoutMs: 50, retries: 0 } }).generate(PROMPT, { seed: 1 });
    expect(slow.info.note).toMatch(/timeout/);
  });

  it('does not fall back when the caller cancels', async () => {
    mode = 'hang';
    const controller = new AbortController();
    const pending = createImageGenerator({ bria: { token: 't', baseUrl: base } }).generate(PROMPT, { seed: 1, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('reads the token from the environment when called without options', async () => {
    const before = requests;
    const image = await createImageGenerator().generate(PROMPT, { seed: 2, visuals: VISUALS });
    // The test environment sets no BRIA_API_TOKEN, so nothing is sent anywhere.
    expect(process.env.BRIA_API_TOKEN ?? '').toBe('');
    expect(image.info.renderer).toBe('offline');
    expect(requests).toBe(before);
  });
});
