import { describe, expect, it } from 'vitest';
import { parseCsv, parsePythonStringList } from '../src/data/cssrs';
import { CORE_WEIGHT, RULE_FEATURES, RULES, evaluateRules, ruleFeatures } from '../src/crisis/rules';
import { normalizeForRules, sentenceSpans } from '../src/crisis/text';
import { MITIGATED_FLOOR, SHORT_MAX_FLAG_RATE, auc, tuneShortThreshold, tuneThresholds, type TuningUnit } from '../src/crisis/metrics';
import { decide, thresholdFor, toRisk } from '../src/crisis/model';

const fires = (text: string) => Math.max(...Object.values(evaluateRules(text).categories)) >= CORE_WEIGHT;
const reasons = (text: string) => evaluateRules(text).matches.map((m) => m.suppressed);

describe('crisis rules', () => {
  it('fire on explicit first-person statements', () => {
    expect(fires('I want to kill myself')).toBe(true);
    expect(fires("i dont want to be alive anymore")).toBe(true);
    expect(fires('I cut myself again last night')).toBe(true);
    expect(fires('The voices keep telling me to jump')).toBe(true);
    expect(evaluateRules('I want to stab him').categories.harm_to_others).toBeGreaterThanOrEqual(CORE_WEIGHT);
  });

  it('explain away negation, someone else, idioms, quotes and a resolved past', () => {
    expect(fires("I'm not going to kill myself, I'm just exhausted")).toBe(false);
    expect(reasons("I'm not going to kill myself")).toContain('negated');
    expect(fires('My sister told me she wants to die')).toBe(false);
    expect(reasons('My sister told me she wants to die')).toContain('someone_else');
    expect(fires('This deadline is killing me and I could kill for a coffee')).toBe(false);
    expect(fires('Cut myself shaving this morning')).toBe(false);
    expect(fires('"I hurt myself today" is the first line of that song')).toBe(false);
    expect(fires('When I was 16 I tried to kill myself. Today I am doing well.')).toBe(false);
    expect(reasons('When I was 16 I tried to kill myself.')).toContain('past_resolved');
  });

  it('reads negated lists, screening answers, side-effect leaflets and recovery anniversaries as safe', () => {
    expect(fires('Honestly I have no thoughts of dying or hurting myself, I am just heartbroken')).toBe(false);
    expect(fires('The nurse asked if I was having thoughts of harming myself and I said no, and meant it')).toBe(false);
    expect(fires('The nurse asked if I was having thoughts of harming myself and I said no. That was a lie.')).toBe(true);
    expect(fires('my counsellor asked if i had self harmed and i said no. lie. did it twice this week')).toBe(true);
    expect(fires("I'm going to hurt my flatmate for this and I am not speaking figuratively")).toBe(true);
    expect(fires('Urges to self-harm this week: none. Slept eight hours.')).toBe(false);
    expect(evaluateRules('I used to cut in college. Four years free of it now.').mitigated).toBe(true);
    expect(evaluateRules('used to cut and last night i started again').categories.self_harm).toBeGreaterThan(0);
    expect(evaluateRules('I used to cut hair on Saturdays').matches).toEqual([]);
    expect(fires('The pill box lists suicidal thoughts among the side effects, which is cheerful reading at breakfast')).toBe(false);
    expect(fires('Three yrs self-harm free today and I bought a cake')).toBe(false);
    expect(fires('Nine years after the spring I wanted to die. This morning I held my niece for the first time.')).toBe(false);
    expect(fires('I could strangle him with his own lanyard, honestly, the meeting ran an hour over')).toBe(false);
  });

  it('keeps the past live when it comes back, and the hedge is not a negation', () => {
    expect(fires('Years ago I wanted to die. This morning I wanted to die again')).toBe(true);
    expect(fires('I used to cut myself and last night I cut myself again')).toBe(true);
    expect(fires("I'm not sure I want to be alive anymore")).toBe(true);
    expect(fires("I can't stop thinking about killing myself")).toBe(true);
  });

  it('lets one weak sign inform but not decide, while distinct signs add up', () => {
    const risk = (t: string) => Math.max(...Object.values(evaluateRules(t).categories));
    expect(evaluateRules('Thank you for everything.').matches.length).toBe(1);
    expect(risk('Thank you for everything.')).toBeLessThan(CORE_WEIGHT);
    expect(risk('I feel hopeless at work.')).toBeLessThan(CORE_WEIGHT);
    expect(risk('I feel hopeless. I feel hopeless.')).toBeLessThan(CORE_WEIGHT);
    expect(risk('Sold my guitar. Paid off my credit card. Made my decision.')).toBeGreaterThanOrEqual(CORE_WEIGHT);
  });

  it('escalates plans and means only alongside crisis', () => {
    expect(evaluateRules('I have a plan and I will kill myself tonight').escalate || evaluateRules('I have a plan and I will kill myself tonight').escalateModifier).toBe(true);
    const hammock = evaluateRules('Bought a rope for the hammock');
    expect(Math.max(...Object.values(hammock.categories))).toBe(0);
  });

  it('mark text whose crisis words were all explained away as mitigated', () => {
    expect(evaluateRules('my brother wants to kill himself, she said she wants to die').mitigated).toBe(true);
    expect(evaluateRules('I want to die').mitigated).toBe(false);
    expect(evaluateRules('Lovely walk by the sea').mitigated).toBe(false);
    expect(evaluateRules('My brother cut himself again').mitigated).toBe(true);
  });

  it('encode their verdicts as a fixed-length feature vector', () => {
    const v = ruleFeatures(evaluateRules('I want to die'));
    expect(v.length).toBe(RULE_FEATURES);
    expect(v[RULES.findIndex((r) => r.id === 'ideation_want_die') * 2]).toBe(1);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});

describe('rule text preparation', () => {
  it('expands contractions and keeps sentence punctuation', () => {
    expect(normalizeForRules("I can't. I'm DONE, don't")).toBe('i can not. i am done, do not');
    expect(sentenceSpans('a b. c d!').length).toBe(2);
  });
});

describe('C-SSRS parsing', () => {
  it('parses Python list literals with both quote styles and escapes', () => {
    expect(parsePythonStringList(`['a, b', "it's", 'say \\'hi\\'']`)).toEqual({ items: ['a, b', "it's", "say 'hi'"], truncated: false });
  });
  it('keeps complete posts of a cut-off cell', () => {
    expect(parsePythonStringList(`['one', 'two', 'thr`)).toEqual({ items: ['one', 'two'], truncated: true });
  });
  it('parses RFC 4180 CSV with quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, ""y""","line\nbreak"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
    ]);
  });
});

describe('gate arithmetic', () => {
  it('maps the threshold to risk 0.5 monotonically', () => {
    expect(toRisk(0.2, 0.2)).toBeCloseTo(0.5);
    expect(toRisk(0.1, 0.2)).toBeLessThan(0.5);
    expect(toRisk(0.9, 0.2)).toBeGreaterThan(toRisk(0.5, 0.2));
    expect(toRisk(1, 0.2)).toBe(1);
  });
  it('needs the higher threshold when the rules explained the crisis words away, or the text is short', () => {
    const t = { model: 0.2, mitigated: 0.6, short: 0.4, shortTokens: 16 };
    expect(thresholdFor(t, { mitigated: false, tokens: 40 })).toBe(0.2);
    expect(thresholdFor(t, { mitigated: true, tokens: 40 })).toBe(0.6);
    expect(thresholdFor(t, { mitigated: false, tokens: 5 })).toBe(0.4);
    expect(thresholdFor({ ...t, short: 0.1 }, { mitigated: false, tokens: 5 })).toBe(0.2);
    expect(decide(0, 0.3, 0.2)).toBe(true);
    expect(decide(0.9, 0, 0.6)).toBe(true);
    expect(decide(0.2, 0.3, 0.6)).toBe(false);
  });
  it('sets the short-text threshold from the flag rate on short negatives', () => {
    const base = { model: 0.1, mitigated: 0.99, short: 0, shortTokens: 16 };
    const negatives = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const { short } = tuneShortThreshold(base, negatives);
    expect(negatives.filter((p) => p >= short).length).toBeLessThanOrEqual(1000 * SHORT_MAX_FLAG_RATE);
    expect(tuneShortThreshold(base, negatives.map(() => 0.01)).short).toBe(0.1);
  });
  it('computes AUC with ties', () => {
    expect(auc([{ score: 0.9, gold: true }, { score: 0.1, gold: false }])).toBe(1);
    expect(auc([{ score: 0.5, gold: true }, { score: 0.5, gold: false }])).toBe(0.5);
  });
  it('tunes thresholds for recall first, never letting the classifier overrule the rules cheaply', () => {
    const units: TuningUnit[] = [
      { gold: true, hardNegative: false, ruleCrisis: false, pPlain: 0.3, pMitigated: 0, pShort: 0 },
      { gold: true, hardNegative: false, ruleCrisis: true, pPlain: 0.01, pMitigated: 0, pShort: 0 },
      { gold: false, hardNegative: true, ruleCrisis: false, pPlain: 0, pMitigated: 0.95, pShort: 0 },
      { gold: false, hardNegative: false, ruleCrisis: false, pPlain: 0.1, pMitigated: 0, pShort: 0 },
    ];
    const r = tuneThresholds(units, 1);
    expect(r.recall).toBe(1);
    expect(r.hardNegativeFpr).toBe(0);
    expect(r.precision).toBe(1);
    expect(r.thresholds.model).toBeLessThanOrEqual(0.3);
    expect(r.thresholds.mitigated).toBeGreaterThan(0.95 - 1e-3);
    expect(tuneThresholds([units[0] as TuningUnit], 1).thresholds.mitigated).toBeGreaterThanOrEqual(MITIGATED_FLOOR);
  });
});

describe('crisis rules: subjects', () => {
  it('reads the subject a pattern names itself, not a pronoun earlier in the clause', () => {
    expect(evaluateRules("I know where he lives and I'm going to stab him").matches.find((m) => m.rule.id === 'others_intent')?.suppressed).toBeNull();
  });
});

describe('crisis rules: tense and quotation', () => {
  it('reads the present perfect as now, and an anniversary as the past', () => {
    expect(fires("Since the diagnosis I've thought every day about ending my life. I used to love my job.")).toBe(true);
    expect(fires('Ten years ago this week I was thinking about suicide most nights. I am doing well now.')).toBe(false);
  });
  it('only treats a quotation as someone else’s when someone else says it', () => {
    expect(fires('keep drafting a text: "if anything happens its not your fault ok"')).toBe(true);
    expect(fires('My brother texted "I want to kill myself" and I called him straight away')).toBe(false);
  });
  it('does not count an explained-away timeline as mitigation', () => {
    expect(evaluateRules('My friend is coming tomorrow.').mitigated).toBe(false);
  });
});
