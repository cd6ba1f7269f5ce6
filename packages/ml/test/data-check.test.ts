import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCorpus,
  coverageShortfalls,
  distribution,
  duplicateIdErrors,
  duplicateOpeningErrors,
  findNearDuplicates,
  goEmotionsRepeatErrors,
  jaccard,
  openingKey,
  parseEntriesFile,
  shingles,
  splitErrors,
  type LocatedEntry,
} from '@studio/ml/data/corpus-checks';
import { stratifiedSplit, stratumOf } from '@studio/ml/data/split';
import type { JournalCorpusEntry } from '@studio/ml/data/journal';

function entry(id: string, text: string, over: Partial<JournalCorpusEntry> = {}): JournalCorpusEntry {
  return {
    id,
    text,
    emotions: ['peace'],
    primary: 'peace',
    intensities: { peace: 0.4 },
    crisis: false,
    crisis_category: null,
    tags: ['register:tidy'],
    ...over,
  };
}
const located = (e: JournalCorpusEntry, line = 1): LocatedEntry => ({ entry: e, file: 'x.jsonl', line });
const jsonl = (...es: object[]) => es.map((e) => JSON.stringify(e)).join('\n') + '\n';

describe('parseEntriesFile', () => {
  it('accepts a valid line', () => {
    const r = parseEntriesFile('a.jsonl', jsonl(entry('t-1', 'Kettle on, rain outside, nowhere to be.')));
    expect(r.errors).toEqual([]);
    expect(r.entries).toHaveLength(1);
  });

  it('reports invalid JSON, missing keys, unknown emotions and intensity mismatches with file and line', () => {
    const { tags: _tags, ...noTags } = entry('t-2', 'a');
    const content = [
      '{not json',
      JSON.stringify(noTags),
      JSON.stringify(entry('t-3', 'b', { emotions: ['boredom' as never], primary: 'boredom' as never })),
      JSON.stringify(entry('t-4', 'c', { intensities: { peace: 0.4, joy: 0.2 } })),
    ].join('\n');
    const r = parseEntriesFile('a.jsonl', content);
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]).toMatch(/^a\.jsonl:1: not valid JSON/);
    expect(r.errors[1]).toMatch(/^a\.jsonl:2: missing key\(s\) tags/);
    expect(r.errors[2]).toMatch(/^a\.jsonl:3:/);
    expect(r.errors[3]).toMatch(/^a\.jsonl:4: .*exactly the labelled emotions/);
  });

  it('enforces the labelling rules: strongest primary, two decimals, registers, crisis tags, hard-negative kinds', () => {
    const bad = [
      entry('t-5', 'a', { emotions: ['peace', 'joy'], intensities: { peace: 0.3, joy: 0.6 } }),
      entry('t-6', 'b', { intensities: { peace: 0.333 } }),
      entry('t-7', 'c', { tags: [] }),
      entry('t-8', 'd', { crisis: true, crisis_category: 'self_harm', tags: ['register:messy'] }),
      entry('t-9', 'e', { tags: ['register:tidy', 'hard_negative:sarcasm'] }),
      entry('t-10', 'f', { tags: ['register:tidy', 'implicit'] }),
      entry('t-11', 'g', { intensities: { peace: 0 } }),
    ];
    const r = parseEntriesFile('b.jsonl', jsonl(...bad));
    const byLine = (n: number) => r.errors.filter((e) => e.startsWith(`b.jsonl:${n} `)).join('\n');
    expect(byLine(1)).toMatch(/primary must be the strongest/);
    expect(byLine(2)).toMatch(/more than two decimals/);
    expect(byLine(3)).toMatch(/exactly one register tag/);
    expect(byLine(4)).toMatch(/implicit \| explicit/);
    expect(byLine(5)).toMatch(/unknown hard-negative kind "sarcasm"/);
    expect(byLine(6)).toMatch(/crisis entries only/);
    expect(byLine(7)).toMatch(/must be above 0/);
  });
});

describe('duplicates', () => {
  it('flags repeated ids', () => {
    expect(duplicateIdErrors([located(entry('d-1', 'x')), located(entry('d-2', 'y'))])).toEqual([]);
    expect(duplicateIdErrors([located(entry('d-1', 'x')), located(entry('d-1', 'y'), 2)])[0]).toMatch(/duplicate id d-1/);
  });

  it('compares openings on the first four words, lowercased, punctuation stripped', () => {
    expect(openingKey("Can't sleep, AGAIN. the fridge hums")).toBe('cant sleep again the');
    const a = located(entry('o-1', "Can't sleep, again; the fridge hums."));
    const b = located(entry('o-2', 'cant sleep again the cat is purring though'));
    const c = located(entry('o-3', 'Cant sleep again, but the cat is purring'));
    expect(duplicateOpeningErrors([a, c])).toEqual([]);
    const errs = duplicateOpeningErrors([a, b, c]);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/"cant sleep again the": o-1 .*o-2/);
  });

  it('finds exactly the pairs with word-3-shingle Jaccard ≥ 0.6', () => {
    const base = 'the bus was late again and I stood in the rain thinking about the exam tomorrow morning';
    const close = base + ' sigh'; // one extra shingle out of sixteen
    const far = 'the bus was late again but I had a book so honestly I did not mind the wait at all';
    const items = [
      { id: 'n-1', text: base },
      { id: 'n-2', text: far },
      { id: 'n-3', text: close },
    ];
    expect(jaccard(shingles(base), shingles(close))).toBeGreaterThanOrEqual(0.6);
    expect(jaccard(shingles(base), shingles(far))).toBeLessThan(0.6);
    const found = findNearDuplicates(items);
    expect(found.map((d) => [d.a, d.b])).toEqual([['n-1', 'n-3']]);
    expect(found[0]!.jaccard).toBeCloseTo(jaccard(shingles(base), shingles(close)));
  });

  it('agrees with brute force on a random corpus', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocab = ['a', 'b', 'c', 'd', 'e'];
    const items = Array.from({ length: 60 }, (_, i) => ({
      id: `r-${i}`,
      text: Array.from({ length: 3 + Math.floor(rand() * 6) }, () => vocab[Math.floor(rand() * vocab.length)]).join(' '),
    }));
    const brute: string[] = [];
    for (let j = 0; j < items.length; j++)
      for (let i = 0; i < j; i++)
        if (jaccard(shingles(items[i]!.text), shingles(items[j]!.text)) >= 0.6) brute.push(`${items[i]!.id}/${items[j]!.id}`);
    expect(brute.length).toBeGreaterThan(0);
    expect(findNearDuplicates(items).map((d) => `${d.a}/${d.b}`).sort()).toEqual(brute.sort());
  });
});

describe('GoEmotions repeats', () => {
  const sentences = new Set(['i honestly did not expect that to work at all']);
  it('flags a sentence of six or more words identical after normalisation', () => {
    const e = located(entry('g-1', 'Tried the new recipe. I honestly did NOT expect that to work, at all! Dinner was great.'));
    expect(goEmotionsRepeatErrors([e], sentences)[0]).toMatch(/g-1 .*repeats a GoEmotions sentence/);
  });
  it('ignores partial overlaps', () => {
    const e = located(entry('g-2', 'I honestly did not expect that to work at all, given the weather.'));
    expect(goEmotionsRepeatErrors([e], sentences)).toEqual([]);
  });
});

describe('split', () => {
  const es = Array.from({ length: 200 }, (_, i) =>
    entry(`s-${String(i).padStart(4, '0')}`, `text ${i}`, {
      primary: i % 2 ? 'hope' : 'peace',
      emotions: [i % 2 ? 'hope' : 'peace'],
      crisis: i % 10 === 0,
      crisis_category: i % 10 === 0 ? 'self_harm' : null,
      tags: i % 10 === 0 ? ['register:tidy', 'implicit'] : ['register:tidy'],
    }),
  );

  it('is deterministic, disjoint, complete and 80/20 within each stratum', () => {
    const s = stratifiedSplit(es);
    expect(stratifiedSplit([...es].reverse())).toEqual(s);
    expect(s.train.length + s.dev.length).toBe(es.length);
    expect(s.train.filter((id) => s.dev.includes(id))).toEqual([]);
    const dev = new Set(s.dev);
    const strata = new Map<string, { n: number; dev: number }>();
    for (const e of es) {
      const k = strata.get(stratumOf(e)) ?? { n: 0, dev: 0 };
      k.n++;
      if (dev.has(e.id)) k.dev++;
      strata.set(stratumOf(e), k);
    }
    for (const { n, dev: d } of strata.values()) expect(d).toBe(Math.round(n * 0.2));
    expect([...s.dev].sort()).toEqual(s.dev);
  });

  it('never moves an entry already split, and splits new entries 80/20 among themselves', () => {
    const before = stratifiedSplit(es);
    const added = Array.from({ length: 20 }, (_, i) => entry(`s-new-${i}`, 'x', { primary: 'hope', emotions: ['hope'] }));
    const after = stratifiedSplit([...es, ...added], before);
    const moved = before.dev.filter((id) => after.train.includes(id)).length + before.train.filter((id) => after.dev.includes(id)).length;
    expect(moved).toBe(0);
    expect(after.dev.filter((id) => id.startsWith('s-new-')).length).toBe(4);
    expect(after.train.length + after.dev.length).toBe(es.length + added.length);
    // An empty previous split is the plain stratified split.
    expect(stratifiedSplit(es, { train: [], dev: [] })).toEqual(before);
  });

  it('splitErrors flags missing, unknown, repeated and doubly assigned ids', () => {
    expect(splitErrors(['a', 'b', 'c'], ['a', 'b'], ['c'])).toEqual([]);
    const errs = splitErrors(['a', 'b', 'c'], ['a', 'a', 'z'], ['a']).join('\n');
    expect(errs).toMatch(/train\.ids lists some ids more than once/);
    expect(errs).toMatch(/not in the corpus: z/);
    expect(errs).toMatch(/in both train and dev: a/);
    expect(errs).toMatch(/2 entries are in neither split .*b, c/);
  });
});

describe('coverage', () => {
  it('reports every unmet minimum and none when all are met', () => {
    const small = distribution([located(entry('c-1', 'x'))], new Set(), new Set());
    const s = coverageShortfalls(small).join('\n');
    expect(s).toMatch(/1 entries, need ≥ 2000/);
    expect(s).toMatch(/primary confusion: 0, need ≥ 120/);
    expect(s).toMatch(/0 crisis entries/);
    expect(s).toMatch(/implicit crisis share/);
    expect(s).toMatch(/no crisis entries for harm_to_others/);
    expect(s).toMatch(/0 hard negatives/);

    const emotions = ['anxiety', 'sadness', 'anger', 'joy', 'fear', 'disgust', 'surprise', 'hope', 'overwhelm', 'peace', 'confusion'] as const;
    const cats = ['suicidal_ideation', 'self_harm', 'harm_to_others', 'severe_episode'] as const;
    const big: LocatedEntry[] = [];
    for (let i = 0; i < 2200; i++) {
      const p = emotions[i % emotions.length]!;
      const crisis = i < 400;
      const tags = crisis ? ['register:messy', i % 2 ? 'implicit' : 'explicit'] : i < 800 ? ['register:tidy', 'hard_negative:idiom'] : ['register:tidy'];
      big.push(located(entry(`c-${i}`, `t${i}`, { primary: p, emotions: [p], intensities: { [p]: 0.5 }, crisis, crisis_category: crisis ? cats[i % 4]! : null, tags })));
    }
    const d = distribution(big, new Set(), new Set());
    expect(coverageShortfalls(d)).toEqual([]);
    expect(d.crisis.implicit).toBe(200);
    expect(d.hardNegatives.byKind.idiom).toBe(400);
  });
});

describe('checkCorpus', () => {
  it('runs every check over a directory and skips only the GoEmotions check when datasets are absent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'entries'));
    mkdirSync(join(dir, 'split'));
    writeFileSync(
      join(dir, 'entries', 'x.jsonl'),
      jsonl(entry('x-1', 'Morning walk by the canal, quiet.'), entry('x-2', 'Morning walk by the canal; loud geese.')),
    );
    writeFileSync(join(dir, 'split', 'train.ids'), 'x-1\n');
    writeFileSync(join(dir, 'split', 'dev.ids'), 'x-3\n');
    const r = checkCorpus(dir, join(dir, 'no-datasets'));
    expect(r.notes.join('\n')).toMatch(/skipped the repeated-sentence check/);
    const errs = r.errors.join('\n');
    expect(errs).toMatch(/duplicate opening "morning walk by the"/);
    expect(errs).toMatch(/dev\.ids has 1 id\(s\) not in the corpus: x-3/);
    expect(errs).toMatch(/in neither split .*x-2/);
    expect(r.distribution.total).toBe(2);

    mkdirSync(join(dir, 'ds', 'goemotions'), { recursive: true });
    writeFileSync(join(dir, 'ds', 'goemotions', 'train.tsv'), 'Morning walk by the canal, quiet.\t27\tabc\n');
    writeFileSync(join(dir, 'ds', 'goemotions', 'dev.tsv'), '');
    const withData = checkCorpus(dir, join(dir, 'ds'));
    expect(withData.notes).toEqual([]);
    expect(withData.errors.join('\n')).toMatch(/x-1 .*repeats a GoEmotions sentence/);
  });
});
