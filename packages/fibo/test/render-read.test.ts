/** How the offline renderer reads a prompt: settings, motifs, places and weather from the words of any FIBO prompt. */
import type { FiboObject, FiboStructuredPrompt } from '@studio/core/contracts';
import { describe, expect, it } from 'vitest';
import { readScene } from '../src/render/read';

function prompt(background_setting: string, objects: Partial<FiboObject>[] = [], conditions = 'soft light'): FiboStructuredPrompt {
  return {
    short_description: 'A scene. Walls closing in, no sky visible.',
    objects: objects.map((o) => ({ location: 'center', relationship: 'in the scene', description: '', ...o })),
    background_setting,
    lighting: { conditions, direction: 'from the left' },
    aesthetics: { composition: 'medium shot', color_scheme: 'neutral', mood_atmosphere: 'calm' },
    context: 'a journal metaphor',
  };
}

const first = (description: string, extra: Partial<FiboObject> = {}) => readScene(prompt('a wide meadow', [{ description, ...extra }])).objects[0]!;

describe('reading a FIBO prompt', () => {
  it('tells interiors from exteriors by the setting, not by the vocabulary of later sentences', () => {
    expect(readScene(prompt('a narrow room, lit by the glow of a streetlight outside')).interior).toBe(true);
    expect(readScene(prompt('a quiet stone harbour with high walls in rolling sea fog')).interior).toBe(false);
    expect(readScene(prompt('a quiet stone harbour with high walls')).ground).toBe('water');
    expect(readScene(prompt('endless desert dunes')).ground).toBe('sand');
    expect(readScene(prompt('a snowfield in winter')).ground).toBe('snow');
  });

  it('names motifs by the description first, with the specific word winning', () => {
    expect(first('A shaggy white mountain goat').kind).toBe('animal');
    expect(first('A woman walking her dog').kind).toBe('figure');
    expect(first('A station cat sitting alone').kind).toBe('animal');
    expect(first('An old man sitting on the sand').kind).toBe('seated');
    expect(first('Gentle waves lapping at the shore').kind).toBe('ripples');
    expect(first('A huge breaking wave').kind).toBe('wave');
    expect(first('A lighthouse on the point').kind).toBe('lighthouse');
    expect(first('A weathered signpost').kind).toBe('sign');
    expect(first('Something unnamed').kind).toBe('rock');
    expect(first('Something unnamed, softly glowing').kind).toBe('orb');
  });

  it('puts birds in the sky only when they fly', () => {
    expect(first('A grey heron', { relationship: 'standing in the shallows' }).inSky).toBe(false);
    expect(first('Gulls', { action: 'wheeling overhead' }).inSky).toBe(true);
    expect(first('A pair of swans', { relationship: 'on the water' }).inSky).toBe(false);
  });

  it('reads locations, sizes and counts', () => {
    expect(first('a tree', { location: 'center-left' }).x).toBeCloseTo(0.38);
    expect(first('a tree', { location: 'far right' }).x).toBeCloseTo(0.88);
    expect(first('a tree', { location: 'left foreground' })).toMatchObject({ x: 0.26, depth: 0.82 });
    expect(first('a tree', { location: 'in the distance' }).depth).toBeLessThan(0.2);
    expect(first('a tree', { relative_size: 'tiny' }).size).toBeLessThan(first('a tree', { relative_size: 'large' }).size);
    expect(first('figures', { number_of_objects: 3 }).count).toBe(3);
    expect(first('a vast mountain').depth).toBeLessThan(0.1);
  });

  it('reads time, weather and light', () => {
    const night = readScene(prompt('a coast under the stars', [], 'moonlit night'));
    expect(night).toMatchObject({ time: 'night', moonVisible: true, starry: true });
    const storm = readScene(prompt('a stormy sea with heavy rain and fog'));
    expect(storm.storm).toBe(true);
    expect(storm.rain).toBeGreaterThan(0.5);
    expect(storm.fog).toBeGreaterThan(0);
    const dusk = readScene({ ...prompt('a field'), lighting: { conditions: 'golden hour', direction: 'low from the right', shadows: 'long, hard shadows' } });
    expect(dusk.light.x).toBeGreaterThan(0.5);
    expect(dusk.light.height).toBeLessThan(0.2);
    expect(dusk.shadows).toMatchObject({ length: 2.4, soft: false });
  });
});
