/**
 * The checks behind `npm run data:check`: schema and labelling rules (data/LABELING.md), duplicate ids,
 * duplicate openings, near-duplicates, repeated GoEmotions sentences, the fixed split, and the coverage
 * minimums of the corpus issue. Each check is a pure function over parsed entries so tests can feed it
 * small synthetic corpora; check.ts wires them to the files.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS_CATEGORIES, describeIssues, STUDIO_EMOTIONS } from '@studio/core';
import { JournalCorpusEntrySchema, type JournalCorpusEntry } from './journal';

/** Hard-negative kinds (tag `hard_negative:<kind>`), defined in data/LABELING.md. */
export const HARD_NEGATIVE_KINDS = [
  'hyperbole',
  'dark_humour',
  'past_resolved',
  'someone_else',
  'fiction',
  'lyrics_quotes',
  'work_context',
  'negation',
  'idiom',
  'gaming_sports',
  'gallows_venting',
] as const;

export const REGISTERS = ['tidy', 'messy'] as const;

/** The corpus issue's minimums. */
export const COVERAGE_MINIMUMS = {
  entries: 2000,
  perPrimary: 120,
  crisis: 350,
  implicitShare: 0.4,
  hardNegatives: 350,
} as const;

export const NEAR_DUPLICATE_JACCARD = 0.6;
/** GoEmotions sentences shorter than this are too generic ("thank you so much") to count as copying. */
export const MIN_COPIED_SENTENCE_WORDS = 6;

/** An entry with where it came from, so messages can point at file and line. */
export interface LocatedEntry {
  entry: JournalCorpusEntry;
  file: string;
  line: number;
}

const REQUIRED_KEYS = ['id', 'text', 'emotions', 'primary', 'intensities', 'crisis', 'crisis_category', 'tags'];

/** Lowercased words with punctuation (apostrophes included) removed; the unit of every text comparison. */
export function normalisedWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** First four normalised words: no two entries may share it. */
export function openingKey(text: string): string {
  return normalisedWords(text).slice(0, 4).join(' ');
}

/** Word 3-shingles; texts shorter than three words are one shingle of all their words. */
export function shingles(text: string): Set<string> {
  const words = normalisedWords(text);
  if (words.length < 3) return new Set(words.length ? [words.join(' ')] : []);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const s of a) if (b.has(s)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** Labelling rules the zod schema does not express (see data/LABELING.md). */
export function labelErrors(e: JournalCorpusEntry): string[] {
  const errors: string[] = [];
  const values = e.emotions.map((x) => e.intensities[x] ?? 0);
  for (const x of e.emotions) {
    const v = e.intensities[x] ?? 0;
    if (v <= 0) errors.push(`intensity of ${x} must be above 0 (it is labelled)`);
    if (Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) errors.push(`intensity of ${x} has more than two decimals`);
  }
  if ((e.intensities[e.primary] ?? 0) < Math.max(...values)) errors.push('primary must be the strongest emotion');
  if (e.text.trim() !== e.text) errors.push('text has leading or trailing whitespace');

  const registers = e.tags.filter((t) => t.startsWith('register:'));
  if (registers.length !== 1 || !REGISTERS.some((r) => registers[0] === `register:${r}`))
    errors.push(`needs exactly one register tag (${REGISTERS.map((r) => `register:${r}`).join(' | ')})`);
  const explicitness = e.tags.filter((t) => t === 'implicit' || t === 'explicit');
  if (e.crisis && explicitness.length !== 1) errors.push('a crisis entry needs exactly one of the tags implicit | explicit');
  if (!e.crisis && explicitness.length > 0) errors.push('implicit/explicit tags are for crisis entries only');
  for (const t of e.tags.filter((x) => x.startsWith('hard_negative:'))) {
    const kind = t.slice('hard_negative:'.length);
    if (!(HARD_NEGATIVE_KINDS as readonly string[]).includes(kind)) errors.push(`unknown hard-negative kind "${kind}"`);
    if (e.crisis) errors.push('a hard negative cannot be a crisis entry');
  }
  if (new Set(e.tags).size !== e.tags.length) errors.push('duplicate tag');
  for (const t of e.tags) if (!/^[a-z0-9_:-]+$/.test(t)) errors.push(`malformed tag "${t}"`);
  return errors;
}

/** Parses one JSONL file: every line must be one object with exactly the schema's keys and valid labels. */
export function parseEntriesFile(file: string, content: string): { entries: LocatedEntry[]; errors: string[] } {
  const entries: LocatedEntry[] = [];
  const errors: string[] = [];
  content.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push(`${file}:${line}: not valid JSON`);
      return;
    }
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const missing = REQUIRED_KEYS.filter((k) => !(k in json));
      if (missing.length) {
        errors.push(`${file}:${line}: missing key(s) ${missing.join(', ')}`);
        return;
      }
    }
    const parsed = JournalCorpusEntrySchema.safeParse(json);
    if (!parsed.success) {
      const msgs = describeIssues(parsed.error);
      errors.push(`${file}:${line}: ${msgs.join('; ')}`);
      return;
    }
    const id = parsed.data.id;
    for (const msg of labelErrors(parsed.data)) errors.push(`${file}:${line} (${id}): ${msg}`);
    entries.push({ entry: parsed.data, file, line });
  });
  return { entries, errors };
}

function where(x: LocatedEntry): string {
  return `${x.entry.id} (${x.file}:${x.line})`;
}

export function duplicateIdErrors(entries: LocatedEntry[]): string[] {
  const byId = new Map<string, LocatedEntry[]>();
  for (const x of entries) byId.set(x.entry.id, [...(byId.get(x.entry.id) ?? []), x]);
  return [...byId.values()]
    .filter((xs) => xs.length > 1)
    .map((xs) => `duplicate id ${xs[0]!.entry.id}: ${xs.map((x) => `${x.file}:${x.line}`).join(', ')}`);
}

export function duplicateOpeningErrors(entries: LocatedEntry[]): string[] {
  const byOpening = new Map<string, LocatedEntry[]>();
  for (const x of entries) {
    const key = openingKey(x.entry.text);
    byOpening.set(key, [...(byOpening.get(key) ?? []), x]);
  }
  return [...byOpening.entries()]
    .filter(([, xs]) => xs.length > 1)
    .map(([key, xs]) => `duplicate opening "${key}": ${xs.map(where).join(', ')}`);
}

export interface NearDuplicate {
  a: string;
  b: string;
  jaccard: number;
}

/**
 * Every pair with word-3-shingle Jaccard ≥ threshold, exactly. An inverted shingle index means each
 * entry is only compared with the entries it shares a shingle with, and the intersection sizes fall out
 * of the postings walk, so the cost grows with shared shingles rather than with pairs.
 */
export function findNearDuplicates(
  items: ReadonlyArray<{ id: string; text: string }>,
  threshold = NEAR_DUPLICATE_JACCARD,
): NearDuplicate[] {
  const index = new Map<string, number[]>();
  const sizes: number[] = [];
  const found: NearDuplicate[] = [];
  items.forEach((item, i) => {
    const sh = shingles(item.text);
    sizes.push(sh.size);
    const shared = new Map<number, number>();
    for (const s of sh) {
      const postings = index.get(s);
      if (postings) for (const j of postings) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, inter] of shared) {
      const score = inter / (sh.size + sizes[j]! - inter);
      if (score >= threshold) found.push({ a: items[j]!.id, b: item.id, jaccard: score });
    }
    for (const s of sh) {
      const postings = index.get(s);
      if (postings) postings.push(i);
      else index.set(s, [i]);
    }
  });
  return found;
}

/** Sentences as normalised word strings; a sentence ends at . ! ? … or a line break. */
export function normalisedSentences(text: string): string[] {
  return text
    .split(/[.!?…\n]+/)
    .map((s) => normalisedWords(s).join(' '))
    .filter(Boolean);
}

/** GoEmotions train/dev sentences of ≥ MIN_COPIED_SENTENCE_WORDS words, normalised; null when the files are absent. */
export function loadGoEmotionsSentences(datasetsDir: string): Set<string> | null {
  const files = ['train.tsv', 'dev.tsv'].map((f) => join(datasetsDir, 'goemotions', f));
  if (!files.every((f) => existsSync(f))) return null;
  const out = new Set<string>();
  for (const f of files) {
    for (const row of readFileSync(f, 'utf8').split('\n')) {
      const text = row.split('\t')[0];
      if (!text) continue;
      for (const s of normalisedSentences(text)) if (s.split(' ').length >= MIN_COPIED_SENTENCE_WORDS) out.add(s);
    }
  }
  return out;
}

/** Entries containing a sentence (≥ 6 words) identical after normalisation to a GoEmotions sentence. */
export function goEmotionsRepeatErrors(entries: LocatedEntry[], sentences: ReadonlySet<string>): string[] {
  const errors: string[] = [];
  for (const x of entries) {
    for (const s of normalisedSentences(x.entry.text)) {
      if (s.split(' ').length >= MIN_COPIED_SENTENCE_WORDS && sentences.has(s)) {
        errors.push(`${where(x)} repeats a GoEmotions sentence: "${s}"`);
      }
    }
  }
  return errors;
}

/** Every entry in exactly one of train/dev, no unknown or repeated ids in the split files. */
export function splitErrors(ids: readonly string[], train: readonly string[], dev: readonly string[]): string[] {
  const errors: string[] = [];
  const known = new Set(ids);
  const trainSet = new Set(train);
  const devSet = new Set(dev);
  for (const [name, list, set] of [
    ['train', train, trainSet],
    ['dev', dev, devSet],
  ] as const) {
    if (set.size !== list.length) errors.push(`${name}.ids lists some ids more than once`);
    const unknown = [...set].filter((id) => !known.has(id));
    if (unknown.length) errors.push(`${name}.ids has ${unknown.length} id(s) not in the corpus: ${preview(unknown)}`);
  }
  const both = [...trainSet].filter((id) => devSet.has(id));
  if (both.length) errors.push(`${both.length} id(s) in both train and dev: ${preview(both)}`);
  const neither = ids.filter((id) => !trainSet.has(id) && !devSet.has(id));
  if (neither.length)
    errors.push(`${neither.length} entr${neither.length === 1 ? 'y is' : 'ies are'} in neither split (run npm run data:split): ${preview(neither)}`);
  return errors;
}

function preview(ids: readonly string[], n = 8): string {
  return ids.slice(0, n).join(', ') + (ids.length > n ? `, … (+${ids.length - n})` : '');
}

export interface Distribution {
  total: number;
  train: number;
  dev: number;
  /** Per studio emotion: as primary (all/train/dev) and labelled at all. */
  emotions: Record<string, { primary: number; primaryTrain: number; primaryDev: number; labelled: number }>;
  crisis: { total: number; implicit: number; explicit: number; byCategory: Record<string, { total: number; implicit: number }> };
  hardNegatives: { total: number; byKind: Record<string, number> };
  registers: Record<string, number>;
  emotionsPerEntry: Record<string, number>;
  /** Entry length in sentences: 1–2, 3–6, 7–12, 13+. */
  lengths: Record<string, number>;
  files: Record<string, number>;
}

function lengthBucket(text: string): string {
  const n = text.split(/[.!?…]+(?:\s|$)|\n+/).filter((s) => s.trim()).length;
  return n <= 2 ? '1–2' : n <= 6 ? '3–6' : n <= 12 ? '7–12' : '13+';
}

export function isHardNegative(e: JournalCorpusEntry): boolean {
  return !e.crisis && e.tags.some((t) => t.startsWith('hard_negative:'));
}

export function distribution(entries: LocatedEntry[], train: ReadonlySet<string>, dev: ReadonlySet<string>): Distribution {
  const d: Distribution = {
    total: entries.length,
    train: 0,
    dev: 0,
    emotions: Object.fromEntries(STUDIO_EMOTIONS.map((x) => [x, { primary: 0, primaryTrain: 0, primaryDev: 0, labelled: 0 }])),
    crisis: {
      total: 0,
      implicit: 0,
      explicit: 0,
      byCategory: Object.fromEntries(CRISIS_CATEGORIES.map((c) => [c, { total: 0, implicit: 0 }])),
    },
    hardNegatives: { total: 0, byKind: Object.fromEntries(HARD_NEGATIVE_KINDS.map((k) => [k, 0])) },
    registers: Object.fromEntries(REGISTERS.map((r) => [r, 0])),
    emotionsPerEntry: { '1': 0, '2': 0, '3': 0 },
    lengths: { '1–2': 0, '3–6': 0, '7–12': 0, '13+': 0 },
    files: {},
  };
  for (const { entry: e, file } of entries) {
    const inTrain = train.has(e.id);
    const inDev = dev.has(e.id);
    if (inTrain) d.train++;
    if (inDev) d.dev++;
    const p = d.emotions[e.primary]!;
    p.primary++;
    if (inTrain) p.primaryTrain++;
    if (inDev) p.primaryDev++;
    for (const x of e.emotions) d.emotions[x]!.labelled++;
    d.emotionsPerEntry[String(e.emotions.length)]!++;
    d.lengths[lengthBucket(e.text)]!++;
    d.files[file] = (d.files[file] ?? 0) + 1;
    for (const t of e.tags) {
      if (t.startsWith('register:')) d.registers[t.slice(9)] = (d.registers[t.slice(9)] ?? 0) + 1;
    }
    if (e.crisis && e.crisis_category) {
      const implicit = e.tags.includes('implicit');
      d.crisis.total++;
      d.crisis[implicit ? 'implicit' : 'explicit']++;
      const c = d.crisis.byCategory[e.crisis_category]!;
      c.total++;
      if (implicit) c.implicit++;
    }
    if (isHardNegative(e)) {
      d.hardNegatives.total++;
      for (const t of e.tags.filter((x) => x.startsWith('hard_negative:'))) {
        const kind = t.slice('hard_negative:'.length);
        d.hardNegatives.byKind[kind] = (d.hardNegatives.byKind[kind] ?? 0) + 1;
      }
    }
  }
  return d;
}

/** The issue's minimums that the distribution does not meet, as messages. */
export function coverageShortfalls(d: Distribution): string[] {
  const m = COVERAGE_MINIMUMS;
  const out: string[] = [];
  if (d.total < m.entries) out.push(`${d.total} entries, need ≥ ${m.entries}`);
  for (const [x, v] of Object.entries(d.emotions))
    if (v.primary < m.perPrimary) out.push(`primary ${x}: ${v.primary}, need ≥ ${m.perPrimary}`);
  if (d.crisis.total < m.crisis) out.push(`${d.crisis.total} crisis entries, need ≥ ${m.crisis}`);
  const share = d.crisis.total ? d.crisis.implicit / d.crisis.total : 0;
  if (share < m.implicitShare)
    out.push(`implicit crisis share ${pct(share)}, need ≥ ${pct(m.implicitShare)}`);
  for (const [c, v] of Object.entries(d.crisis.byCategory)) if (v.total === 0) out.push(`no crisis entries for ${c}`);
  if (d.hardNegatives.total < m.hardNegatives)
    out.push(`${d.hardNegatives.total} hard negatives, need ≥ ${m.hardNegatives}`);
  return out;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** The distribution as Markdown tables (pasted into data/README.md). */
export function formatDistribution(d: Distribution): string {
  const m = COVERAGE_MINIMUMS;
  const ok = (cond: boolean) => (cond ? 'ok' : 'SHORT');
  const share = d.crisis.total ? d.crisis.implicit / d.crisis.total : 0;
  const parts = [
    table(
      ['corpus', 'count', 'minimum', ''],
      [
        ['entries', d.total, m.entries, ok(d.total >= m.entries)],
        ['train', d.train, '', ''],
        ['dev', d.dev, '', ''],
        ['crisis', d.crisis.total, m.crisis, ok(d.crisis.total >= m.crisis)],
        ['implicit crisis share', pct(share), pct(m.implicitShare), ok(share >= m.implicitShare)],
        ['hard negatives', d.hardNegatives.total, m.hardNegatives, ok(d.hardNegatives.total >= m.hardNegatives)],
      ],
    ),
    table(
      ['primary emotion', 'entries', 'train', 'dev', 'labelled at all', ''],
      Object.entries(d.emotions).map(([x, v]) => [x, v.primary, v.primaryTrain, v.primaryDev, v.labelled, ok(v.primary >= m.perPrimary)]),
    ),
    table(
      ['crisis category', 'entries', 'implicit', 'explicit'],
      Object.entries(d.crisis.byCategory).map(([c, v]) => [c, v.total, v.implicit, v.total - v.implicit]),
    ),
    table(
      ['hard-negative kind', 'entries'],
      Object.entries(d.hardNegatives.byKind).map(([k, n]) => [k, n]),
    ),
    table(
      ['register', 'entries'],
      Object.entries(d.registers).map(([r, n]) => [r, n]),
    ),
    table(
      ['emotions per entry', 'entries'],
      Object.entries(d.emotionsPerEntry).map(([k, n]) => [k, n]),
    ),
    table(
      ['length (sentences)', 'entries'],
      Object.entries(d.lengths).map(([k, n]) => [k, n]),
    ),
    table(
      ['file', 'entries'],
      Object.entries(d.files)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([f, n]) => [f, n]),
    ),
  ];
  return parts.join('\n\n');
}

export interface CorpusCheckResult {
  /** Schema, labelling, duplicate, near-duplicate, GoEmotions-repeat and split errors: always fatal. */
  errors: string[];
  /** Coverage minimums not met: fatal unless report-only. */
  shortfalls: string[];
  /** Things the check could not do, e.g. the GoEmotions files are absent. */
  notes: string[];
  distribution: Distribution;
}

function readIdList(path: string): string[] | null {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean) : null;
}

/** Reads every data/journal/entries/*.jsonl file and runs all checks. */
export function checkCorpus(corpusDir: string, datasetsDir: string | null): CorpusCheckResult {
  const entriesDir = join(corpusDir, 'entries');
  const errors: string[] = [];
  const notes: string[] = [];
  const entries: LocatedEntry[] = [];
  const files = existsSync(entriesDir) ? readdirSync(entriesDir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  if (!files.length) notes.push(`no entry files in ${entriesDir}`);
  for (const file of files) {
    const parsed = parseEntriesFile(file, readFileSync(join(entriesDir, file), 'utf8'));
    entries.push(...parsed.entries);
    errors.push(...parsed.errors);
  }
  errors.push(...duplicateIdErrors(entries));
  errors.push(...duplicateOpeningErrors(entries));
  const byId = new Map(entries.map((x) => [x.entry.id, x]));
  for (const d of findNearDuplicates(entries.map((x) => x.entry))) {
    errors.push(`near-duplicates (Jaccard ${d.jaccard.toFixed(2)}): ${where(byId.get(d.a)!)} and ${where(byId.get(d.b)!)}`);
  }
  const sentences = datasetsDir ? loadGoEmotionsSentences(datasetsDir) : null;
  if (sentences) errors.push(...goEmotionsRepeatErrors(entries, sentences));
  else notes.push(`GoEmotions train/dev not found under ${datasetsDir ?? '(no --datasets)'}: skipped the repeated-sentence check`);

  const train = readIdList(join(corpusDir, 'split', 'train.ids'));
  const dev = readIdList(join(corpusDir, 'split', 'dev.ids'));
  if (!train || !dev) errors.push(`split files missing in ${join(corpusDir, 'split')} (run npm run data:split)`);
  else errors.push(...splitErrors([...byId.keys()], train, dev));

  const d = distribution(entries, new Set(train ?? []), new Set(dev ?? []));
  return { errors, shortfalls: coverageShortfalls(d), notes, distribution: d };
}
