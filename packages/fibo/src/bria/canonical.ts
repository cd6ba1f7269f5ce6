/**
 * Lenient reading of a pasted FIBO structured prompt: a JSON string or an object, put into FIBO's canonical form by
 * the prompt builder's `canonicalize` (key order, unknown keys dropped, empties removed), then validated.
 */
import { describeIssues, FiboStructuredPromptSchema, type FiboStructuredPrompt } from '@studio/core/contracts';
import { canonicalize } from '../prompt';
import { isRecord } from './errors';

export class PromptFormatError extends Error {
  override readonly name = 'PromptFormatError';
  constructor(readonly issues: string[]) {
    super(`Not a valid FIBO structured prompt:\n${issues.map((i) => `  ${i}`).join('\n')}`);
  }
}

/** Pasted prompts sometimes carry an object count as a string ("3"); the schema wants an integer. */
function coerceCounts(raw: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(raw.objects)) return raw;
  const objects = raw.objects.map((o: unknown) =>
    isRecord(o) && typeof o.number_of_objects === 'string' && /^\s*\d+\s*$/.test(o.number_of_objects)
      ? { ...o, number_of_objects: Number(o.number_of_objects) }
      : o,
  );
  return { ...raw, objects };
}

/** Canonicalises, then validates against the FIBO v1 schema; throws a PromptFormatError listing every problem. */
export function parseStructuredPrompt(input: unknown): FiboStructuredPrompt {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      throw new PromptFormatError([`not JSON: ${(err as Error).message}`]);
    }
  }
  if (!isRecord(raw)) throw new PromptFormatError(['(root): expected a JSON object']);
  const parsed = FiboStructuredPromptSchema.safeParse(canonicalize(coerceCounts(raw)));
  if (!parsed.success) {
    throw new PromptFormatError(describeIssues(parsed.error));
  }
  return parsed.data;
}
