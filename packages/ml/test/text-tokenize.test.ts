import { describe, expect, it } from 'vitest';
import { tokenize, NEGATIONS } from '../src/text/tokenize';

describe('tokenize', () => {
  it('lower-cases and expands contractions into words GloVe knows', () => {
    expect(tokenize("I'm SO tired and I can't sleep")).toEqual(['i', 'am', 'so', 'tired', 'and', 'i', 'can', 'not', 'sleep']);
    expect(tokenize("we've, they'll, she'd, you're, won't, it's, let's")).toEqual([
      'we', 'have', 'they', 'will', 'she', 'would', 'you', 'are', 'will', 'not', 'it', 'is', 'let', 'us',
    ]);
    expect(tokenize("Mira's first steps")).toEqual(['mira', 'first', 'steps']);
  });

  it('handles curly apostrophes and apostrophe-less contractions', () => {
    expect(tokenize('I’m fine, dont worry, im ok')).toEqual(['i', 'am', 'fine', 'do', 'not', 'worry', 'i', 'am', 'ok']);
  });

  it('keeps negations as tokens', () => {
    const tokens = tokenize("I'm not happy, never was, didn't care");
    for (const n of ['not', 'never']) expect(tokens).toContain(n);
    expect(tokens.filter((t) => NEGATIONS.has(t))).toEqual(['not', 'never', 'not']);
  });

  it('keeps emoji as single tokens without skin-tone modifiers, and maps emoticons', () => {
    expect(tokenize('great 👍🏽 👍 😭😭')).toEqual(['great', '👍', '👍', '😭', '😭']);
    expect(tokenize('ok :) fine :( lol :D <3')).toEqual(['ok', '<smile>', 'fine', '<frown>', 'lol', '<laugh>', '<heart>']);
  });

  it('keeps ! ? and ellipses, drops other punctuation, squeezes elongations', () => {
    expect(tokenize('Whyyyy?!?! so... (fine), "ok"; done!!!')).toEqual(['whyy', '?', 'so', '...', 'fine', 'ok', 'done', '!']);
  });

  it('maps GoEmotions masks and URLs to placeholders', () => {
    expect(tokenize("[NAME]'s post about [RELIGION] at https://example.com/x")).toEqual([
      '<name>', 'post', 'about', '<religion>', 'at', '<url>',
    ]);
  });

  it('splits hyphenated words and is deterministic', () => {
    const text = 'Self-care is hard — really hard…';
    expect(tokenize(text)).toEqual(['self', 'care', 'is', 'hard', 'really', 'hard', '...']);
    expect(tokenize(text)).toEqual(tokenize(text));
    expect(tokenize('')).toEqual([]);
  });
});
