/** Route-handler plumbing: one Studio per server process, JSON parsing with limits, errors → HTTP. */
import { JOURNAL_TEXT_MAX } from '@studio/core';
import { Studio, StudioError } from '@studio/runtime';

const globalForStudio = globalThis as unknown as { studio?: Promise<Studio> };

export function getStudio(): Promise<Studio> {
  globalForStudio.studio ??= Studio.open().catch((err: unknown) => {
    globalForStudio.studio = undefined;
    throw err;
  });
  return globalForStudio.studio;
}

// Room for the longest allowed entry in any script (4 bytes a character) plus the JSON around it.
const MAX_BODY_BYTES = JOURNAL_TEXT_MAX * 4 + 4096;

export async function readJson(request: Request): Promise<unknown> {
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new StudioError(413, `Request body over ${MAX_BODY_BYTES} bytes`);
  if (!raw.trim()) throw new StudioError(400, 'Request body is empty; send a JSON object');
  try {
    return JSON.parse(raw);
  } catch {
    throw new StudioError(400, 'Request body is not valid JSON');
  }
}

export function clientKey(request: Request): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
}

/** Runs a handler; a StudioError becomes its status with {error}, anything else a logged 500 without details. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StudioError) return Response.json({ error: err.message }, { status: err.status });
    const studio = await getStudio().catch(() => null);
    studio?.log.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'request failed');
    return Response.json({ error: 'Something went wrong on our side; nothing you saved was lost.' }, { status: 500 });
  }
}
