/**
 * Composes the SVG scene, back to front: sky and its light, stars and clouds, the far land (atmospheric perspective),
 * the ground (sea, fields, dunes, snow, street, floor), roads and rivers, the objects in depth order with shadows or
 * reflections, an interior's walls and windows, weather, light rays, framing, vignette and grain.
 * A 1000×1000 viewBox; the rasteriser scales it to the requested size.
 */
import type { FiboStructuredPrompt, VisualParams } from '@studio/core/contracts';
import { hex, lch, mix, type Lab } from './color';
import { drawMotif, MOTIF_HALF_WIDTH, MOTIF_HEIGHT, type MotifStyle } from './motifs';
import { FAMILY_TINT, makePalette, type Palette } from './palette';
import { between, hashString, rng, type Rng } from '@studio/core/random';
import { readScene, type Placed, type SceneReading } from './read';

const W = 1000;
const n = (v: number) => (Math.round(v * 10) / 10).toString();
const clamp = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

/** Reference scale: pixels per motif unit for a "medium" object at mid depth, before the camera. */
const REF = 250;

interface Ctx {
  s: SceneReading;
  v: VisualParams;
  pal: Palette;
  seed: number;
  hy: number;
  sun: { x: number; y: number };
  hazeK: number;
  layer: (name: string) => Rng;
}

/**
 * @param size output width in pixels: the grain tile is laid at one tile pixel per output pixel, so the grain looks
 *   the same at every size instead of aliasing into speckle on small renders.
 */
export function composeScene(prompt: FiboStructuredPrompt, v: VisualParams, seed: number, grainHref: string, size: number): string {
  const s = readScene(prompt);
  const tintFamily = [...s.families].find((f) => f !== 'sky' && f !== 'room') ?? [...s.families][0];
  const pal = makePalette(v, tintFamily === undefined ? undefined : FAMILY_TINT[tintFamily]);
  // Each layer has its own random stream, so adding an object never moves the stars or the clouds.
  const layer = (name: string) => rng(hashString(name) ^ Math.imul(seed + 1, 0x9e3779b1));
  const angle = (s.lowAngle ? 0.08 : 0) - (s.highAngle ? 0.16 : 0);
  const hy = W * clamp(0.5 + 0.27 * v.openness + s.composition.horizonShift + angle, 0.3, 0.8);
  const sunHeight = s.time === 'night' ? Math.max(0.55, s.light.height) : s.light.height;
  const sun = {
    x: W * (s.light.behind && !s.sunVisible ? 0.5 : s.light.x),
    y: hy - sunHeight * (hy - 70) - 18,
  };
  const celestial = s.objects.find((o) => o.kind === 'sun' || o.kind === 'moon');
  if (celestial) {
    sun.x = W * celestial.x;
    sun.y = Math.min(hy - 40, hy * celestial.skyY + 20);
  }
  const ctx: Ctx = { s, v, pal, seed, hy, sun, hazeK: clamp(0.45 + 0.4 * s.fog + 0.15 * s.mood.haze), layer };

  const defs = gradients(ctx);
  const body = [
    sky(ctx),
    stars(ctx),
    celestialBodies(ctx),
    clouds(ctx),
    farLand(ctx),
    ground(ctx),
    groundFeatures(ctx),
    // Indoors the weather is outside: drawn first, the wall hides it but for the windows.
    ...(s.interior ? [weather(ctx), interior(ctx)] : [objects(ctx, s.objects), weather(ctx)]),
    rays(ctx),
    framing(ctx),
  ].join('');
  const tilt = s.composition.tilt;
  const scene = tilt ? `<g transform="rotate(${tilt} 500 500) translate(500 500) scale(1.12) translate(-500 -500)">${body}</g>` : body;

  // Specks read as noise, not grain, on near-black pictures: thin the grain in the dark.
  const grain = grainAmount(s) * (0.45 + 0.55 * Math.min(1, v.light_level * 2));
  const grainTile = (128 * W * (s.medium === 'watercolor' ? 3 : 1)) / size;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${W}" width="${W}" height="${W}">` +
    `<defs>${defs}<pattern id="grain" patternUnits="userSpaceOnUse" width="${n(grainTile)}" height="${n(grainTile)}"><image href="${grainHref}" width="${n(grainTile)}" height="${n(grainTile)}"/></pattern></defs>` +
    scene +
    // The vignette only darkens outside its inner ellipse, so only that ring is painted.
    `<path d="M0,0 H${W} V${W} H0 Z M500,130 A370,370 0 1 0 500.1,130 Z" fill="url(#vignette)" fill-rule="evenodd"/>` +
    `<rect width="${W}" height="${W}" fill="url(#grain)" opacity="${n(grain)}"/>` +
    `</svg>`;
  return svg;
}

function grainAmount(s: SceneReading): number {
  const medium = { photo: 0.08, watercolor: 0.12, oil: 0.09, ink: 0.1, illustration: 0.04 }[s.medium];
  return clamp(medium + 0.07 * s.mood.tension - 0.03 * s.mood.calm, 0.03, 0.2);
}

function gradients(c: Ctx): string {
  const { pal, hy, v } = c;
  const vignette = 0.28 + 0.3 * (1 - v.openness) + 0.1 * c.s.mood.tension;
  return (
    `<linearGradient id="sky" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="0" y2="${n(hy)}">` +
    `<stop offset="0" stop-color="${pal.skyTop}"/><stop offset="0.55" stop-color="${pal.skyMid}"/><stop offset="1" stop-color="${pal.horizon}"/></linearGradient>` +
    `<radialGradient id="sunGlow"><stop offset="0" stop-color="${pal.sun}" stop-opacity="0.95"/><stop offset="0.25" stop-color="${pal.sun}" stop-opacity="0.45"/><stop offset="1" stop-color="${pal.sun}" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="glowGrad"><stop offset="0" stop-color="${pal.glow}" stop-opacity="0.9"/><stop offset="0.3" stop-color="${pal.glow}" stop-opacity="0.35"/><stop offset="1" stop-color="${pal.glow}" stop-opacity="0"/></radialGradient>` +
    `<linearGradient id="beamGrad" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${pal.glow}" stop-opacity="0"/><stop offset="1" stop-color="${pal.glow}" stop-opacity="0.8"/></linearGradient>` +
    `<radialGradient id="cloudGrad"><stop offset="0" stop-color="${pal.cloud}" stop-opacity="0.85"/><stop offset="0.6" stop-color="${pal.cloud}" stop-opacity="0.45"/><stop offset="1" stop-color="${pal.cloud}" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="cloudDark"><stop offset="0" stop-color="${pal.cloudShade}" stop-opacity="0.9"/><stop offset="0.6" stop-color="${pal.cloudShade}" stop-opacity="0.5"/><stop offset="1" stop-color="${pal.cloudShade}" stop-opacity="0"/></radialGradient>` +
    `<linearGradient id="fogBand" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${pal.horizon}" stop-opacity="0"/><stop offset="0.5" stop-color="${pal.horizon}" stop-opacity="1"/><stop offset="1" stop-color="${pal.horizon}" stop-opacity="0"/></linearGradient>` +
    `<radialGradient id="vignette" gradientUnits="userSpaceOnUse" cx="500" cy="500" r="750"><stop offset="0.5" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="${n(vignette)}"/></radialGradient>`
  );
}

function sky(c: Ctx): string {
  const { pal, hy, sun, s } = c;
  const glowR = 300 + 160 * c.v.light_level + 60 * s.mood.glow;
  const glowOpacity = clamp(0.32 + 0.35 * c.v.light_level + 0.2 * s.mood.glow - 0.15 * s.clouds);
  return (
    `<rect width="${W}" height="${n(hy + 2)}" fill="url(#sky)"/>` +
    `<circle cx="${n(sun.x)}" cy="${n(sun.y)}" r="${n(glowR)}" fill="url(#sunGlow)" opacity="${n(glowOpacity)}"/>` +
    // A low band of light along the horizon: where the sky is brightest in every real dusk or dawn.
    `<rect y="${n(hy - 130)}" width="${W}" height="200" fill="url(#fogBand)" opacity="${n(0.35 + 0.2 * pal.light)}"/>`
  );
}

function stars(c: Ctx): string {
  const { s, pal, hy } = c;
  const night = s.time === 'night' || s.starry;
  if (!night || pal.darkness < 0.05) return '';
  const r = c.layer('stars');
  const count = Math.round((s.starry ? 160 : 110) * pal.darkness * (1 - 0.7 * s.clouds));
  let d = '';
  let bright = '';
  for (let i = 0; i < count; i++) {
    const x = r() * W;
    const y = r() ** 1.6 * (hy - 40);
    const rad = between(r, 0.6, 1.5);
    const seg = `M${n(x - rad)},${n(y)}a${n(rad)},${n(rad)} 0 1 0 ${n(2 * rad)},0a${n(rad)},${n(rad)} 0 1 0 ${n(-2 * rad)},0`;
    if (r() < 0.15) bright += seg;
    else d += seg;
  }
  return (
    `<path d="${d}" fill="#fff" opacity="${n(0.45 * pal.darkness + 0.1)}"/>` +
    `<path d="${bright}" fill="#fff" opacity="${n(0.8 * pal.darkness + 0.15)}"/>`
  );
}

function celestialBodies(c: Ctx): string {
  const { s, pal, sun } = c;
  const obj = s.objects.find((o) => o.kind === 'sun' || o.kind === 'moon');
  const size = obj ? obj.size : 1;
  let out = '';
  const hidden = s.clouds > 0.8 || s.fog > 0.8;
  if (s.moonVisible && (s.time === 'night' || obj?.kind === 'moon')) {
    const r = 30 * size;
    const moon = hex(mix(lch(0.95, 0.03, 90), c.pal.horizonLab, 0.2));
    out +=
      `<circle cx="${n(sun.x)}" cy="${n(sun.y)}" r="${n(r * 4)}" fill="url(#sunGlow)" opacity="0.35"/>` +
      `<path d="M${n(sun.x)},${n(sun.y - r)} A${n(r)},${n(r)} 0 1 0 ${n(sun.x)},${n(sun.y + r)} A${n(r * 0.72)},${n(r)} 0 1 1 ${n(sun.x)},${n(sun.y - r)} Z" fill="${moon}" opacity="${hidden ? 0.4 : 0.95}" transform="rotate(-25 ${n(sun.x)} ${n(sun.y)})"/>`;
  } else if (s.sunVisible && !hidden) {
    const r = 34 * size * (s.light.height < 0.2 ? 1.25 : 1);
    out +=
      `<circle cx="${n(sun.x)}" cy="${n(sun.y)}" r="${n(r * 2.4)}" fill="url(#sunGlow)" opacity="0.8"/>` +
      `<circle cx="${n(sun.x)}" cy="${n(sun.y)}" r="${n(r)}" fill="${pal.sun}" opacity="0.92"/>`;
  }
  return out;
}

function cloudBank(r: Rng, cx: number, cy: number, width: number, fill: string, opacity: number): string {
  let out = '';
  const puffs = 5 + Math.floor(r() * 4);
  for (let i = 0; i < puffs; i++) {
    const x = cx + between(r, -0.5, 0.5) * width;
    const y = cy + between(r, -0.25, 0.15) * width * 0.35;
    out += `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(between(r, 0.25, 0.5) * width)}" ry="${n(between(r, 0.08, 0.16) * width)}"/>`;
  }
  return `<g fill="${fill}" opacity="${n(opacity)}">${out}</g>`;
}

function clouds(c: Ctx): string {
  const { s, hy } = c;
  const r = c.layer('clouds');
  const objectClouds = s.objects.filter((o) => o.kind === 'cloud');
  const banks = Math.round(1 + s.clouds * 6) + objectClouds.length;
  let out = '';
  for (let i = 0; i < banks; i++) {
    const o = objectClouds[i];
    const cx = o ? o.x * W : between(r, -50, W + 50);
    const cy = o ? hy * o.skyY : between(r, 0.12, 0.85) * hy;
    const width = (o ? 300 * o.size : between(r, 180, 420)) * (0.7 + 0.6 * (1 - cy / hy));
    const dark = s.storm || (s.clouds > 0.8 && r() < 0.5);
    out += cloudBank(r, cx, cy, width, dark ? 'url(#cloudDark)' : 'url(#cloudGrad)', between(r, 0.45, 0.85));
  }
  return out;
}

/** A ridge line across the frame: smooth sine swells for hills, or midpoint displacement for mountain ranges. */
function ridge(r: Rng, base: number, amplitude: number, roughness: number, peaky = false): string {
  let heights: number[];
  if (peaky) {
    // Midpoint displacement: each halving of the span adds detail at a smaller amplitude, as real ridgelines do.
    const count = 65;
    heights = new Array<number>(count).fill(0);
    heights[0] = r();
    heights[count - 1] = r();
    let scale = 1.1 * roughness;
    for (let step = count - 1; step > 1; step /= 2) {
      for (let i = step / 2; i < count; i += step) {
        heights[i] = (heights[i - step / 2]! + heights[i + step / 2]!) / 2 + (r() - 0.5) * scale;
      }
      scale *= 0.55;
    }
    const lo = Math.min(...heights);
    const hi = Math.max(...heights);
    heights = heights.map((h) => (h - lo) / (hi - lo || 1));
  } else {
    const waves = [0, 1, 2].map((k) => ({ f: (k + 1) * between(r, 0.8, 1.5) * roughness, p: r() * 6.28, a: 1 / (k + 1) ** 1.3 }));
    const total = waves.reduce((a, w) => a + w.a, 0);
    heights = Array.from({ length: 51 }, (_, i) => waves.reduce((h, w) => h + w.a * (0.5 + 0.5 * Math.sin((i / 50) * w.f * 6.28 + w.p)), 0) / total);
  }
  // Closed just below the horizon: the ground covers the rest, and painting it twice costs a fifth of a render.
  const step = W / (heights.length - 1);
  let d = `M0,${n(base + 8)} L0,${n(base)}`;
  heights.forEach((h, i) => {
    d += ` L${n(i * step)},${n(base - amplitude * h)}`;
  });
  return `${d} L${W},${n(base + 8)} Z`;
}

function hazed(c: Ctx, color: Lab, depth: number): string {
  return hex(mix(color, c.pal.haze, (1 - depth) * c.hazeK));
}

function farLand(c: Ctx): string {
  const { s, hy, pal } = c;
  const r = c.layer('far');
  const blur = s.shallowFocus || s.softFocus ? ' filter="url(#soft)"' : '';
  const filter = blur ? `<filter id="soft" x="-5%" y="-20%" width="110%" height="140%"><feGaussianBlur stdDeviation="${s.shallowFocus ? 5 : 3}"/></filter>` : '';
  let out = '';
  const waterOnly = s.ground === 'water' && !s.families.has('mountain') && !s.families.has('city');
  if (s.families.has('mountain')) {
    out += `<path d="${ridge(r, hy + 4, 300, 1, true)}" fill="${hazed(c, pal.far, 0)}"/>`;
    out += `<path d="${ridge(r, hy + 4, 170, 1.2, true)}" fill="${hazed(c, pal.mid, 0.25)}"/>`;
  } else if (s.families.has('city') || s.families.has('station')) {
    let d = '';
    let x = -10;
    while (x < W) {
      const w = between(r, 30, 80);
      const h = between(r, 40, 160) * (s.families.has('city') ? 1 : 0.6);
      d += `M${n(x)},${n(hy + 2)} L${n(x)},${n(hy - h)} L${n(x + w)},${n(hy - h)} L${n(x + w)},${n(hy + 2)} Z `;
      x += w + between(r, 0, 12);
    }
    out += `<path d="${d}" fill="${hazed(c, pal.far, 0.05)}"/>`;
  } else if (s.families.has('desert')) {
    out += `<path d="${ridge(r, hy + 4, 50, 0.7)}" fill="${hazed(c, pal.far, 0.1)}"/>`;
  } else if (!waterOnly) {
    out += `<path d="${ridge(r, hy + 4, 70, 0.9)}" fill="${hazed(c, pal.far, 0)}"/>`;
  } else if (s.families.has('harbour') || s.families.has('lighthouse')) {
    const left = r() < 0.5;
    out += `<path d="M${left ? 0 : W},${n(hy + 2)} L${left ? 0 : W},${n(hy - 40)} Q${left ? 180 : W - 180},${n(hy - 50)} ${left ? 320 : W - 320},${n(hy + 2)} Z" fill="${hazed(c, pal.far, 0.05)}"/>`;
  }
  if (s.families.has('forest')) {
    let d = '';
    for (let x = -10; x < W + 20; x += between(r, 14, 26)) {
      const h = between(r, 40, 95);
      d += `M${n(x)},${n(hy + 4)} L${n(x + h * 0.22)},${n(hy - h)} L${n(x + h * 0.44)},${n(hy + 4)} Z `;
    }
    out += `<path d="${d}" fill="${hazed(c, pal.mid, 0.2)}"/>`;
  }
  return out ? `${filter}<g${blur}>${out}</g>` : '';
}

function ground(c: Ctx): string {
  const { s, pal, hy, sun, v } = c;
  const r = c.layer('ground');
  const gid = `<linearGradient id="ground" gradientUnits="userSpaceOnUse" x1="0" y1="${n(hy)}" x2="0" y2="${W}">`;
  if (s.ground === 'water') {
    const far = hex(mix(pal.horizonLab, pal.mid, 0.25));
    const near = hex(mix(pal.near, pal.silhouette, 0.3));
    let waves = '';
    const lines = Math.round(26 + 40 * s.mood.tension + 20 * s.rain);
    for (let i = 0; i < lines; i++) {
      const t = (i + r()) / lines;
      const y = hy + (W - hy) * t ** 1.8;
      const len = (20 + 140 * t) * between(r, 0.5, 1.4);
      const x = r() * W;
      const lift = 0.8 + 0.6 * s.mood.tension;
      waves += `M${n(x)},${n(y)} q${n(len / 2)},${n(-3 * lift * (0.3 + t))} ${n(len)},0 `;
    }
    return (
      `<defs>${gid}<stop offset="0" stop-color="${far}"/><stop offset="1" stop-color="${near}"/></linearGradient>` +
      `</defs>` +
      `<rect y="${n(hy)}" width="${W}" height="${n(W - hy)}" fill="url(#ground)"/>` +
      glitter(c, r) +
      `<path d="${waves}" stroke="${pal.horizon}" stroke-width="1.6" fill="none" opacity="0.35"/>` +
      `<path d="${waves.replace(/M([\d.]+),([\d.]+)/g, (_m, x: string, y: string) => `M${x},${n(Number(y) + 3)}`)}" stroke="${hex(pal.silhouette)}" stroke-width="1.4" fill="none" opacity="0.25"/>` +
      shore(c) +
      (c.s.families.has('harbour') ? pier(c) : '')
    );
  }
  const tint: Record<string, Lab> = {
    sand: mix(pal.mid, lch(0.8, 0.06, 70), 0.25),
    snow: mix(pal.horizonLab, lch(0.97, 0.01, 250), 0.25),
    street: mix(pal.near, pal.silhouette, 0.2),
    floor: pal.near,
    grass: mix(pal.mid, lch(pal.mid.L, 0.06, 130), 0.3),
    earth: pal.mid,
  };
  const base = tint[s.ground] ?? pal.mid;
  const farColor = hex(mix(base, pal.horizonLab, s.ground === 'snow' ? 0.3 : 0.45));
  const nearColor = hex(s.ground === 'snow' ? mix(base, pal.near, 0.35) : mix(base, pal.silhouette, 0.45));
  let texture = '';
  if (s.ground === 'sand' || s.ground === 'grass' || s.ground === 'earth' || s.ground === 'snow') {
    // Rolling swells of land, lit on their upper edge.
    for (let i = 0; i < 3; i++) {
      const y = hy + (W - hy) * (0.25 + i * 0.25);
      const cx = between(r, 0.1, 0.9) * W;
      texture += `<ellipse cx="${n(cx)}" cy="${n(y + 60)}" rx="${n(between(r, 320, 520))}" ry="${n(60 + i * 20)}" fill="${hex(mix(base, pal.horizonLab, 0.2))}" opacity="${n(0.3 - i * 0.05)}"/>`;
    }
  }
  if (s.ground === 'grass' || s.ground === 'earth') {
    let d = '';
    for (let i = 0; i < 90; i++) {
      const t = r() ** 0.6;
      const y = hy + (W - hy) * (0.5 + 0.5 * t);
      const x = r() * W;
      const h = 6 + 22 * t;
      d += `M${n(x)},${n(y)} q2,${n(-h / 2)} ${n(between(r, -6, 6))},${n(-h)} `;
    }
    texture += `<path d="${d}" stroke="${hex(pal.silhouette)}" stroke-width="1.5" fill="none" opacity="0.35"/>`;
  }
  if (s.ground === 'street') {
    let d = '';
    for (let i = -6; i <= 6; i++) d += `M500,${n(hy)} L${500 + i * 220},${W} `;
    texture += `<path d="${d}" stroke="${pal.horizon}" stroke-width="1.2" opacity="0.12"/>`;
  }
  return (
    `<defs>${gid}<stop offset="0" stop-color="${farColor}"/><stop offset="1" stop-color="${nearColor}"/></linearGradient></defs>` +
    `<rect y="${n(hy)}" width="${W}" height="${n(W - hy)}" fill="url(#ground)"/>${texture}`
  );
}

/** A harbour's wooden pier reaching into the water from one side, posts reflected below it. */
function pier(c: Ctx): string {
  const r = c.layer('pier');
  const left = r() < 0.5;
  const y = c.hy + (W - c.hy) * 0.45;
  const x0 = left ? -10 : W + 10;
  const x1 = left ? between(r, 380, 520) : W - between(r, 380, 520);
  const fill = hex(mix(c.pal.silhouette, c.pal.haze, 0.15));
  let posts = '';
  for (let i = 0; i <= 6; i++) {
    const x = x0 + ((x1 - x0) * i) / 6;
    posts += `<rect x="${n(x - 4)}" y="${n(y)}" width="8" height="36"/>`;
  }
  return `<g fill="${fill}"><path d="M${n(x0)},${n(y - 10)} L${n(x1)},${n(y - 4)} L${n(x1)},${n(y + 4)} L${n(x0)},${n(y + 6)} Z"/>${posts}</g>`;
}

/** The light's path on water: short bright dashes under the light, widening and thinning toward the viewer. */
function glitter(c: Ctx, r: Rng): string {
  const { hy, sun, v } = c;
  let d = '';
  const count = 70;
  for (let i = 0; i < count; i++) {
    const t = r();
    const y = hy + 2 + (W - hy) * t ** 1.5;
    const spread = 10 + (70 + 110 * v.light_level) * t;
    const x = sun.x + between(r, -1, 1) * spread;
    const len = 4 + 40 * t * r();
    d += `M${n(x - len / 2)},${n(y)} h${n(len)} `;
  }
  return `<path d="${d}" stroke="${c.pal.sun}" stroke-width="2" stroke-linecap="round" opacity="${n(0.2 + 0.5 * v.light_level)}"/>`;
}

/** A near shore for figures and trees standing by the sea (boats and lighthouses need none). */
function shore(c: Ctx): string {
  if (!needsShore(c.s)) return '';
  const r = c.layer('shore');
  const top = shoreTop(c);
  const left = c.s.objects.filter((o) => !onWater(o)).reduce((a, o) => a + o.x, 0) < 0.5 * c.s.objects.filter((o) => !onWater(o)).length;
  const edge = left ? between(r, 0.55, 0.75) * W : between(r, 0.25, 0.45) * W;
  const fill = hex(mix(c.pal.mid, c.pal.near, 0.6));
  return left
    ? `<path d="M0,${W} L0,${n(top - 10)} Q${n(edge * 0.6)},${n(top - 18)} ${n(edge)},${n(top + 30)} Q${n(edge + 80)},${n(top + 90)} ${n(edge + 200)},${W} Z" fill="${fill}"/>`
    : `<path d="M${W},${W} L${W},${n(top - 10)} Q${n(edge + (W - edge) * 0.4)},${n(top - 18)} ${n(edge)},${n(top + 30)} Q${n(edge - 80)},${n(top + 90)} ${n(edge - 200)},${W} Z" fill="${fill}"/>`;
}

const onWater = (o: Placed) =>
  o.kind === 'boat' || o.kind === 'wave' || o.kind === 'lighthouse' || o.kind === 'ripples' || o.kind === 'wader' || o.inSky;
const needsShore = (s: SceneReading) => s.ground === 'water' && s.objects.some((o) => !onWater(o) && o.kind !== 'road' && o.kind !== 'river');
const shoreTop = (c: Ctx) => c.hy + (W - c.hy) * 0.55;

function groundFeatures(c: Ctx): string {
  const { s, pal, hy } = c;
  if (s.interior || s.ground === 'water') return '';
  const road = s.families.has('road') || s.objects.some((o) => o.kind === 'road');
  const river = s.families.has('river') || s.objects.some((o) => o.kind === 'river');
  const r = c.layer('path');
  let out = '';
  // A road or river: narrow at its vanishing point, wide at the frame's bottom, both edges bending the same way.
  const path = (vx: number, width: number, fill: string, opacity: number) => {
    const bend = between(r, -160, 160);
    const left = 500 - width + bend * 0.4;
    const right = 500 + width + bend * 0.4;
    const midY = (hy + W) / 2;
    return `<path d="M${n(vx - 3)},${n(hy)} Q${n((vx + left) / 2 + bend)},${n(midY)} ${n(left)},${W} L${n(right)},${W} Q${n((vx + right) / 2 + bend)},${n(midY)} ${n(vx + 3)},${n(hy)} Z" fill="${fill}" opacity="${opacity}"/>`;
  };
  if (s.ground === 'sand') out += dunes(c, r);
  if (s.families.has('garden')) out += hedges(c, r);
  if (river) out += meander(c, r);
  if (road) out += path(W * between(r, 0.4, 0.6), 190, hex(mix(pal.mid, pal.horizonLab, 0.5)), 0.8);
  if (s.families.has('station')) out += canopy(c);
  return out;
}

/** A river winding from the horizon toward the viewer, widening as it comes, the sky's colour on its surface. */
function meander(c: Ctx, r: Rng): string {
  const { pal, hy } = c;
  const steps = 24;
  const swing = between(r, 120, 220) * (r() < 0.5 ? -1 : 1);
  const cx = (t: number) => 500 + swing * Math.sin(t * Math.PI * 1.5) * t;
  const left: string[] = [];
  const right: string[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const y = hy + (W - hy) * t;
    const half = 3 + 260 * t ** 1.6;
    left.push(`${n(cx(t) - half)},${n(y)}`);
    right.push(`${n(cx(t) + half)},${n(y)}`);
  }
  const d = `M${left.join(' L')} L${right.reverse().join(' L')} Z`;
  return `<path d="${d}" fill="${hex(mix(pal.horizonLab, pal.mid, 0.3))}" opacity="0.9"/>`;
}

/** Layered dunes: smooth swells of sand, each nearer one overlapping the last, lit on the side facing the light. */
function dunes(c: Ctx, r: Rng): string {
  const { pal, hy } = c;
  let out = '';
  for (let i = 0; i < 3; i++) {
    const y0 = hy + (W - hy) * (0.18 + 0.27 * i);
    const amp = 25 + 25 * i;
    const f = between(r, 0.8, 1.6);
    const p = r() * 6.28;
    let d = `M0,${W}`;
    for (let x = 0; x <= W; x += 25) d += ` L${x},${n(y0 - amp * (0.5 + 0.5 * Math.sin((x / W) * f * 6.28 + p)))}`;
    const tone = mix(mix(pal.mid, pal.horizonLab, 0.4 - 0.12 * i), pal.near, 0.15 * i);
    out += `<path d="${d} L${W},${W} Z" fill="${hex(tone)}" opacity="0.7"/>`;
  }
  return out;
}

/** A low line of clipped hedges and flower beds along the garden's far edge. */
function hedges(c: Ctx, r: Rng): string {
  const { pal, hy } = c;
  let hedge = '';
  let blooms = '';
  for (let x = -20; x < W + 40; x += between(r, 50, 90)) {
    const w = between(r, 40, 80);
    hedge += `<ellipse cx="${n(x)}" cy="${n(hy + 6)}" rx="${n(w)}" ry="${n(between(r, 14, 26))}"/>`;
    if (r() < 0.5) blooms += `<circle cx="${n(x + between(r, -20, 20))}" cy="${n(hy + between(r, -4, 8))}" r="${n(between(r, 2, 4))}"/>`;
  }
  const accent = hex(lch(clamp(0.45 + 0.35 * pal.light), 0.05 + 0.12 * c.v.saturation, 20 + 40 * c.v.warmth));
  return `<g fill="${hazed(c, pal.mid, 0.35)}">${hedge}</g><g fill="${accent}" opacity="0.8">${blooms}</g>`;
}

/** A station platform's roof: a long beam across the top of the frame on slender columns. */
function canopy(c: Ctx): string {
  const fill = hex(mix(c.pal.silhouette, c.pal.haze, 0.15));
  let columns = '';
  for (const x of [90, 330, 670, 910]) columns += `<rect x="${x - 7}" y="120" width="14" height="${W - 120}"/>`;
  const lamps = [210, 500, 790].map((x) => `<circle cx="${x}" cy="150" r="60" fill="url(#glowGrad)" opacity="${n(0.25 + 0.5 * c.pal.darkness)}"/>`).join('');
  return `<g fill="${fill}"><path d="M0,0 H${W} V110 L${W - 40},130 H40 L0,110 Z"/>${columns}</g>${lamps}`;
}

/** Silhouette colours for a depth (hazier far away); `glows` turns its lights on whatever the hour. */
function styleFor(c: Ctx, depth: number, r: Rng, glows = false): MotifStyle {
  const fill = mix(c.pal.silhouette, c.pal.haze, (1 - depth) * c.hazeK * 0.85);
  return {
    fill: hex(fill),
    lit: hex(mix(fill, c.pal.horizonLab, 0.4 + 0.2 * c.pal.light)),
    glow: c.pal.glow,
    accent: hex(lch(clamp(0.45 + 0.35 * c.pal.light), 0.05 + 0.12 * c.v.saturation, 20 + 40 * c.v.warmth)),
    lightsOn: clamp(c.pal.darkness * 1.3 + 0.15 + (glows ? 0.6 : 0)),
    lightSide: c.s.light.x < 0.5 ? -1 : 1,
    r,
    winter: c.s.families.has('winter'),
  };
}

/** How much bigger the camera makes things: close (0) → about 2.4×, far (1) → about 0.4×. */
export function cameraScale(distance: number): number {
  return 2 ** ((0.5 - distance) * 2.6);
}

function objects(c: Ctx, items: Placed[], floor?: { top: number }): string {
  const { s, v, hy, pal } = c;
  const r = c.layer('objects');
  const cam = cameraScale(v.camera_distance);
  const top = floor ? floor.top : hy;
  let back = '';
  let front = '';
  const sorted = [...items].sort((a, b) => Number(b.inSky) - Number(a.inSky) || a.depth - b.depth);
  for (const o of sorted) {
    if (o.kind === 'sun' || o.kind === 'moon' || o.kind === 'stars' || o.kind === 'cloud' || o.kind === 'road' || o.kind === 'river') continue;
    const rr = rng(hashString(`${o.kind}${o.x}${o.depth}`) ^ c.seed);
    if (o.inSky) {
      back += skyThing(c, o, rr, floor);
      continue;
    }
    // The camera pulls the subject forward as it comes closer, and makes it larger.
    const depth = o.subject ? o.depth + (1 - o.depth) * (1 - v.camera_distance) * 0.5 : o.depth;
    const onShore = needsShore(s) && !onWater(o);
    const groundTop = onShore ? shoreTop(c) : top;
    const y = groundTop + (W - groundTop) * (0.04 + 0.88 * (onShore ? 0.3 + 0.7 * depth : depth));
    // Indoors everything is near the camera.
    const persp = floor ? 0.9 + 0.7 * depth : 0.3 + 0.85 * depth;
    const unit = MOTIF_HEIGHT[o.kind];
    let scale = REF * o.size * persp * (o.subject ? cam : Math.sqrt(cam)) * (s.lowAngle && o.subject ? 1.15 : 1);
    scale = Math.min(scale, (y - 30) / Math.max(unit, 0.2));
    const half = (MOTIF_HALF_WIDTH[o.kind] ?? 0.25) * scale;
    const x = clamp(o.x * W, Math.min(half * 0.6, 500), Math.max(W - half * 0.6, 500));
    const style = styleFor(c, depth, rr, o.glows);
    // Water motifs are water-coloured, catching the sky on their crests, not silhouettes.
    if (o.kind === 'wave' || o.kind === 'ripples') {
      style.fill = hex(mix(pal.near, pal.horizonLab, 0.35));
      style.lit = hex(mix(pal.horizonLab, lch(0.97, 0, 0), 0.4));
    }
    const motif = drawMotif(o.kind, x, y, scale, o.count, { ...style, indoor: Boolean(floor) }, o.x > 0.5 && o.kind === 'seated');
    const onSea = s.ground === 'water' && onWater(o);
    let extra = '';
    if (onSea) {
      extra = `<g transform="translate(0 ${n(2 * y)}) scale(1 -1)" opacity="0.16">${motif}</g>`;
    } else if (s.shadows.strength > 0 && !s.interior && c.pal.light > 0.15) {
      const dir = s.light.behind ? 0 : (0.5 - s.light.x) * 2;
      const len = half * s.shadows.length * (1.4 - s.light.height);
      extra = `<ellipse cx="${n(x + dir * len * 0.8)}" cy="${n(y + 2)}" rx="${n(half + Math.abs(dir) * len * 0.8)}" ry="${n(Math.max(3, scale * 0.035 * (s.light.behind ? 3 : 1)))}" fill="${pal.shadow}" opacity="${n(s.shadows.strength * (s.shadows.soft ? 0.35 : 0.55))}"/>`;
    }
    const piece = extra + motif;
    if (depth > 0.5) front += piece;
    else back += piece;
  }
  return back + front;
}

function skyThing(c: Ctx, o: Placed, r: Rng, wall?: { top: number }): string {
  const x = o.x * W;
  const y = wall ? wall.top * (0.25 + 0.6 * o.skyY) : Math.min(c.hy - 30, c.hy * o.skyY + 20);
  const style = styleFor(c, 0.7, r);
  if (o.kind === 'motes') {
    // Specks drifting in the light: a loose cloud of small bright dots.
    let d = '';
    const spread = 160 * o.size + 60;
    for (let i = 0; i < 40; i++) {
      const mx = x + between(r, -1, 1) * spread;
      const my = y + between(r, -1, 1) * spread * 0.7;
      const rad = between(r, 0.8, 2.6);
      d += `M${n(mx - rad)},${n(my)}a${n(rad)},${n(rad)} 0 1 0 ${n(2 * rad)},0a${n(rad)},${n(rad)} 0 1 0 ${n(-2 * rad)},0`;
    }
    return `<path d="${d}" fill="${c.pal.glow}" opacity="0.55"/>`;
  }
  if (o.kind === 'birds') {
    let d = '';
    const size = 13 * o.size * Math.sqrt(cameraScale(c.v.camera_distance));
    for (let i = 0; i < o.count; i++) {
      const bx = x + between(r, -1, 1) * 40 * Math.sqrt(o.count);
      const by = y + between(r, -1, 1) * 20 * Math.sqrt(o.count);
      const w = size * between(r, 0.7, 1.2);
      d += `M${n(bx - w)},${n(by)} q${n(w / 2)},${n(-w * 0.45)} ${n(w)},0 q${n(w / 2)},${n(-w * 0.45)} ${n(w)},0 `;
    }
    return `<path d="${d}" stroke="${style.fill}" stroke-width="${n(Math.max(1.6, size * 0.22))}" fill="none" stroke-linecap="round"/>`;
  }
  return drawMotif(o.kind, x, y, REF * (wall ? 0.6 : 0.8) * o.size, o.count, style);
}

function interior(c: Ctx): string {
  const { s, v, pal } = c;
  const windows = s.objects.filter((o) => o.kind === 'window');
  const count = Math.min(3, windows.reduce((a, o) => a + o.count, 0) || 1);
  const w = 150 + 220 * v.openness;
  const h = 250 + 260 * v.openness;
  const top = 110;
  const floorTop = top + h + 70;
  const xs = windows.length && count === windows.length ? windows.map((o) => o.x * W) : Array.from({ length: count }, (_, i) => ((i + 1) * W) / (count + 1));
  let holes = '';
  let frames = '';
  for (const cx of xs) {
    const x0 = clamp(cx - w / 2, 40, W - 40 - w);
    holes += ` M${n(x0)},${top} L${n(x0 + w)},${top} L${n(x0 + w)},${n(top + h)} L${n(x0)},${n(top + h)} Z`;
    frames += `<path d="M${n(x0 + w / 2)},${top} L${n(x0 + w / 2)},${n(top + h)} M${n(x0)},${n(top + h * 0.45)} L${n(x0 + w)},${n(top + h * 0.45)}" stroke="${pal.wall}" stroke-width="9"/>`;
    frames += `<rect x="${n(x0 - 14)}" y="${n(top + h)}" width="${n(w + 28)}" height="14" fill="${pal.wallLight}"/>`;
    // The window's light on the floor, thrown away from the light source.
    const skew = (0.5 - s.light.x) * 260;
    frames += `<path d="M${n(x0 + 10)},${n(floorTop + 6)} L${n(x0 + w - 10)},${n(floorTop + 6)} L${n(x0 + w + skew + 60)},${W} L${n(x0 + skew - 60)},${W} Z" fill="url(#pool)" opacity="${n(0.15 + 0.5 * v.light_level)}"/>`;
  }
  const wallGrad =
    `<defs><radialGradient id="wallLight" gradientUnits="userSpaceOnUse" cx="${n(xs[0] ?? 500)}" cy="${n(top + h / 2)}" r="${n(700)}">` +
    `<stop offset="0" stop-color="${pal.wallLight}"/><stop offset="1" stop-color="${pal.wall}"/></radialGradient>` +
    `<linearGradient id="pool" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${pal.sun}" stop-opacity="0.7"/><stop offset="1" stop-color="${pal.sun}" stop-opacity="0.05"/></linearGradient></defs>`;
  const wall = `<path d="M0,0 L${W},0 L${W},${n(floorTop)} L0,${n(floorTop)} Z${holes}" fill="url(#wallLight)" fill-rule="evenodd"/>`;
  const floor = `<rect y="${n(floorTop)}" width="${W}" height="${n(W - floorTop)}" fill="${hex(mix(pal.near, pal.silhouette, 0.3))}"/>`;
  // Indoors "the sky" is the wall: things placed high hang there, motes float; everything else stands on the floor.
  const inside = s.objects.filter((o) => o.kind !== 'window').map((o) => ({ ...o, inSky: o.kind === 'motes' || o.placedHigh }));
  return wallGrad + wall + floor + frames + objects(c, inside, { top: floorTop });
}

function weather(c: Ctx): string {
  const { s, pal, hy } = c;
  const r = c.layer('weather');
  let out = '';
  if (s.fog > 0) {
    out += `<rect y="${n(hy - 200)}" width="${W}" height="${n(360)}" fill="url(#fogBand)" opacity="${n(0.55 * s.fog)}"/>`;
    out += `<rect width="${W}" height="${W}" fill="${pal.horizon}" opacity="${n(0.16 * s.fog)}"/>`;
  }
  if (s.rain > 0) {
    let d = '';
    const slant = 0.12 + 0.25 * s.mood.tension;
    for (let i = 0; i < Math.round(260 * s.rain); i++) {
      const x = r() * (W + 200) - 100;
      const y = r() * W;
      const len = between(r, 18, 46);
      d += `M${n(x)},${n(y)} l${n(-len * slant)},${n(len)} `;
    }
    out += `<path d="${d}" stroke="${pal.horizon}" stroke-width="1.6" opacity="0.5" stroke-linecap="round"/>`;
  }
  if (s.snow > 0) {
    let d = '';
    for (let i = 0; i < Math.round(240 * s.snow); i++) {
      const x = r() * W;
      const y = r() * W;
      const rad = between(r, 1, 3.4) * (0.6 + y / W);
      d += `M${n(x - rad)},${n(y)}a${n(rad)},${n(rad)} 0 1 0 ${n(2 * rad)},0a${n(rad)},${n(rad)} 0 1 0 ${n(-2 * rad)},0`;
    }
    out += `<path d="${d}" fill="#fff" opacity="0.75"/>`;
  }
  return out;
}

function rays(c: Ctx): string {
  const { s, sun, v } = c;
  // Rays need something to light up: haze, or a light behind the subject.
  if (!(s.light.behind || s.fog > 0) || v.light_level < 0.35 || s.interior) return '';
  const strength = 0.4 * s.mood.glow + (s.light.behind ? 0.5 : 0) + s.fog * 0.5;
  const r = c.layer('rays');
  let out = '';
  for (let i = 0; i < 4; i++) {
    // Crepuscular rays fan up and out through the sky, never down across the land.
    const a = -Math.PI / 2 + between(r, -1.25, 1.25);
    const spread = between(r, 0.05, 0.11);
    const L = 1300;
    out += `<path d="M${n(sun.x)},${n(sun.y)} L${n(sun.x + Math.cos(a - spread) * L)},${n(sun.y + Math.sin(a - spread) * L)} L${n(sun.x + Math.cos(a + spread) * L)},${n(sun.y + Math.sin(a + spread) * L)} Z"/>`;
  }
  // Shafts fade with distance from the light, like light through haze; never solid wedges.
  return (
    `<defs><radialGradient id="rayFade" gradientUnits="userSpaceOnUse" cx="${n(sun.x)}" cy="${n(sun.y)}" r="900">` +
    `<stop offset="0" stop-color="${c.pal.sun}" stop-opacity="1"/><stop offset="1" stop-color="${c.pal.sun}" stop-opacity="0"/></radialGradient></defs>` +
    `<g fill="url(#rayFade)" opacity="${n(clamp(0.03 + 0.05 * strength, 0, 0.09))}">${out}</g>`
  );
}

/** Closed-in scenes close in: near buildings, cliffs or trees at the frame's edges, growing as openness falls. */
function framing(c: Ctx): string {
  const { v, s, pal } = c;
  const f = clamp((0.45 - v.openness) / 0.45);
  if (f <= 0 || s.interior) return '';
  const r = c.layer('framing');
  const fill = hex(mix(pal.silhouette, lch(0.05, 0, 0), 0.2));
  const reach = 40 + 230 * f;
  if (s.families.has('city') || s.families.has('station')) {
    // Near buildings on both sides, rooflines stepping down toward the open middle, a few windows lit.
    let out = '';
    for (const side of [0, 1]) {
      let x = 0;
      for (let b = 0; b < 3 && x < reach; b++) {
        const w = between(r, 0.35, 0.6) * reach;
        const top = W * (0.15 + 0.18 * b + between(r, 0, 0.12)) * (1.3 - 0.5 * f);
        const x0 = side ? W - x - w : x;
        out += `<rect x="${n(x0)}" y="${n(top)}" width="${n(w + 1)}" height="${n(W - top)}" fill="${fill}"/>`;
        for (let y = top + 30; y < W - 40; y += 54) {
          if (r() < 0.12 + 0.3 * c.pal.darkness) {
            out += `<rect x="${n(x0 + w * between(r, 0.15, 0.6))}" y="${n(y)}" width="${n(Math.min(22, w * 0.25))}" height="18" fill="${pal.glow}" opacity="${n(0.2 + 0.5 * c.pal.darkness)}"/>`;
          }
        }
        x += w;
      }
    }
    return out;
  }
  if (s.ground === 'water') {
    // Dark headlands closing in from both sides.
    let out = '';
    for (const side of [0, 1]) {
      const sign = side ? -1 : 1;
      const x0 = side ? W : 0;
      const top = c.hy - 30 - 110 * f;
      let d = `M${x0},${W} L${x0},${n(top)}`;
      const steps = 10;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        d += ` L${n(x0 + sign * reach * (t + between(r, -0.04, 0.04)))},${n(top + (W - top) * t ** 2.2 + between(r, -12, 12))}`;
      }
      out += `<path d="${d} L${n(x0 + sign * reach)},${W} Z"/>`;
    }
    return `<g fill="${hex(mix(pal.silhouette, pal.haze, 0.18))}">${out}</g>`;
  }
  // Tall conifers at the edges, cropped by the frame.
  let pines = '';
  for (const side of [0, 1]) {
    for (let i = 0; i < 1 + Math.round(2 * f); i++) {
      const x = side ? W - between(r, 0, reach * 0.9) : between(r, 0, reach * 0.9);
      // Slender and plain: foreground silhouettes, squeezed so they frame rather than fill.
      const pine = drawMotif('pine', x, W + 20, between(r, 700, 1100) * (0.6 + 0.5 * f), 1, { ...styleFor(c, 1, r), fill, winter: false });
      pines += `<g transform="translate(${n(x)} 0) scale(0.6 1) translate(${n(-x)} 0)">${pine}</g>`;
    }
  }
  return pines;
}
