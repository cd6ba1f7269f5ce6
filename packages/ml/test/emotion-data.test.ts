import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOEMOTIONS_LABELS, STUDIO_EMOTIONS } from '@studio/core';
import { loadGoEmotions } from '../src/data/goemotions';
import { fromGoEmotions, fromJournal } from '../src/emotion/data';

const id = (l: (typeof GOEMOTIONS_LABELS)[number]) => GOEMOTIONS_LABELS.indexOf(l);
const studio = (e: (typeof STUDIO_EMOTIONS)[number]) => STUDIO_EMOTIONS.indexOf(e);

describe('GoEmotions data', () => {
  it('reads the TSV on tabs only, keeping stray quotes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goemo-'));
    mkdirSync(join(dir, 'goemotions'));
    writeFileSync(join(dir, 'goemotions', 'dev.tsv'), `He said "wow\t26,22\tabc1\nthanks [NAME]!\t15\tabc2\n`);
    expect(loadGoEmotions(dir, 'dev')).toEqual([
      { id: 'abc1', text: 'He said "wow', labels: [26, 22] },
      { id: 'abc2', text: 'thanks [NAME]!', labels: [15] },
    ]);
    writeFileSync(join(dir, 'goemotions', 'bad.tsv'), 'text\t28\tx\n');
    expect(() => loadGoEmotions(dir, 'bad')).toThrow(/bad label ids/);
  });

  it('maps labels to studio emotions, masks overwhelm and sets a primary only when unambiguous', () => {
    const one = fromGoEmotions({ id: 'a', text: 't', labels: [id('surprise'), id('realization')] });
    expect(one.studio[studio('surprise')]).toBe(1);
    expect(one.studio.reduce((a, v) => a + v, 0)).toBe(1);
    expect(one.primary).toBe(studio('surprise'));
    expect(one.studioKnown[studio('overwhelm')]).toBe(0);
    expect(one.go?.[id('realization')]).toBe(1);
    const two = fromGoEmotions({ id: 'b', text: 't', labels: [id('joy'), id('nervousness')] });
    expect(two.primary).toBe(-1);
    const unmapped = fromGoEmotions({ id: 'c', text: 't', labels: [id('neutral'), id('curiosity')] });
    expect(unmapped.studio.every((v) => v === 0)).toBe(true);
    expect(unmapped.primary).toBe(-1);
  });

  it('reads journal entries with intensities and no GoEmotions labels', () => {
    const ex = fromJournal({
      id: 'x-1', text: 'too much', emotions: ['overwhelm', 'anxiety'], primary: 'overwhelm',
      intensities: { overwhelm: 0.8, anxiety: 0.4 }, crisis: false, crisis_category: null, tags: [],
    });
    expect(ex.go).toBeNull();
    expect(ex.primary).toBe(studio('overwhelm'));
    expect(ex.intensity[studio('overwhelm')]).toBeCloseTo(0.8, 6);
    expect(Number.isNaN(ex.intensity[studio('joy')])).toBe(true);
    expect(ex.studioKnown.every((v) => v === 1)).toBe(true);
  });
});
