/** The emotion-studio command as a user runs it: a child process, stdin/stdout, files on disk. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrisisAssessmentSchema, EmotionAnalysisSchema, FiboStructuredPromptSchema, PipelineResultSchema } from '@studio/core';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = new URL('../bin/emotion-studio.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'studio-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: { ...process.env, STUDIO_DATA_DIR: dir } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const isPng = (path: string) => readFileSync(path).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe('emotion-studio', () => {
  it('predict: one line per input, same order, following the contract', () => {
    const input = [
      { id: 'a', text: 'Best day in ages: we laughed until we cried at my sister\'s wedding, and I love my family so much.' },
      { id: 2, text: 'Everything is due on Friday and I have not even started, I am drowning.' },
      { id: 'c', text: 'I want to die. I have been thinking about how I would do it.' },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n');
    const { code, stdout } = cli(['predict'], `${input}\n`);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 2, 'c']);
    for (const line of lines) {
      EmotionAnalysisSchema.parse(line.emotions);
      CrisisAssessmentSchema.parse(line.crisis);
    }
    expect(lines[0].emotions.primary).toBe('joy');
    expect(lines[0].crisis.is_crisis).toBe(false);
    expect(lines[2].crisis.is_crisis).toBe(true);
  });

  it('predict --task crisis omits emotions, and a bad line gets an error line without stopping the rest', () => {
    const { code, stdout } = cli(['predict', '--task', 'crisis'], '{"id":1,"text":"a calm day"}\nnot json\n{"id":3,"text":"ok"}\n');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].emotions).toBeUndefined();
    expect(lines[0].crisis.is_crisis).toBe(false);
    expect(lines[1].error).toBeTruthy();
    expect(lines[2].id).toBe(3);
  });

  it('analyze: the full pipeline result as JSON, the image on disk, slider overrides applied', () => {
    const out = join(dir, 'entry.png');
    const { code, stdout, stderr } = cli([
      'analyze',
      'Walked by the river after work and felt my shoulders finally drop.',
      '--out',
      out,
      '--set',
      'light_level=0.2',
      '--seed',
      '7',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['crisis', 'emotions', 'visuals', 'scene', 'fibo_prompt', 'image']));
    PipelineResultSchema.parse({ ...result, image: { ...result.image, path: undefined } });
    expect(result.visuals.light_level).toBe(0.2);
    expect(result.image.seed).toBe(7);
    expect(isPng(out)).toBe(true);
    // Same text, same seed → same scene.
    const again = JSON.parse(cli(['analyze', 'Walked by the river after work and felt my shoulders finally drop.', '--seed', '7']).stdout);
    expect(again.scene).toEqual(result.scene);
  });

  it('render: any FIBO prompt file to a PNG', () => {
    const promptPath = join(dir, 'prompt.json');
    const prompt = FiboStructuredPromptSchema.parse({
      short_description: 'A lighthouse on a rocky point at dusk, its beam sweeping over a calm sea.',
      objects: [{ description: 'a white lighthouse', location: 'right third', relationship: 'stands above the sea', relative_size: 'medium' }],
      background_setting: 'a calm sea under a dusk sky',
      lighting: { conditions: 'dusk', direction: 'from the left' },
      aesthetics: { composition: 'rule of thirds', color_scheme: 'warm oranges and deep blues', mood_atmosphere: 'calm, hopeful' },
      context: 'a journal illustration',
    });
    writeFileSync(promptPath, JSON.stringify(prompt));
    const out = join(dir, 'render.png');
    const { code } = cli(['render', '--prompt', promptPath, '--seed', '3', '--out', out]);
    expect(code).toBe(0);
    expect(isPng(out)).toBe(true);
  });

  it('explains usage errors with exit code 2', () => {
    expect(cli([]).code).toBe(2);
    expect(cli(['analyze']).code).toBe(2);
    const bad = cli(['analyze', 'text', '--set', 'light_level=7']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/light_level/);
    expect(cli(['render', '--prompt', join(dir, 'missing.json'), '--out', join(dir, 'x.png')]).code).toBe(2);
    expect(cli(['predict', '--task', 'everything'], '').code).toBe(2);
  });
});
