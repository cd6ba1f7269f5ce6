/** Typed failures of the Bria FIBO API, so callers can decide between retrying, falling back and telling the person. */

export type BriaErrorKind =
  /** 400: the request was malformed. */
  | 'bad_request'
  /** 401: missing or wrong api_token. */
  | 'unauthorized'
  /** 403: the token may not use this endpoint. */
  | 'forbidden'
  /** 422: the structured prompt or a parameter was rejected. */
  | 'validation'
  /** 429, after the retries were spent. */
  | 'rate_limited'
  /** 5xx, after the retries were spent. */
  | 'server'
  /** A request or the whole generation ran past its deadline. */
  | 'timeout'
  /** 404 on /status: the request id is unknown or its result expired. */
  | 'expired'
  /** The generation ended with status ERROR, FAILED or UNKNOWN. */
  | 'generation_failed'
  /** The connection failed before an HTTP answer came. */
  | 'network'
  /** The caller cancelled through its AbortSignal. */
  | 'aborted'
  /** The API answered something the documented contract does not allow. */
  | 'protocol';

const RETRYABLE: ReadonlySet<BriaErrorKind> = new Set(['rate_limited', 'server', 'timeout', 'network']);

export interface BriaErrorInit {
  status?: number;
  /** Bria's `error.code`. */
  code?: string | number;
  details?: unknown;
  requestId?: string;
  /** From a 429's Retry-After header. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class BriaError extends Error {
  override readonly name = 'BriaError';
  readonly kind: BriaErrorKind;
  readonly status?: number;
  readonly code?: string | number;
  readonly details?: unknown;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(kind: BriaErrorKind, message: string, init: BriaErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Whether the same request may succeed if sent again later. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export function kindForStatus(status: number): BriaErrorKind {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'expired';
  if (status === 408) return 'timeout';
  if (status === 422) return 'validation';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'protocol';
}

/** Reads Bria's documented error body `{error: {code, message, details}, request_id}`, tolerating anything else. */
export function errorFromResponse(status: number, body: unknown, retryAfterMs?: number): BriaError {
  const record = isRecord(body) ? body : {};
  const error = isRecord(record.error) ? record.error : {};
  const message = typeof error.message === 'string' && error.message ? error.message : `HTTP ${status}`;
  const code = typeof error.code === 'string' || typeof error.code === 'number' ? error.code : undefined;
  const requestId = typeof record.request_id === 'string' ? record.request_id : undefined;
  return new BriaError(kindForStatus(status), `Bria API ${status}: ${message}`, {
    status,
    code,
    details: error.details,
    requestId,
    retryAfterMs,
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
