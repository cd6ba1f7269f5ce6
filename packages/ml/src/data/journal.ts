/**
 * The team's journal corpus (data/journal): entries written and labelled by us, see data/LABELING.md.
 * One JSON object per line in data/journal/entries/*.jsonl; the fixed 80/20 split lists ids in
 * data/journal/split/{train,dev}.ids so every model reports on the same dev set.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CrisisCategorySchema, StudioEmotionSchema } from '@studio/core';

export const JournalCorpusEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    text: z.string().min(1),
    emotions: z.array(StudioEmotionSchema).min(1).max(3),
    primary: StudioEmotionSchema,
    intensities: z.partialRecord(StudioEmotionSchema, z.number().min(0).max(1)),
    crisis: z.boolean(),
    crisis_category: CrisisCategorySchema.nullable(),
    /** Free tags for coverage, e.g. "implicit", "hard_negative:hyperbole", "register:messy". */
    tags: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.emotions.includes(e.primary)) ctx.addIssue({ code: 'custom', message: 'primary must be one of emotions' });
    if (new Set(e.emotions).size !== e.emotions.length) ctx.addIssue({ code: 'custom', message: 'duplicate emotion' });
    const keys = Object.keys(e.intensities).sort().join(',');
    if (keys !== [...e.emotions].sort().join(','))
      ctx.addIssue({ code: 'custom', message: 'intensities must give exactly the labelled emotions' });
    if (e.crisis !== (e.crisis_category !== null))
      ctx.addIssue({ code: 'custom', message: 'crisis_category is set exactly when crisis is true' });
  });
export type JournalCorpusEntry = z.infer<typeof JournalCorpusEntrySchema>;

export interface JournalCorpus {
  all: JournalCorpusEntry[];
  train: JournalCorpusEntry[];
  dev: JournalCorpusEntry[];
}

/** Default location, relative to the repository root. */
export const JOURNAL_DIR = 'data/journal';

/** Reads every entry file; throws with file and line on the first schema error. */
export function readJournalEntries(dir = JOURNAL_DIR): JournalCorpusEntry[] {
  const entriesDir = join(dir, 'entries');
  if (!existsSync(entriesDir)) return [];
  const out: JournalCorpusEntry[] = [];
  for (const file of readdirSync(entriesDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(entriesDir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = JournalCorpusEntrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      out.push(parsed.data);
    });
  }
  return out;
}

function readIds(path: string): Set<string> {
  return existsSync(path) ? new Set(readFileSync(path, 'utf8').split('\n').filter(Boolean)) : new Set();
}

/** The entries listed in split/NAME.ids (train, dev, or a kept earlier set such as dev-round1). */
export function loadJournalSplit(name: string, dir = JOURNAL_DIR): JournalCorpusEntry[] {
  const ids = readIds(join(dir, 'split', `${name}.ids`));
  if (!ids.size) throw new Error(`no journal split "${name}" in ${join(dir, 'split')}`);
  return readJournalEntries(dir).filter((e) => ids.has(e.id));
}

/** The corpus with its fixed split. Entries missing from both id lists are in neither split. */
export function loadJournalCorpus(dir = JOURNAL_DIR): JournalCorpus {
  const all = readJournalEntries(dir);
  const trainIds = readIds(join(dir, 'split', 'train.ids'));
  const devIds = readIds(join(dir, 'split', 'dev.ids'));
  return { all, train: all.filter((e) => trainIds.has(e.id)), dev: all.filter((e) => devIds.has(e.id)) };
}
