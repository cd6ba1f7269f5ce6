/**
 * Data for the crisis gate.
 *
 * - Journal corpus (ours): one item per entry; `crisis` and `crisis_category` are entry-level labels, and entries tagged
 *   `hard_negative:*` are the look-alikes the gate must not flag.
 * - Reddit C-SSRS (CC BY): labels are per user, over a list of posts, so a post's own label is unknown. We treat a user
 *   as a bag of posts (multiple-instance learning): a Supportive or Indicator user's posts are all negatives, an
 *   Ideation / Behavior / Attempt user has at least one crisis post. The gate assesses posts one at a time, like
 *   entries, and a user counts as flagged when any post is: the same "any entry" rule the product applies over time.
 * - SDCNL (research only, no licence): post-level r/SuicideWatch vs r/depression, evaluation only, never trained on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrisisCategory } from '@studio/core';
import { repoPath } from '@studio/core/paths';
import { loadCssrs, readCsvRecords, type CssrsUser } from '../data/cssrs';
import { loadJournalCorpus, loadJournalSplit, type JournalCorpusEntry } from '../data/journal';

export interface CrisisItem {
  id: string;
  text: string;
  crisis: boolean;
  category: CrisisCategory | null;
  /** The hard-negative kind ("hyperbole", "idiom"…), when the entry is one. */
  hardNegative: string | null;
}

export function journalItem(e: JournalCorpusEntry): CrisisItem {
  const tag = e.tags.find((t) => t.startsWith('hard_negative:'));
  return {
    id: e.id,
    text: e.text,
    crisis: e.crisis,
    category: e.crisis_category,
    hardNegative: tag ? tag.slice('hard_negative:'.length) : null,
  };
}

export function loadJournalCrisis(dir = repoPath('data', 'journal')): { train: CrisisItem[]; dev: CrisisItem[] } {
  const corpus = loadJournalCorpus(dir);
  return { train: corpus.train.map(journalItem), dev: corpus.dev.map(journalItem) };
}

/** One named journal split (see loadJournalSplit), as crisis items. */
export function loadJournalCrisisSplit(name: string, dir = repoPath('data', 'journal')): CrisisItem[] {
  return loadJournalSplit(name, dir).map(journalItem);
}

export function loadCssrsSplit(datasetsDir: string, split: 'train' | 'dev'): CssrsUser[] {
  return loadCssrs(datasetsDir, split);
}

/** SDCNL train posts (title + body), r/SuicideWatch as positive. Evaluation only. */
export function loadSdcnl(datasetsDir: string): CrisisItem[] {
  const path = join(datasetsDir, 'sdcnl', 'sdcnl_train.csv');
  if (!existsSync(path)) return [];
  return readCsvRecords(path).map((r) => ({
    id: `sdcnl-${r.id}`,
    text: `${r.title ?? ''}\n${r.selftext ?? ''}`.trim(),
    crisis: r.is_suicide === '1',
    category: r.is_suicide === '1' ? 'suicidal_ideation' : null,
    hardNegative: null,
  }));
}

/**
 * GoEmotions comments (Apache-2.0): short Reddit lines, full of hyperbole ("I'm dead lol", "this is killing me") and of
 * sadness that is not a crisis. The classifier uses them as weak negatives so short texts do not look alarming by
 * default; comments the signal rules flag are left out rather than taught as safe.
 */
export function loadGoEmotionsTexts(datasetsDir: string, split: 'train' | 'dev'): string[] {
  const path = join(datasetsDir, 'goemotions', `${split}.tsv`);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter(Boolean);
}

export function datasetsArg(argv: readonly string[]): string {
  const i = argv.lastIndexOf('--datasets');
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : join(repoPath(), '..', 'shared', 'datasets');
}

/** The value after the last occurrence of `name` (later flags win). */
export function numberArg(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.lastIndexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
}

export function stringArg(argv: readonly string[], name: string, fallback: string): string {
  const i = argv.lastIndexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : fallback;
}
