/**
 * Reads a FIBO structured prompt into what the painter needs: the setting (metaphor families), time and weather,
 * where the light comes from, framing, mood and medium, and each object as a motif with a place and a size.
 * Everything is recognised by keywords, so prompts written by anyone (ours, Bria's, by hand) read the same way.
 */
import type { FiboObject, FiboStructuredPrompt } from '@studio/core/contracts';

export type Family =
  | 'ocean'
  | 'harbour'
  | 'lake'
  | 'forest'
  | 'room'
  | 'city'
  | 'sky'
  | 'mountain'
  | 'desert'
  | 'garden'
  | 'road'
  | 'river'
  | 'lighthouse'
  | 'field'
  | 'station'
  | 'winter';

const FAMILY_WORDS: readonly (readonly [Family, RegExp])[] = [
  ['room', /\b(room|interior|indoors|bedroom|kitchen|hallway|corridor|attic|living room|chamber|bathroom|office|classroom|library)\b/],
  ['harbour', /\b(harbou?r|marina|port|quay|pier|dock|jetty|wharf)\b/],
  ['ocean', /\b(ocean|sea|seas|waves?|surf|coast(al|line)?|shore(line)?|beach|bay|tide|horizon line over water|open water)\b/],
  ['lake', /\b(lake|pond|lagoon|still water|reservoir)\b/],
  ['lighthouse', /\b(lighthouse|beacon)\b/],
  ['station', /\b(train station|station|platform|railway|railroad|terminal)\b/],
  ['city', /\b(city|cities|urban|street|streets|town|downtown|rooftops?|skyline|buildings?|skyscrapers?|alley(way)?)\b/],
  ['forest', /\b(forest|woods?|woodland|grove|trees|pines|jungle|thicket|treeline)\b/],
  ['mountain', /\b(mountains?|peaks?|alpine|summit|ridges?|valley|cliffs?|hills?|highlands?)\b/],
  ['desert', /\b(desert|dunes?|sand|sands|arid|badlands|mesa)\b/],
  ['garden', /\b(garden|park|orchard|flower ?beds?|greenhouse|courtyard)\b/],
  ['road', /\b(road|highway|path|pathway|trail|lane|track|avenue|footpath)\b/],
  ['river', /\b(river|stream|creek|brook|canal|waterfall)\b/],
  ['winter', /\b(winter|snow(y|fall|field)?|ice|icy|frozen|frost|blizzard|glacier|tundra)\b/],
  ['field', /\b(field|meadow|prairie|plain|plains|farmland|grassland|pasture|steppe|wheat)\b/],
  ['sky', /\b(sky|skies|clouds?|heavens|cloudscape|atmosphere)\b/],
];

export type MotifKind =
  | 'lighthouse'
  | 'boat'
  | 'figure'
  | 'seated'
  | 'birds'
  | 'pine'
  | 'tree'
  | 'forest'
  | 'house'
  | 'window'
  | 'door'
  | 'lamp'
  | 'candle'
  | 'bench'
  | 'table'
  | 'mountain'
  | 'rock'
  | 'sun'
  | 'moon'
  | 'stars'
  | 'cloud'
  | 'flowers'
  | 'grass'
  | 'train'
  | 'building'
  | 'bridge'
  | 'road'
  | 'river'
  | 'wave'
  | 'kite'
  | 'umbrella'
  | 'fence'
  | 'animal'
  | 'wader'
  | 'bush'
  | 'tent'
  | 'box'
  | 'ripples'
  | 'car'
  | 'puddle'
  | 'sign'
  | 'motes'
  | 'chair'
  | 'orb';

/** First match wins: specific words before general ones ("lighthouse" before "house", "pine tree" before "tree"). */
const MOTIF_WORDS: readonly (readonly [MotifKind, RegExp])[] = [
  ['lighthouse', /\b(lighthouse|beacon tower)\b/],
  ['motes', /\b(motes?|dust|specks?|particles?|sparks?|embers|fireflies|pollen|confetti|seeds? drifting|drifting petals|falling petals)\b/],
  ['moon', /\b(moon|crescent|moonrise)\b/],
  ['sun', /\b(sun|sunrise|sunset|setting sun|rising sun)\b/],
  ['stars', /\b(stars?|starry|constellations?|milky way|starlight)\b/],
  ['kite', /\b(kite|balloon|hot[- ]air balloon)\b/],
  ['wader', /\b(herons?|cranes?|egrets?|storks?|flamingos?)\b/],
  ['birds', /\b(birds?|gulls?|seagulls?|crows?|swallows?|flock|geese|starlings?|murmuration|doves?|sparrows?|ravens?|owls?)\b/],
  ['boat', /\b(boats?|sailboats?|dinghy|canoe|kayak|rowboat|rowing boat|ships?|vessel|yacht|ferry|skiff|raft|barge)\b/],
  ['ripples', /\b(ripples?|rings on the water|circles on the water|gentle swell|lapping)\b/],
  ['car', /\b(car|truck|van|bus|taxi|jeep)\b/],
  ['puddle', /\b(puddles?|pools? of water|rock ?pools?)\b/],
  ['sign', /\b(signposts?|signs?|poles?|telegraph|mailbox|milestone|post)\b/],
  ['tent', /\b(tent|teepee|tipi)\b/],
  ['train', /\b(train|locomotive|carriages?|tram|railcar|wagon)\b/],
  ['umbrella', /\b(umbrella|parasol)\b/],
  [
    'figure',
    /\b(person|figure|figures|man|woman|child|children|kid|silhouette|walker|wanderer|travell?er|someone|girl|boy|people|couple|pair|hikers?|self|friends?|stranger|crowd|mother|father|musician|cyclist|scarecrow|dancer|swimmer|climber|fisherman|runner|commuters?|passengers?)\b/,
  ],
  ['animal', /\b(dogs?|cats?|deer|stag|horses?|fox|wolf|hare|rabbit|goat|sheep|cow|animal|kitten|puppy)\b/],
  ['window', /\b(windows?|skylight|window ?pane)\b/],
  ['door', /\b(door|doorway|archway|portal)\b/],
  ['candle', /\b(candles?|flame|match ?light)\b/],
  ['lamp', /\b(lamps?|lanterns?|street ?lights?|lamppost|lamp post|streetlamp|light bulb|fireflies)\b/],
  ['chair', /\b(chair|armchair|rocking chair|stool)\b/],
  ['bench', /\b(bench|seat|swing)\b/],
  ['table', /\b(table|desk|bed|sofa|couch|shelf|bookshelf)\b/],
  ['pine', /\b(pines?|pine trees?|firs?|spruces?|conifers?|evergreens?|cypress)\b/],
  ['forest', /\b(forest|woods|woodland|grove|treeline|thicket)\b/],
  ['tree', /\b(trees?|oaks?|willows?|birch(es)?|sapling|maple|branches|orchard)\b/],
  ['house', /\b(house|cabin|cottage|hut|home|barn|chapel|church|shelter|shed)\b/],
  ['building', /\b(buildings?|towers?|skyscrapers?|skyline|apartments?|rooftops?|city|facades?|blocks)\b/],
  ['bridge', /\b(bridge|arch|viaduct|footbridge)\b/],
  ['mountain', /\b(mountains?|peaks?|summit|volcano|hills?|ridge|cliffs?|mesa)\b/],
  ['rock', /\b(rocks?|stones?|boulders?|pebbles?|cairn|outcrop)\b/],
  ['cloud', /\b(clouds?|cloudbank|storm ?clouds?|fog bank|mist|thunderhead)\b/],
  ['flowers', /\b(flowers?|blooms?|blossoms?|roses?|tulips?|sunflowers?|wildflowers?|petals?|poppies|daisies|bouquet|plants?|seedlings?|sprouts?|buds?)\b/],
  ['grass', /\b(grass(es)?|reeds?|wheat|tall grass|meadow|field|rushes)\b/],
  ['wave', /\b(waves?|breakers?|breaking|whitecaps?|surf)\b/],
  ['river', /\b(river|stream|creek|brook|canal)\b/],
  ['road', /\b(road|path|pathway|trail|lane|street|highway|footpath|track)\b/],
  ['fence', /\b(fence|railing|posts|gate)\b/],
  ['bush', /\b(bush|bushes|shrubs?|hedges?|tumbleweed|thicket|brambles?|weeds|ivy|overgrowth)\b/],
  ['box', /\b(suitcase|box|boxes|crate|trunk|bag|luggage|parcel|letters?|books?|journal|paper|papers|notebooks?|can|bucket|birdbath|fountain|statue|well|clock|bell|mailbox|basket|cups?|mug|vase|bottle)\b/],
];

export interface Placed {
  kind: MotifKind;
  /** 0 = left edge … 1 = right edge. */
  x: number;
  /** 0 = at the horizon … 1 = the very front. */
  depth: number;
  /** Placed in the sky, at `skyY` (0 = top of the frame, 1 = the horizon). */
  inSky: boolean;
  skyY: number;
  /** Relative-size factor (1 = "medium"). */
  size: number;
  count: number;
  /** The first object: the one the camera is about. */
  subject: boolean;
  /** Emits its own light (a lit window, a lamp, a lighthouse lamp). */
  glows: boolean;
  /** The prompt put it up high ("upper left", "on the wall"): indoors it hangs on the wall. */
  placedHigh: boolean;
}

export type TimeOfDay = 'night' | 'dawn' | 'day' | 'dusk';
export type Ground = 'water' | 'grass' | 'sand' | 'snow' | 'street' | 'floor' | 'earth';
export type Medium = 'photo' | 'watercolor' | 'oil' | 'ink' | 'illustration';

export interface SceneReading {
  families: Set<Family>;
  interior: boolean;
  ground: Ground;
  time: TimeOfDay | null;
  sunVisible: boolean;
  moonVisible: boolean;
  starry: boolean;
  rain: number;
  snow: number;
  fog: number;
  clouds: number;
  storm: boolean;
  /** Where the light comes from: x 0..1 across, height 0 (horizon) … 1 (overhead); behind = backlit. */
  light: { x: number; height: number; behind: boolean };
  shadows: { strength: number; length: number; soft: boolean };
  composition: { horizonShift: number; tilt: number };
  lowAngle: boolean;
  highAngle: boolean;
  shallowFocus: boolean;
  softFocus: boolean;
  mood: { tension: number; haze: number; glow: number; calm: number };
  medium: Medium;
  objects: Placed[];
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();
const has = (text: string, re: RegExp) => re.test(text);

function objectText(o: FiboObject): string {
  return lower([o.description, o.shape_and_color, o.appearance_details, o.pose, o.action].filter(Boolean).join(' '));
}

function motifOf(o: FiboObject, indoors = false): MotifKind {
  const text = objectText(o);
  // The description names the thing; the other fields only help when it does not.
  const named = MOTIF_WORDS.find(([, re]) => re.test(lower(o.description))) ?? MOTIF_WORDS.find(([, re]) => re.test(text));
  if (named) {
    const kind = named[0];
    // Gentle water is ripples, not a breaking wave; a person sitting is drawn seated.
    if (kind === 'wave' && /\b(gentle|small|soft|calm|lapping|low|quiet|slow)\b/.test(text)) return 'ripples';
    if (kind === 'figure' && /\b(sitting|seated|sits|kneeling|crouching|curled)\b/.test(text)) return 'seated';
    return kind;
  }
  // Something the vocabulary does not know: a light if it glows, otherwise a quiet standing stone (a box indoors).
  return GLOWS.test(text) ? 'orb' : indoors ? 'box' : 'rock';
}

const GLOWS = /\b(glow\w*|lit|lamp|lantern|light(ed)?|luminous|candle|shining|bright|beacon|flame|ember|fireflies|spark\w*|orb)\b/;

const SIZES: readonly (readonly [RegExp, number])[] = [
  [/\b(tiny|minuscule|speck|very small)\b/, 0.45],
  [/\b(dominant|fills? the frame|towering|enormous|huge|massive|immense|very large|giant)\b/, 1.9],
  [/\b(small|little|modest)\b/, 0.7],
  [/\b(large|big|tall|prominent|wide)\b/, 1.4],
  [/\b(medium|moderate|mid-sized)\b/, 1],
];

function sizeOf(relative: string | undefined): number {
  const t = lower(relative);
  for (const [re, v] of SIZES) if (re.test(t)) return v;
  return 1;
}

function placeOf(location: string): { x?: number; depth?: number; skyY?: number } {
  const t = lower(location);
  let x: number | undefined;
  if (/\bfar[- ]left\b|\bleft edge\b/.test(t)) x = 0.12;
  else if (/\bfar[- ]right\b|\bright edge\b/.test(t)) x = 0.88;
  else if (/\bleft of (the )?cent(er|re)\b|\bcent(er|re)[- ]left\b/.test(t)) x = 0.38;
  else if (/\bright of (the )?cent(er|re)\b|\bcent(er|re)[- ]right\b/.test(t)) x = 0.62;
  else if (/\bleft\b/.test(t)) x = 0.26;
  else if (/\bright\b/.test(t)) x = 0.74;
  else if (/\b(cent(er|re|ered|red)|middle|central)\b/.test(t)) x = 0.5;

  let depth: number | undefined;
  if (/\b(foreground|front|near|bottom|lower|close)\b/.test(t)) depth = 0.82;
  else if (/\b(background|distance|distant|far|horizon|behind)\b/.test(t)) depth = 0.08;
  else if (/\b(mid(dle)?[- ]?ground|middle distance)\b/.test(t)) depth = 0.45;

  let skyY: number | undefined;
  if (/\b(upper|top|sky|above|overhead)\b/.test(t)) skyY = /\b(top|overhead)\b/.test(t) ? 0.18 : 0.3;
  return { x, depth, skyY };
}

/** Things that stand far off unless the prompt brings them near. */
const FAR_KINDS: Partial<Record<MotifKind, number>> = { mountain: 0.02, forest: 0.1, building: 0.12, bridge: 0.15 };

const SKY_KINDS: ReadonlySet<MotifKind> = new Set(['sun', 'moon', 'stars', 'birds', 'cloud', 'kite', 'motes']);

function countOf(o: FiboObject, kind: MotifKind): number {
  if (o.number_of_objects) return Math.min(12, o.number_of_objects);
  const t = objectText(o);
  if (/\b(two|pair|couple|both)\b/.test(t)) return 2;
  if (/\bthree\b/.test(t)) return 3;
  if (/\b(several|few|group|some)\b/.test(t)) return 4;
  if (/\b(many|flock|crowd|rows?|dozens|scattered|field of|cluster)\b/.test(t)) return 7;
  if (kind === 'birds') return 3;
  if (kind === 'flowers' || kind === 'grass') return 5;
  return 1;
}

export function readScene(prompt: FiboStructuredPrompt): SceneReading {
  // The short description's first sentence is the scene; later ones restate lighting, colour and framing, whose
  // words ("walls closing in", "open sky") are about the visual parameters, not the setting.
  const firstSentence = prompt.short_description.split(/(?<=[.!?])\s/)[0] ?? '';
  const setting = lower(`${prompt.background_setting} ${firstSentence}`);
  const objectsText = prompt.objects.map(objectText).join(' ');
  const all = `${setting} ${objectsText} ${lower(prompt.context)}`;
  const lightText = lower(`${prompt.lighting.conditions} ${prompt.lighting.direction}`);
  const shadowText = lower(prompt.lighting.shadows);
  const comp = lower(prompt.aesthetics.composition);
  const mood = lower(`${prompt.aesthetics.mood_atmosphere} ${prompt.artistic_style ?? ''}`);
  const photo = prompt.photographic_characteristics;
  const angle = lower(photo?.camera_angle);
  const focus = lower(`${photo?.depth_of_field ?? ''} ${photo?.focus ?? ''}`);
  const medium = lower(`${prompt.style_medium ?? ''} ${prompt.artistic_style ?? ''}`);

  const families = new Set<Family>();
  for (const [family, re] of FAMILY_WORDS) if (re.test(setting)) families.add(family);
  for (const [family, re] of FAMILY_WORDS) if (family !== 'room' && re.test(objectsText)) families.add(family);
  const interior = families.has('room') && !/\b(outdoors|open air)\b/.test(setting);

  const water = families.has('ocean') || families.has('harbour') || families.has('lake') || families.has('lighthouse');
  const ground: Ground = interior
    ? 'floor'
    : water && !/\b(beach|sand)\b/.test(setting.slice(0, 40))
      ? 'water'
      : families.has('desert')
        ? 'sand'
        : families.has('winter')
          ? 'snow'
          : families.has('city') || families.has('station')
            ? 'street'
            : families.has('field') || families.has('garden') || families.has('forest')
              ? 'grass'
              : water
                ? 'water'
                : 'earth';

  const time: TimeOfDay | null = has(lightText + setting, /\b(night|midnight|moonlit|moonlight|starlight|starry|nocturnal)\b/)
    ? 'night'
    : has(lightText + setting, /\b(dawn|sunrise|daybreak|first light|early morning)\b/)
      ? 'dawn'
      : has(lightText + setting, /\b(dusk|sunset|evening|twilight|golden hour|sundown|gloaming)\b/)
        ? 'dusk'
        : has(lightText, /\b(noon|midday|daylight|daytime|afternoon|morning|sunlit|sunny)\b/)
          ? 'day'
          : null;

  const weatherText = `${all} ${lightText} ${mood}`;
  const storm = has(weatherText, /\b(storm|stormy|thunder|tempest|gale|squall|lightning)\b/);
  const rain = has(weatherText, /\b(downpour|pouring|heavy rain|lashing rain)\b/)
    ? 1
    : has(weatherText, /\b(rain|rainy|raining|drizzle|showers?|wet)\b/)
      ? 0.6
      : storm
        ? 0.7
        : 0;
  const snow = has(weatherText, /\b(snow(ing|fall|flakes?)?|blizzard|flurr(y|ies))\b/) ? (/blizzard/.test(weatherText) ? 1 : 0.6) : 0;
  const fog = has(weatherText, /\b(thick fog|dense fog|heavy mist|whiteout)\b/)
    ? 0.9
    : has(weatherText, /\b(fog|foggy|mist|misty|haze|hazy|smoke|smoky|murk)\b/)
      ? 0.5
      : 0;
  const clouds = storm || has(weatherText, /\b(overcast|grey sky|gray sky|heavy clouds|cloud cover|leaden)\b/)
    ? 0.9
    : has(weatherText, /\b(clouds?|cloudy)\b/)
      ? 0.5
      : has(weatherText, /\b(clear sky|cloudless|clear)\b/)
        ? 0
        : 0.25;

  const objects = placeObjects(prompt.objects, comp, interior);
  const hasKind = (k: MotifKind) => objects.some((o) => o.kind === k);

  const direction = lower(prompt.lighting.direction);
  const behind = has(direction + lightText, /\b(backlit|back[- ]?light(ing)?|from behind|behind|contre[- ]?jour|silhouett)/);
  let lx = /\bleft\b/.test(direction) ? 0.2 : /\bright\b/.test(direction) ? 0.8 : 0.5;
  if (behind && !/\b(left|right)\b/.test(direction)) lx = objects[0]?.x ?? 0.5;
  const height = has(direction, /\b(overhead|above|top[- ]down|from above|high|zenith)\b/)
    ? 0.9
    : has(direction + lightText, /\b(low|raking|grazing|horizon|setting|rising|golden hour)\b/) || time === 'dawn' || time === 'dusk'
      ? 0.12
      : has(direction, /\bside\b/)
        ? 0.3
        : 0.5;

  const shadowStrength = has(shadowText, /\b(no shadows?|shadowless|without shadows?|none)\b/)
    ? 0
    : has(shadowText, /\b(deep|hard|harsh|strong|dark|crisp|sharp|heavy|bold)\b/)
      ? 0.85
      : has(shadowText, /\b(soft|faint|gentle|subtle|light|diffuse)\b/)
        ? 0.35
        : 0.5;

  return {
    families,
    interior,
    ground,
    time,
    sunVisible:
      hasKind('sun') ||
      (time !== 'night' && has(`${lightText} ${setting}`, /\b(sun|sunrise|sunset|setting sun|golden hour|sundown)\b/)),
    moonVisible: hasKind('moon') || (time === 'night' && !has(lightText, /\bmoonless\b/)),
    starry: hasKind('stars') || has(`${lightText} ${setting}`, /\b(stars?|starry|starlight|milky way)\b/),
    rain,
    snow,
    fog,
    clouds,
    storm,
    light: { x: lx, height, behind },
    shadows: {
      strength: shadowStrength,
      length: has(shadowText, /\b(long|stretching|elongated)\b/) ? 2.4 : has(shadowText, /\bshort\b/) ? 0.5 : 1,
      soft: !has(shadowText, /\b(hard|sharp|crisp)\b/),
    },
    composition: {
      horizonShift: /\blow horizon\b/.test(comp) ? 0.08 : /\bhigh horizon\b/.test(comp) ? -0.1 : 0,
      tilt: /\b(dutch|tilted|canted|askew|off[- ]kilter|slanted)\b/.test(`${comp} ${angle}`) ? 5 : 0,
    },
    lowAngle: /\b(low[- ]angle|worm'?s[- ]eye|from below|looking up)\b/.test(angle),
    highAngle: /\b(high[- ]angle|bird'?s[- ]eye|aerial|overhead|top[- ]down|from above|looking down)\b/.test(angle),
    shallowFocus: /\b(shallow|bokeh|f\/1\.[0-9]|f\/2(\.[0-9])?\b|blurred background|background blur)/.test(focus),
    softFocus: /\b(soft[- ]focus|dreamy|hazy|diffused|gauzy)\b/.test(`${focus} ${mood}`),
    mood: {
      tension: scoreWords(mood, /\b(tense|anxious|restless|uneasy|unsettl\w*|turbulent|chaotic|overwhelm\w*|agitated|frantic|ominous|foreboding|menacing|claustrophobic|nervous|disorient\w*|angry|furious|raging|volatile)\b/g),
      haze: scoreWords(mood, /\b(melanchol\w*|somber|sombre|lonely|wistful|nostalgic|hazy|muted|pensive|grief|mournful|heavy|quiet|dreamlike|confus\w*|uncertain|foggy)\b/g),
      glow: scoreWords(mood, /\b(hopeful|uplifting|joyful|radiant|warm|tender|dreamlike|ethereal|magical|awe|wonder|luminous|gentle|bright|golden)\b/g),
      calm: scoreWords(mood, /\b(calm|serene|peaceful|tranquil|still|quiet|gentle|restful|contemplative|meditative|soft)\b/g),
    },
    medium: /\b(watercolou?r|gouache|wash)\b/.test(medium)
      ? 'watercolor'
      : /\b(oil|painterly|impasto|acrylic|canvas|paint(ing|ed)?)\b/.test(medium)
        ? 'oil'
        : /\b(ink|charcoal|graphite|pencil|sketch|etching|woodcut|linocut)\b/.test(medium)
          ? 'ink'
          : /\b(photo\w*|film|cinematic|35mm|analog)\b/.test(medium)
            ? 'photo'
            : /\b(illustration|vector|flat|digital)\b/.test(medium)
              ? 'illustration'
              : 'photo',
    objects,
  };
}

function scoreWords(text: string, re: RegExp): number {
  return Math.min(1, (text.match(re)?.length ?? 0) / 2);
}

/** Objects' places: what the prompt says, else composition rules (thirds, centre) and spreading the rest around. */
function placeObjects(objects: readonly FiboObject[], comp: string, indoors: boolean): Placed[] {
  const thirds = /\bthirds\b/.test(comp);
  const placed: Placed[] = [];
  objects.forEach((o, i) => {
    const kind = motifOf(o, indoors);
    const where = placeOf(o.location);
    // Sky things stay in the sky unless the prompt puts them in the foreground; birds fly only when the prompt says so.
    const flying = /\b(fly\w*|flight|flies|soar\w*|sky|overhead|above|wheel\w*|circl\w*|tumbl\w*|glid\w*|migrat\w*|airborne|wings? spread)\b/.test(
      lower(`${o.description} ${o.location} ${o.relationship} ${o.action ?? ''}`),
    );
    const inSky =
      SKY_KINDS.has(kind) && !(where.skyY === undefined && (where.depth ?? 0) > 0.5) && (kind !== 'birds' || flying || where.skyY !== undefined);
    const subject = i === 0;
    const defaultX = subject ? (thirds ? 0.36 : 0.5) : [0.72, 0.24, 0.84, 0.14][(i - 1) % 4]!;
    placed.push({
      kind,
      x: where.x ?? defaultX,
      depth: where.depth ?? FAR_KINDS[kind] ?? (subject ? 0.55 : 0.3),
      inSky,
      skyY: where.skyY ?? (kind === 'birds' ? 0.35 : kind === 'cloud' ? 0.3 : 0.4),
      size: sizeOf(`${o.relative_size ?? ''}`),
      count: countOf(o, kind),
      subject,
      glows: GLOWS.test(objectText(o)) ||
        kind === 'lighthouse' ||
        kind === 'lamp' ||
        kind === 'candle',
      placedHigh: where.skyY !== undefined || /\bon the wall\b/.test(lower(`${o.location} ${o.relationship}`)),
    });
  });
  return placed;
}
