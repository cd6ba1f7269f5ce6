/**
 * The scene's colours from the visual parameters. Light sets OKLab lightness, contrast spreads lightness around the
 * scene's middle tone, warmth walks the hue from blue through dusk violet to amber, saturation scales chroma.
 * Each parameter moves one perceptual axis, which is what makes the fidelity measurable.
 */
import type { VisualParams } from '@studio/core/contracts';
import { hex, lch, mix, type Lab } from './color';

export interface Palette {
  skyTop: string;
  skyMid: string;
  horizon: string;
  sun: string;
  cloud: string;
  cloudShade: string;
  far: Lab;
  mid: Lab;
  near: Lab;
  silhouette: Lab;
  haze: Lab;
  glow: string;
  shadow: string;
  wall: string;
  wallLight: string;
  /** Lab colours for mixing by depth. */
  horizonLab: Lab;
  /** 0..1: how much of the scene is night-dark, for stars and lit windows. */
  darkness: number;
  light: number;
}

const clamp = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

/** Cool and warm poles of each colour role; warmth blends between them in OKLab, through a calm neutral middle. */
const COOL_HUE = 250;
const WARM_HUE = 58;

/** A faint, constant tint per setting, so forests read green and deserts sandy whatever the warmth. */
export const FAMILY_TINT: Readonly<Record<string, number>> = {
  forest: 145,
  garden: 130,
  field: 105,
  desert: 75,
  ocean: 215,
  lake: 200,
  harbour: 225,
  lighthouse: 225,
  river: 190,
  mountain: 260,
  winter: 235,
  city: 280,
  station: 40,
  room: 50,
  road: 70,
  sky: 240,
};

export function makePalette(v: VisualParams, tintHue?: number): Palette {
  const light = clamp(v.light_level);
  const base = 0.2 + 0.66 * light;
  const spread = 0.3 + 1.35 * clamp(v.contrast);
  const chroma = 0.15 + 1.9 * clamp(v.saturation);
  const tone = (L: number) => clamp(base + (L - base) * spread, 0.03, 0.985);
  const tint = tintHue === undefined ? { a: 0, b: 0 } : lch(0, 0.018, tintHue);
  const col = (dL: number, C: number, warmthShift = 0) => {
    const t = clamp(v.warmth + warmthShift);
    const L = tone(base + dL);
    const c = mix(lch(L, C * 1.15, COOL_HUE), lch(L, C * 1.15, WARM_HUE), t);
    return { L, a: (c.a + tint.a) * chroma, b: (c.b + tint.b) * chroma };
  };

  const skyTop = col(-0.14, 0.07);
  const skyMid = col(-0.02, 0.07, 0.06);
  const horizonLab = col(0.13, 0.09, 0.14);
  const sunLab = mix(lch(tone(Math.min(0.99, base + 0.3)), 0.05 * chroma, COOL_HUE), lch(tone(Math.min(0.99, base + 0.3)), 0.13 * chroma, WARM_HUE), clamp(v.warmth + 0.25));
  const near = col(-0.3, 0.045, -0.04);
  const mid = col(-0.2, 0.05, 0);
  const far = mix(mid, horizonLab, 0.55);
  const silhouette = col(-0.42, 0.03, -0.05);
  const cloudLab = mix(horizonLab, sunLab, 0.35);
  return {
    skyTop: hex(skyTop),
    skyMid: hex(skyMid),
    horizon: hex(horizonLab),
    sun: hex(sunLab),
    cloud: hex(cloudLab),
    cloudShade: hex(mix(skyTop, silhouette, 0.25)),
    far,
    mid,
    near,
    silhouette,
    haze: horizonLab,
    glow: hex(lch(0.9, 0.12 * Math.min(1.2, chroma), 70)),
    shadow: hex(col(-0.5, 0.03, -0.1)),
    wall: hex(col(-0.34, 0.035, 0.05)),
    wallLight: hex(col(-0.2, 0.045, 0.1)),
    horizonLab,
    darkness: clamp(1 - light * 2.2),
    light,
  };
}
