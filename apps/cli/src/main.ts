/**
 * emotion-studio: the studio's pipeline from the command line.
 *   analyze "text" [--out image.png] [--set light_level=0.2 ...] [--seed N]
 *   predict [--task all|emotions|crisis]        JSON Lines {"id","text"} on stdin → one line per input, same order
 *   render --prompt prompt.json [--seed N] --out image.png
 *   feedback [--out slider.jsonl]               slider corrections from the store, for `npm run train:visual`
 *   export [--out export.json]                  everything the studio stored, as JSON
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { describeIssues, JOURNAL_TEXT_MAX, VISUAL_PARAMS, VisualOverridesSchema, type VisualOverrides } from '@studio/core';
import { env } from '@studio/core/env';
import { analyzeEntry } from '@studio/core/pipeline';
import { renderPromptFile } from '@studio/fibo/render';
import { defaultStages, Studio, type PredictTask } from '@studio/runtime';

class UsageError extends Error {}

const USAGE = `usage:
  emotion-studio analyze "text" [--out image.png] [--set light_level=0.2 ...] [--seed N]
  emotion-studio predict [--task all|emotions|crisis] < entries.jsonl
  emotion-studio render --prompt prompt.json [--seed N] --out image.png
  emotion-studio feedback [--out slider.jsonl]
  emotion-studio export [--out export.json]`;

function parseSeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, got "${value}"`);
  return seed;
}

function parseOverrides(pairs: string[]): VisualOverrides {
  const raw: Record<string, number> = {};
  for (const pair of pairs) {
    const [key, value, ...rest] = pair.split('=');
    const n = Number(value);
    if (!key || value === undefined || rest.length || Number.isNaN(n))
      throw new UsageError(`--set expects name=number, got "${pair}"`);
    raw[key] = n;
  }
  const parsed = VisualOverridesSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(
      `--set: ${describeIssues(parsed.error).join('; ')}` +
        ` (parameters: ${VISUAL_PARAMS.join(', ')}; values 0..1)`,
    );
  return parsed.data;
}

async function analyze(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, set: { type: 'string', multiple: true }, seed: { type: 'string' } },
  });
  const text = positionals.join(' ');
  if (!text.trim()) throw new UsageError('analyze needs the entry text');
  if (text.length > JOURNAL_TEXT_MAX) throw new UsageError(`the entry is over ${JOURNAL_TEXT_MAX} characters`);
  const overrides = parseOverrides(values.set ?? []);
  const { result, image } = await analyzeEntry(text, defaultStages(env()), {
    seed: parseSeed(values.seed),
    overrides,
    render: true,
    region: env().STUDIO_REGION,
  });
  if (image && values.out) writeFileSync(values.out, image.bytes);
  const { crisis, resources, emotions, visuals, scene, fibo_prompt } = result;
  const imageOut = result.image ? { ...result.image, path: values.out ?? null } : null;
  process.stdout.write(`${JSON.stringify({ crisis, resources, emotions, visuals, scene, fibo_prompt, image: imageOut }, null, 2)}\n`);
}

async function predict(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { task: { type: 'string', default: 'all' } } });
  const task = values.task as PredictTask;
  if (!['all', 'emotions', 'crisis'].includes(task)) throw new UsageError(`--task must be all, emotions or crisis`);
  const stages = defaultStages(env());
  let failures = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buffer = '';
  for await (const line of lines) {
    if (!line.trim()) continue;
    let id: unknown = null;
    let out: object;
    try {
      const input = JSON.parse(line) as { id?: unknown; text?: unknown };
      id = input.id ?? null;
      if (typeof input.text !== 'string') throw new Error('"text" must be a string');
      if (typeof id !== 'string' && typeof id !== 'number') throw new Error('"id" must be a string or number');
      out = {
        id,
        ...(task !== 'emotions' && { crisis: stages.crisis.assess(input.text) }),
        ...(task !== 'crisis' && { emotions: stages.emotions.analyze(input.text) }),
      };
    } catch (err) {
      failures += 1;
      out = { id, error: err instanceof Error ? err.message : String(err) };
    }
    buffer += `${JSON.stringify(out)}\n`;
    if (buffer.length > 1 << 16) {
      if (!process.stdout.write(buffer)) await new Promise((r) => process.stdout.once('drain', r));
      buffer = '';
    }
  }
  process.stdout.write(buffer);
  return failures > 0 ? 1 : 0;
}

async function render(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { prompt: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.prompt || !values.out) throw new UsageError('render needs --prompt prompt.json and --out image.png');
  let prompt: unknown;
  try {
    prompt = JSON.parse(readFileSync(values.prompt, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${values.prompt}: ${err instanceof Error ? err.message : err}`);
  }
  const image = await renderPromptFile(prompt, parseSeed(values.seed) ?? 0);
  writeFileSync(values.out, image.bytes);
  process.stdout.write(`${JSON.stringify({ ...image.info, path: values.out })}\n`);
}

async function withStudio<T>(fn: (studio: Studio) => Promise<T>): Promise<T> {
  const studio = await Studio.open({ env: { ...env(), LOG_LEVEL: 'warn' } });
  try {
    return await fn(studio);
  } finally {
    await studio.close();
  }
}

async function feedback(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const examples = await withStudio((s) => s.store.sliderExamples());
  const jsonl = examples.map((e) => JSON.stringify(e)).join('\n') + (examples.length ? '\n' : '');
  if (values.out) writeFileSync(values.out, jsonl);
  else process.stdout.write(jsonl);
  process.stderr.write(`${examples.length} slider corrections\n`);
}

async function exportAll(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const data = JSON.stringify(await withStudio((s) => s.exportAll()), null, 2);
  if (values.out) writeFileSync(values.out, data, { mode: 0o600 });
  else process.stdout.write(`${data}\n`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'analyze':
      await analyze(args);
      return 0;
    case 'predict':
      return predict(args);
    case 'render':
      await render(args);
      return 0;
    case 'feedback':
      await feedback(args);
      return 0;
    case 'export':
      await exportAll(args);
      return 0;
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`emotion-studio: ${(err as Error).message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`emotion-studio: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
