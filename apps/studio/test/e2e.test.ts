/**
 * End to end: the real Next.js production build, served on a free port over an empty data dir,
 * driven by headless Debian Chromium — what a person does, and what a careless client sends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = new URL('..', import.meta.url).pathname;
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(url: string, server: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`studio exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`studio did not answer ${url}`);
}

describe('studio in a real browser', () => {
  let server: ChildProcess;
  let browser: Browser;
  let base: string;
  let dataDir: string;
  let serverLog = '';

  beforeAll(async () => {
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const };
    const build = spawnSync('npx', ['next', 'build'], { cwd: APP_DIR, env, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
    dataDir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: APP_DIR,
      env: { ...env, STUDIO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '', BRIA_API_TOKEN: '' },
      detached: true,
    });
    server.stdout?.on('data', (d) => (serverLog += d));
    server.stderr?.on('data', (d) => (serverLog += d));
    await waitFor(`${base}/api/health`, server);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (path: string, body: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers bad input with clear 4xx errors', async () => {
    const empty = await post('/api/analyze', JSON.stringify({ journal_text: '   ' }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/empty/);
    const long = await post('/api/analyze', JSON.stringify({ journal_text: 'a'.repeat(20_001) }));
    expect(long.status).toBe(413);
    const wrongType = await post('/api/analyze', JSON.stringify({ journal_text: 42 }));
    expect(wrongType.status).toBe(422);
    expect((await wrongType.json()).error).toMatch(/journal_text/);
    expect((await post('/api/analyze', '{not json')).status).toBe(400);
    expect((await post('/api/generate', JSON.stringify({ entry_id: 'nope' }))).status).toBe(422);
    const missing = await post('/api/generate', JSON.stringify({ entry_id: '00000000-0000-4000-8000-000000000000' }));
    expect(missing.status).toBe(404);
    const badSlider = await post(
      '/api/generate',
      JSON.stringify({ entry_id: '00000000-0000-4000-8000-000000000000', overrides: { light_level: 3 } }),
    );
    expect(badSlider.status).toBe(422);
  });

  it('turns an entry into an image, keeps it through a reload, and refines it with a slider', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.fill('textarea[name="journal_text"]', 'The inbox keeps growing, three deadlines landed on the same day and I cannot keep up with any of it.');
    await page.click('button[type="submit"]');
    const image = page.getByTestId('entry-image');
    await image.waitFor({ timeout: 60_000 });
    expect(await image.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBe(1024);
    expect(await page.getByTestId('fibo-json').textContent()).toContain('short_description');
    const firstSrc = await image.getAttribute('src');

    await page.reload();
    const item = page.locator('.history button').first();
    await item.waitFor();
    await item.click();
    await expect.poll(() => page.getByTestId('entry-image').getAttribute('src')).toBe(firstSrc);

    await page.locator('input[name="light_level"]').fill('0.95');
    await expect.poll(() => page.getByTestId('entry-image').getAttribute('src'), { timeout: 30_000 }).not.toBe(firstSrc);
    await page.close();
  });

  it('meets a crisis entry with help resources and no image', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.fill('textarea[name="journal_text"]', 'I have decided to end my life tonight. I wrote the letters and I have what I need.');
    await page.click('button[type="submit"]');
    const crisis = page.getByTestId('crisis');
    await crisis.waitFor({ timeout: 60_000 });
    expect(await crisis.textContent()).toContain('988');
    expect(await page.getByTestId('entry-image').count()).toBe(0);
    const history = await (await fetch(`${base}/api/entries`)).json();
    expect(history[0].is_crisis).toBe(true);
    expect(history[0].image_id).toBeNull();
    await page.close();
  });

  it('never writes journal text to the server log', () => {
    expect(serverLog).not.toContain('deadlines landed');
    expect(serverLog).not.toContain('wrote the letters');
  });
});
