/**
 * The one tokenizer every text model shares (emotion, crisis). Pure and deterministic: the same
 * string always gives the same tokens, so trained vocabularies stay valid across versions.
 *
 * - lower-cases and normalises Unicode (NFKC, curly quotes → ASCII apostrophe);
 * - expands contractions into the words GloVe knows ("don't" → "do not", "i'm" → "i am"),
 *   including the apostrophe-less forms common in casual writing ("dont", "im", "cant");
 * - keeps negation words as tokens (see NEGATIONS) so n-grams like "not happy" survive;
 * - keeps every emoji as its own token (skin-tone and variation selectors removed) and maps
 *   common ASCII emoticons to stable tokens (":)" → "<smile>");
 * - keeps "!" and "?" (runs collapse to one) and "..." as tokens, drops other punctuation;
 * - collapses letters repeated 3+ times to two ("sooooo" → "soo");
 * - maps GoEmotions' masks and URLs to placeholder tokens ("<name>", "<religion>", "<url>").
 */

/** Words that flip the polarity of what follows them. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'nowhere', 'neither', 'nor', 'without', 'hardly', 'barely',
]);

const CLITIC_N_T: Record<string, string[]> = {
  "can't": ['can', 'not'],
  "won't": ['will', 'not'],
  "shan't": ['shall', 'not'],
  "ain't": ['is', 'not'],
};

/** Apostrophe-less contractions that are unambiguous in practice. */
const BARE_CONTRACTIONS: Record<string, string[]> = {
  dont: ['do', 'not'], doesnt: ['does', 'not'], didnt: ['did', 'not'], cant: ['can', 'not'], couldnt: ['could', 'not'],
  wouldnt: ['would', 'not'], shouldnt: ['should', 'not'], isnt: ['is', 'not'], arent: ['are', 'not'],
  wasnt: ['was', 'not'], werent: ['were', 'not'], havent: ['have', 'not'], hasnt: ['has', 'not'],
  hadnt: ['had', 'not'], aint: ['is', 'not'], wont: ['will', 'not'], im: ['i', 'am'], ive: ['i', 'have'],
  youre: ['you', 'are'], theyre: ['they', 'are'], thats: ['that', 'is'], whats: ['what', 'is'],
  idk: ['i', 'do', 'not', 'know'], dunno: ['do', 'not', 'know'],
};

const SUFFIXES: [string, string][] = [
  ["n't", 'not'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'m", 'am'],
  ["'d", 'would'],
];

const PRONOUN_IS = new Set(['it', 'that', 'what', 'there', 'here', 'he', 'she', 'who', 'where', 'how']);

const EMOTICONS: [RegExp, string][] = [
  [/(?:^|\s)(?:[:;=]-?[)\]]|\(-?[:;=]|:-?3)(?=\s|$)/g, ' <smile> '],
  [/(?:^|\s)[:;=]-?d+(?=\s|$)|(?:^|\s)xd+(?=\s|$)/g, ' <laugh> '],
  [/(?:^|\s)(?:[:;=]'?-?[(\[]|\)-?:|:'\()(?=\s|$)/g, ' <frown> '],
  [/(?:^|\s)[:;=]-?[p](?=\s|$)/g, ' <tongue> '],
  [/(?:^|\s)[:;=]-?[/\\](?=\s|$)/g, ' <unsure> '],
  [/(?:^|\s)<\/3(?=\s|$)/g, ' <brokenheart> '],
  [/(?:^|\s)<3+(?=\s|$)/g, ' <heart> '],
];

// Emoji presentation: pictographs (keep), and the modifiers we drop so "👍🏽" and "👍" are one token.
const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}]/gu;
// A word: letters/digits with inner apostrophes or hyphens; or an emoji; or ! ? runs; or an ellipsis.
const PIECE = /<[a-z]+>|[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*'?|\p{Extended_Pictographic}|[!?]+|\.{2,}|…/gu;

function expandWord(word: string, out: string[]): void {
  const bare = BARE_CONTRACTIONS[word];
  if (bare) {
    out.push(...bare);
    return;
  }
  if (word.includes("'")) {
    const fixed = CLITIC_N_T[word];
    if (fixed) {
      out.push(...fixed);
      return;
    }
    for (const [suffix, expansion] of SUFFIXES) {
      if (word.endsWith(suffix) && word.length > suffix.length) {
        out.push(word.slice(0, -suffix.length), expansion);
        return;
      }
    }
    if (word.endsWith("'s")) {
      const stem = word.slice(0, -2);
      if (stem === 'let') out.push('let', 'us');
      else if (PRONOUN_IS.has(stem)) out.push(stem, 'is');
      else out.push(stem); // possessive: the owner carries the meaning
      return;
    }
    const trimmed = word.replace(/'+$/, '').replace(/^'+/, '');
    if (trimmed) out.push(trimmed);
    return;
  }
  // Hyphenated words: keep the parts (GloVe knows "self" and "care" better than "self-care").
  if (word.includes('-')) {
    for (const part of word.split('-')) if (part) out.push(part);
    return;
  }
  out.push(word);
}

export function tokenize(text: string): string[] {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u201c\u201d]/g, '"');
  s = s.replace(/https?:\/\/\S+|www\.\S+/g, ' <url> ');
  s = s.replace(/\[name\](?:'s)?/g, ' <name> ').replace(/\[religion\](?:'s)?/g, ' <religion> ');
  for (const [re, token] of EMOTICONS) s = s.replace(re, token);
  s = s.replace(EMOJI_MODIFIERS, '');
  s = s.replace(/(\p{L})\1{2,}/gu, '$1$1');
  const out: string[] = [];
  for (const match of s.matchAll(PIECE)) {
    const piece = match[0];
    const first = piece.charAt(0);
    if (first === '!' || first === '?') out.push(piece.includes('?') ? '?' : '!');
    else if (first === '.' || first === '…') out.push('...');
    else if (first === '<' || EMOJI.test(piece)) out.push(piece);
    else expandWord(piece, out);
  }
  return out;
}
