/**
 * Text preparation for the crisis rules. The shared tokenizer (text/tokenize) drops sentence punctuation, which the
 * rules need for clause scope, so the rules work on a normalised string instead: lower case, ASCII quotes,
 * contractions expanded the way the tokenizer expands them ("don't" → "do not", "im" → "i am").
 */

const CONTRACTIONS: Record<string, string> = {
  "can't": 'can not', cant: 'can not', cannot: 'can not', "won't": 'will not', wont: 'will not',
  "ain't": 'is not', dont: 'do not', doesnt: 'does not', didnt: 'did not', couldnt: 'could not', wouldnt: 'would not',
  shouldnt: 'should not', isnt: 'is not', arent: 'are not', wasnt: 'was not', werent: 'were not', havent: 'have not',
  hasnt: 'has not', hadnt: 'had not', im: 'i am', ive: 'i have', idk: 'i do not know', wanna: 'want to',
  gonna: 'going to', gotta: 'have to', "i'd": 'i would', "i'll": 'i will',
};

const SUFFIXES: [RegExp, string][] = [
  [/n't$/, ' not'],
  [/'m$/, ' am'],
  [/'re$/, ' are'],
  [/'ve$/, ' have'],
  [/'ll$/, ' will'],
  [/'d$/, ' would'],
];

function expand(word: string): string {
  const fixed = CONTRACTIONS[word];
  if (fixed !== undefined) return fixed;
  if (!word.includes("'")) return word;
  for (const [re, rep] of SUFFIXES) if (re.test(word)) return word.replace(re, rep);
  return word;
}

/** Lower-cased, quotes and contractions normalised, whitespace collapsed; sentence punctuation kept. */
export function normalizeForRules(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d«»]/g, '"');
  s = s.replace(/(\p{L})\1{2,}/gu, '$1$1'); // "sooooo" → "soo"
  s = s.replace(/[a-z]+(?:'[a-z]+)?/g, expand);
  return s.replace(/[ \t]+/g, ' ');
}

export interface Span {
  start: number;
  end: number;
}

/** Sentence spans: split on . ! ? ; and line breaks (an ellipsis ends a sentence too). */
export function sentenceSpans(s: string): Span[] {
  const spans: Span[] = [];
  const re = /[.!?;\n]+|…/g;
  let start = 0;
  for (const m of s.matchAll(re)) {
    const end = m.index ?? 0;
    if (end > start) spans.push({ start, end });
    start = end + m[0].length;
  }
  if (start < s.length) spans.push({ start, end: s.length });
  return spans;
}

/** The start of the clause holding `pos`: after the last sentence break, comma-conjunction or "but" before it. */
export function clauseStart(s: string, sentenceStart: number, pos: number): number {
  const left = s.slice(sentenceStart, pos);
  const re = /,\s*(?:but|and|so|because|though|although|while|whereas)\b|\b(?:but|although|though|whereas|however)\b|[,:]\s*/g;
  let last = 0;
  for (const m of left.matchAll(re)) last = (m.index ?? 0) + m[0].length;
  return sentenceStart + last;
}

/** Replaces spans with spaces of the same length, so later patterns cannot match inside them and offsets hold. */
export function mask(s: string, spans: readonly Span[]): string {
  if (spans.length === 0) return s;
  const chars = s.split('');
  for (const { start, end } of spans) for (let i = start; i < end; i++) chars[i] = ' ';
  return chars.join('');
}

/** Spans inside double quotes, or single quotes used as quotation marks (not apostrophes). */
export function quotedSpans(s: string): Span[] {
  const spans: Span[] = [];
  for (const m of s.matchAll(/"[^"\n]{3,}?"|(?<![a-z])'[^'\n]{3,}?'(?![a-z])/g)) {
    spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return spans;
}
