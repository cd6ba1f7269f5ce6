/** The one place that reads process.env: validated, with embedded defaults that run fully offline. */
import { z } from 'zod';
import { describeIssues } from './contracts';

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.string().url().optional())
  .optional();
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Where PGlite, the key file and images live when no external services are configured. */
  STUDIO_DATA_DIR: z.string().default('.studio-data'),
  /** PostgreSQL instead of the embedded PGlite. */
  DATABASE_URL: optionalUrl,
  /** Redis for the shared cache and rate limits instead of the in-process LRU. */
  REDIS_URL: optionalUrl,
  /** 32 bytes, hex or base64; without it a key file (0600) is generated in the data dir. */
  STUDIO_ENCRYPTION_KEY: optionalString,
  STUDIO_REGION: z.string().default('US'),
  BRIA_API_TOKEN: optionalString,
  BRIA_BASE_URL: z.string().url().default('https://engine.prod.bria-api.com/v2'),
  LLM_BASE_URL: optionalUrl,
  LLM_MODEL: z.string().default('llama3.1'),
  LLM_API_KEY: optionalString,
  CRISIS_WEBHOOK_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Parsed environment; throws one readable error listing every bad variable. */
export function env(source: Record<string, string | undefined> = process.env): Env {
  if (source !== process.env) return parseEnv(source);
  cached ??= parseEnv(source);
  return cached;
}

function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error).map((line) => `  ${line}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
