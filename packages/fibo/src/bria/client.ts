/**
 * Client for Bria's FIBO text-to-image API (v2), following its public docs:
 * POST /image/generate with the structured prompt as a JSON string → 202 {request_id, status_url} → poll
 * GET /status/{request_id} until COMPLETED (result.image_url) or ERROR/FAILED/UNKNOWN; 404 means the result expired.
 *
 * Only the structured prompt leaves the machine: this client has no way to receive journal text.
 * The api_token goes only to the configured base URL, never to the (pre-signed, third-party) image URL.
 */
import type { FiboStructuredPrompt } from '@studio/core/contracts';
import { env } from '@studio/core/env';
import { toApiString } from '../prompt';
import { BriaError, errorFromResponse, isRecord } from './errors';
import { imageMeta, type ImageMeta } from './image';

export const BRIA_DEFAULT_BASE_URL = 'https://engine.prod.bria-api.com/v2';

export interface BriaConfig {
  token: string;
  baseUrl?: string;
}

export interface BriaClientOptions extends BriaConfig {
  /** Per HTTP request (connect + full body). */
  requestTimeoutMs?: number;
  /** For the whole generation, polling included. */
  generationTimeoutMs?: number;
  /** Retries per HTTP request for 429, 5xx, timeouts and network failures. */
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A 429 asking for a longer wait than this is not waited for. */
  maxRetryAfterMs?: number;
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Injected in tests: the transport, the clock, the waits and the jitter. */
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface BriaGenerateOptions {
  seed?: number;
  /** "1:1", "16:9", … */
  aspectRatio?: string;
  stepsNum?: number;
  guidanceScale?: number;
  negativePrompt?: string;
  /** Ask Bria to answer with the result directly instead of a request id to poll. */
  sync?: boolean;
  signal?: AbortSignal;
}

export interface BriaGeneration {
  requestId: string;
  imageUrl: string;
  seed?: number;
  /** The structured prompt Bria actually used (a JSON string, as the API returns it). */
  structuredPrompt?: string;
}

export interface BriaImage extends ImageMeta {
  bytes: Uint8Array;
  generation: BriaGeneration;
}

/** Token and base URL from BRIA_API_TOKEN / BRIA_BASE_URL, or undefined when no token is set. */
export function briaConfigFromEnv(source?: Record<string, string | undefined>): BriaConfig | undefined {
  const e = env(source);
  return e.BRIA_API_TOKEN ? { token: e.BRIA_API_TOKEN, baseUrl: e.BRIA_BASE_URL } : undefined;
}

const TERMINAL_FAILURES = new Set(['ERROR', 'FAILED', 'UNKNOWN']);

function abortable(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  /** Send the api_token (only to our base URL). */
  auth: boolean;
  signal?: AbortSignal;
  /** Generation deadline (clock time): no retry is scheduled past it. */
  deadline?: number;
}

interface HttpResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

export class BriaClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly requestTimeoutMs: number;
  private readonly generationTimeoutMs: number;
  private readonly retries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly pollIntervalMs: number;
  private readonly maxPollIntervalMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(options: BriaClientOptions) {
    if (!options.token) throw new BriaError('unauthorized', 'Bria API token is empty');
    this.token = options.token;
    this.baseUrl = (options.baseUrl ?? BRIA_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.generationTimeoutMs = options.generationTimeoutMs ?? 180_000;
    this.retries = options.retries ?? 3;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 8_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxPollIntervalMs = options.maxPollIntervalMs ?? 5_000;
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? abortable;
    this.random = options.random ?? Math.random;
  }

  /** Generates an image and downloads it. */
  async generateImage(prompt: FiboStructuredPrompt, options: BriaGenerateOptions = {}): Promise<BriaImage> {
    const generation = await this.generate(prompt, options);
    const image = await this.download(generation.imageUrl, options.signal);
    return { ...image, generation };
  }

  /** Starts a generation and, unless Bria answered synchronously, polls it to completion. */
  async generate(prompt: FiboStructuredPrompt, options: BriaGenerateOptions = {}): Promise<BriaGeneration> {
    const deadline = this.now() + this.generationTimeoutMs;
    const body = {
      structured_prompt: toApiString(prompt),
      seed: options.seed,
      aspect_ratio: options.aspectRatio ?? '1:1',
      steps_num: options.stepsNum,
      guidance_scale: options.guidanceScale,
      negative_prompt: options.negativePrompt,
      model_version: 'FIBO',
      sync: options.sync ?? false,
    };
    const res = await this.send({
      method: 'POST',
      url: `${this.baseUrl}/image/generate`,
      body,
      auth: true,
      signal: options.signal,
      deadline,
    });
    const json = parseJson(res);
    const requestId = isRecord(json) && typeof json.request_id === 'string' ? json.request_id : undefined;
    if (isRecord(json) && isRecord(json.result)) return generationOf(json.result, requestId ?? '');
    if (!requestId) throw new BriaError('protocol', `Bria answered ${res.status} without a request_id or a result`);
    return this.poll(requestId, deadline, options.signal);
  }

  /** One status check. A 404 (expired or unknown id) throws a BriaError of kind 'expired'. */
  async status(requestId: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const res = await this.send({
      method: 'GET',
      url: `${this.baseUrl}/status/${encodeURIComponent(requestId)}`,
      auth: true,
      signal,
    });
    const json = parseJson(res);
    if (!isRecord(json) || typeof json.status !== 'string') {
      throw new BriaError('protocol', 'Bria status answer has no status', { requestId });
    }
    return json;
  }

  /** Downloads the result image (no api_token: the URL is pre-signed and may be on another host). */
  async download(url: string, signal?: AbortSignal): Promise<ImageMeta & { bytes: Uint8Array }> {
    const res = await this.send({ method: 'GET', url, auth: false, signal });
    const meta = imageMeta(res.bytes);
    if (!meta) throw new BriaError('protocol', 'Bria image download is neither PNG nor JPEG');
    return { ...meta, bytes: res.bytes };
  }

  private async poll(requestId: string, deadline: number, signal?: AbortSignal): Promise<BriaGeneration> {
    let interval = this.pollIntervalMs;
    for (;;) {
      if (this.now() + interval > deadline) {
        throw new BriaError('timeout', `Bria generation ${requestId} did not finish in ${this.generationTimeoutMs} ms`, {
          requestId,
        });
      }
      await this.wait(interval, signal);
      const status = await this.status(requestId, signal);
      const state = String(status.status).toUpperCase();
      if (state === 'COMPLETED') {
        if (!isRecord(status.result)) throw new BriaError('protocol', 'COMPLETED without a result', { requestId });
        return generationOf(status.result, requestId);
      }
      if (TERMINAL_FAILURES.has(state)) {
        const error = isRecord(status.error) ? status.error : {};
        const message = typeof error.message === 'string' ? error.message : 'no reason given';
        throw new BriaError('generation_failed', `Bria generation ${state}: ${message}`, {
          code: typeof error.code === 'string' || typeof error.code === 'number' ? error.code : undefined,
          details: error.details,
          requestId,
        });
      }
      interval = Math.min(this.maxPollIntervalMs, Math.round(interval * 1.5));
    }
  }

  /** One HTTP exchange with per-attempt timeout and bounded, jittered exponential retries. */
  private async send(req: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let failure: BriaError;
      try {
        const res = await this.attempt(req);
        if (res.status >= 200 && res.status < 300) return res;
        failure = errorFromResponse(res.status, safeJson(res.bytes), retryAfterMs(res.headers, this.now()));
      } catch (err) {
        if (!(err instanceof BriaError) || !err.retryable) throw err;
        failure = err;
      }
      if (!failure.retryable || attempt >= this.retries) throw failure;
      const delay = this.backoff(attempt, failure.retryAfterMs);
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > this.maxRetryAfterMs) throw failure;
      if (req.deadline !== undefined && this.now() + delay > req.deadline) throw failure;
      await this.wait(delay, req.signal);
    }
  }

  private async attempt(req: HttpRequest): Promise<HttpResponse> {
    if (req.signal?.aborted) throw aborted(req.signal);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.requestTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (req.auth) headers.api_token = this.token;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await this.fetchImpl(req.url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, headers: res.headers, bytes };
    } catch (err) {
      if (req.signal?.aborted) throw aborted(req.signal);
      if (timeout.signal.aborted) {
        throw new BriaError('timeout', `Bria request timed out after ${this.requestTimeoutMs} ms`, { cause: err });
      }
      throw new BriaError('network', `Bria request failed: ${(err as Error).message}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  private async wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw aborted(signal);
    try {
      await this.sleep(ms, signal);
    } catch (err) {
      if (signal?.aborted) throw aborted(signal);
      throw err;
    }
  }

  /** Exponential backoff with equal jitter, never shorter than the server's Retry-After. */
  private backoff(attempt: number, retryAfter?: number): number {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** attempt);
    const jittered = ceiling / 2 + (this.random() * ceiling) / 2;
    return Math.round(Math.max(jittered, retryAfter ?? 0));
  }
}

function aborted(signal: AbortSignal): BriaError {
  return new BriaError('aborted', 'Bria request cancelled', { cause: signal.reason });
}

function generationOf(result: Record<string, unknown>, requestId: string): BriaGeneration {
  if (typeof result.image_url !== 'string' || !result.image_url) {
    throw new BriaError('protocol', 'Bria result has no image_url', { requestId });
  }
  return {
    requestId,
    imageUrl: result.image_url,
    seed: typeof result.seed === 'number' ? result.seed : undefined,
    structuredPrompt: typeof result.structured_prompt === 'string' ? result.structured_prompt : undefined,
  };
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

function parseJson(res: HttpResponse): unknown {
  const json = safeJson(res.bytes);
  if (json === undefined) throw new BriaError('protocol', `Bria answered ${res.status} with a body that is not JSON`);
  return json;
}

/** Retry-After as delta-seconds or an HTTP date. */
function retryAfterMs(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
