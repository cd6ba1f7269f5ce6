/**
 * The scene safety filter: a scene must never depict means or sites of self-harm, whatever the
 * emotions, the intensity, the seed or the backend. Applied to every string of every generated
 * scene (bank or LLM); matching is on whole words, case-insensitive.
 */
import type { Scene } from '@studio/core';

/** Grouped for review; each entry is a regular-expression source matched on word boundaries. */
export const UNSAFE_TERMS: Readonly<Record<string, readonly string[]>> = {
  ligatures: ['ropes?', 'nooses?', 'hang(s|ing|ed)?', 'hung', 'gallows', 'ligatures?', 'cords?', 'cables?', 'belts?'],
  blades: ['blades?', 'knife', 'knives', 'razors?', 'scalpels?', 'scissors', 'daggers?', 'swords?', 'axes?', 'shards?', 'broken glass', 'box cutters?'],
  medication: [
    'pills?',
    'tablets?',
    'capsules?',
    'medications?',
    'medicines?',
    'painkillers?',
    'prescriptions?',
    'overdos(e|es|ed|ing)',
    'poison(s|ed|ous)?',
    'syringes?',
    'needles?',
  ],
  weapons: ['weapons?', 'guns?', 'pistols?', 'rifles?', 'shotguns?', 'firearms?', 'revolvers?', 'bullets?', 'ammunition'],
  heights: [
    'ledges?',
    'cliffs?',
    'cliff-?tops?',
    'precipices?',
    'rooftops?',
    'roof edges?',
    'balcon(y|ies)',
    'parapets?',
    'railings?',
    'bridges?',
    'overpass(es)?',
    'viaducts?',
    'high windows?',
    'sheer drops?',
    'steep drops?',
    'top of (a|the) (tall )?(building|tower|skyscraper)',
    'drop-offs?',
    'abyss(es)?',
    'edge of (the|a) (roof|building|tower|platform|drop)',
  ],
  rail: ['rails?', 'railways?', 'railroads?', 'tracks?', 'platforms?', '(oncoming|approaching|speeding) trains?'],
  traffic: ['(oncoming|speeding) (traffic|cars?|trucks?|lorr(y|ies))'],
  injury: ['blood(y|ied)?', 'bleed(s|ing)?', 'wounds?', 'wounded', 'scars?', 'scarred', 'cuts?', 'cutting', 'slit', 'slash(es|ed|ing)?', 'bruises?'],
  death: [
    'suicid(e|al)',
    'self-harm',
    'kill(s|ed|ing)?',
    'dead',
    'death',
    'dying',
    'corpses?',
    'graves?',
    'gravestones?',
    'coffins?',
    'tombs?',
    'skulls?',
    'bones',
    'drown(s|ed|ing)?',
    'jump(s|ed|ing)?',
    'leap(s|t|ed|ing)?',
    'plung(e|es|ed|ing)',
    'fall(s|ing)? from',
  ],
  other_means: ['gasoline', 'petrol', 'lighter fluid', 'charcoal', 'exhaust fumes', 'car exhaust', 'hoses?', 'plastic bags?'],
};

const PATTERNS: readonly { group: string; re: RegExp }[] = Object.entries(UNSAFE_TERMS).flatMap(([group, terms]) =>
  terms.map((t) => ({ group, re: new RegExp(`(?<![\\w-])${t}(?![\\w-])`, 'i') })),
);

/** The unsafe terms found in a text, as matched. */
export function findUnsafe(text: string): string[] {
  const found: string[] = [];
  for (const { re } of PATTERNS) {
    const m = re.exec(text);
    if (m) found.push(m[0]);
  }
  return found;
}

/** Every piece of text a scene carries (metaphor, background, weather, light, motion, every object field). */
export function sceneTexts(scene: Pick<Scene, 'metaphor' | 'background_setting' | 'objects'> & Partial<Scene>): string[] {
  const texts = [scene.metaphor, scene.background_setting, scene.weather, scene.light, scene.motion, scene.family];
  for (const o of scene.objects) for (const v of Object.values(o)) if (typeof v === 'string') texts.push(v);
  return texts.filter((t): t is string => typeof t === 'string');
}

export function unsafeTermsInScene(scene: Parameters<typeof sceneTexts>[0]): string[] {
  return sceneTexts(scene).flatMap(findUnsafe);
}

export function isSceneSafe(scene: Parameters<typeof sceneTexts>[0]): boolean {
  return unsafeTermsInScene(scene).length === 0;
}
