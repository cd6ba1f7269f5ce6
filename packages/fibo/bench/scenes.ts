/** A spread of representative scenes for the renderer's benchmarks: sea, night coast, rainy forest, room, city at night, snowy mountains, desert, meadow. */
import type { FiboStructuredPrompt } from '@studio/core/contracts';

const base = (over: Partial<FiboStructuredPrompt>): FiboStructuredPrompt => ({
  short_description: 'A symbolic scene.',
  objects: [],
  background_setting: '',
  lighting: { conditions: 'soft, even daylight', direction: 'soft side light', shadows: 'soft, gentle shadows' },
  aesthetics: { composition: 'medium shot, balanced space around the subject', color_scheme: 'neutral, balanced palette', mood_atmosphere: 'calm and still' },
  style_medium: 'digital painting',
  context: 'A symbolic image for a private journal entry.',
  ...over,
});

const obj = (description: string, location: string, relative_size = 'medium') => ({ description, location, relationship: 'in the scene', relative_size });

export const SCENES: FiboStructuredPrompt[] = [
  base({ background_setting: 'open sea under a wide sky at dusk', objects: [obj('a small sailboat', 'center', 'small'), obj('gulls flying', 'upper right')] }),
  base({
    background_setting: 'a rocky coast at night under stars',
    objects: [obj('a lighthouse', 'right'), obj('a lone figure on the shore', 'left foreground', 'small')],
    lighting: { conditions: 'moonlit night', direction: 'from above', shadows: 'deep shadows' },
  }),
  base({ background_setting: 'a pine forest in heavy rain and mist', objects: [obj('a small cabin with a lit window', 'center'), obj('tall pines', 'left', 'large')] }),
  base({ background_setting: 'a quiet attic room', objects: [obj('a tall window', 'center'), obj('a woman sitting in a chair', 'left foreground'), obj('a lamp', 'right')] }),
  base({
    background_setting: 'a city street at night in the rain',
    objects: [obj('a figure with an umbrella', 'center'), obj('street lamps', 'left'), obj('a taxi', 'right', 'small')],
    aesthetics: { composition: 'close-up framing, enclosed, cramped space', color_scheme: 'cool teal and silver palette', mood_atmosphere: 'restless and tense' },
  }),
  base({ background_setting: 'snowy mountains in winter, snowfall', objects: [obj('a mountain hut', 'center', 'small'), obj('pine trees', 'right')] }),
  base({ background_setting: 'endless desert dunes at dawn', objects: [obj('a lone traveller', 'center', 'small'), obj('a tumbleweed', 'right', 'tiny')] }),
  base({ background_setting: 'a wildflower meadow on a summer afternoon', objects: [obj('an old oak tree', 'left', 'large'), obj('wildflowers', 'foreground'), obj('a red kite', 'upper right', 'small')] }),
];
