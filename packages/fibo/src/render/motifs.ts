/**
 * Silhouette motifs, drawn in unit space: base at (0, 0), up is −y, 1 unit = the motif's scale in pixels.
 * Silhouettes keep the pictures calm (shape and light carry the meaning, not detail) and cost few paths.
 */
import type { MotifKind } from './read';
import { between, type Rng } from '@studio/core/random';

export interface MotifStyle {
  fill: string;
  /** A lighter tone of the fill for sails, stripes and lit faces. */
  lit: string;
  /** Warm emitted light (lamps, lit windows). */
  glow: string;
  /** A colour accent for flowers and kites. */
  accent: string;
  /** 0..1: whether windows and lamps are on. */
  lightsOn: number;
  /** Horizontal direction the light comes from (−1 left … 1 right), for lit edges. */
  lightSide: number;
  r: Rng;
  winter: boolean;
  /** Indoors a seated figure gets a chair. */
  indoor?: boolean;
}

/** Unit height of each motif at relative size "medium", as a fraction of the reference scale. */
export const MOTIF_HEIGHT: Record<MotifKind, number> = {
  lighthouse: 1.3,
  boat: 0.5,
  figure: 0.55,
  seated: 0.42,
  birds: 0.1,
  pine: 1.1,
  tree: 1.05,
  forest: 1.1,
  house: 0.62,
  window: 0.62,
  door: 0.8,
  lamp: 0.9,
  candle: 0.25,
  bench: 0.3,
  table: 0.32,
  mountain: 1.6,
  rock: 0.3,
  sun: 0,
  moon: 0,
  stars: 0,
  cloud: 0,
  flowers: 0.16,
  grass: 0.18,
  train: 0.42,
  building: 1.4,
  bridge: 0.6,
  road: 0,
  river: 0,
  wave: 0.5,
  kite: 0.2,
  umbrella: 0.62,
  fence: 0.26,
  animal: 0.32,
  wader: 0.5,
  bush: 0.3,
  tent: 0.36,
  box: 0.16,
  ripples: 0.05,
  car: 0.3,
  puddle: 0.03,
  sign: 0.7,
  motes: 0,
  chair: 0.5,
  orb: 0.34,
};

/** Unit half-width, for shadows, reflections and keeping motifs inside the frame. */
export const MOTIF_HALF_WIDTH: Partial<Record<MotifKind, number>> = {
  boat: 0.5,
  mountain: 1.5,
  bridge: 1.5,
  train: 1.4,
  fence: 0.8,
  forest: 0.9,
  building: 0.5,
  house: 0.36,
  tree: 0.35,
  wave: 0.8,
  ripples: 0.9,
  car: 0.5,
  bush: 0.4,
  puddle: 0.6,
};

const n = (v: number) => (Math.round(v * 1000) / 1000).toString();

function halo(cx: number, cy: number, r: number, opacity: number): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="url(#glowGrad)" opacity="${n(opacity)}"/>`;
}

const DRAW: Partial<Record<MotifKind, (st: MotifStyle, count: number) => string>> = {
  figure: (st, count) => {
    let out = '';
    for (let i = 0; i < count; i++) {
      const dx = (i - (count - 1) / 2) * 0.26 + (count > 1 ? between(st.r, -0.03, 0.03) : 0);
      const h = count > 1 ? between(st.r, 0.82, 1) : 1;
      out += `<g transform="translate(${n(dx)} 0) scale(${n(h)})"><circle cx="0" cy="-0.9" r="0.068" fill="${st.fill}"/><path d="M-0.085,-0.8 C-0.05,-0.85 0.05,-0.85 0.085,-0.8 L0.125,-0.31 L0.05,-0.29 L0.045,0 L0.012,0 L0,-0.27 L-0.012,0 L-0.045,0 L-0.05,-0.29 L-0.125,-0.31 Z" fill="${st.fill}"/></g>`;
    }
    return out;
  },
  seated: (st, count) => {
    let out = '';
    for (let i = 0; i < count; i++) {
      const dx = (i - (count - 1) / 2) * 0.36;
      const chair = st.indoor
        ? `<path d="M-0.16,-0.62 L-0.11,-0.62 L-0.1,-0.2 L0.22,-0.2 L0.22,0 L0.19,0 L0.19,-0.14 L-0.09,-0.14 L-0.09,0 L-0.13,0 Z" fill="${st.fill}"/>`
        : '';
      out += `<g transform="translate(${n(dx)} 0)">${chair}<circle cx="-0.01" cy="-0.58" r="0.066" fill="${st.fill}"/><path d="M-0.09,-0.49 C-0.05,-0.53 0.05,-0.53 0.08,-0.48 L0.1,-0.2 L0.26,-0.21 L0.27,0 L0.2,0 L0.19,-0.12 L-0.1,-0.1 Z" fill="${st.fill}"/></g>`;
    }
    return out;
  },
  boat: (st) =>
    `<path d="M-0.5,-0.12 L0.5,-0.12 Q0.42,0.02 0.3,0.03 L-0.32,0.03 Q-0.45,0.01 -0.5,-0.12 Z" fill="${st.fill}"/>` +
    `<path d="M0,-0.12 L0,-0.98" stroke="${st.fill}" stroke-width="0.022"/>` +
    `<path d="M0.025,-0.94 L0.025,-0.19 L0.44,-0.2 Z" fill="${st.lit}"/><path d="M-0.025,-0.86 L-0.025,-0.2 L-0.3,-0.2 Z" fill="${st.lit}" opacity="0.85"/>`,
  lighthouse: (st) => {
    const beam =
      st.lightsOn > 0.15
        ? `<path d="M0,-1.1 L${n(-2.6 * st.lightSide - 0.4)},-1.35 L${n(-2.6 * st.lightSide - 0.4)},-0.9 Z" fill="url(#beamGrad)" opacity="${n(0.25 + 0.5 * st.lightsOn)}"/>`
        : '';
    return (
      beam +
      `<path d="M-0.34,0.02 Q-0.3,-0.12 -0.12,-0.1 Q0.05,-0.16 0.2,-0.09 Q0.34,-0.08 0.38,0.02 Z" fill="${st.fill}"/>` +
      `<path d="M-0.12,-0.06 L-0.08,-1.0 L0.08,-1.0 L0.12,-0.06 Z" fill="${st.fill}"/>` +
      `<path d="M-0.105,-0.38 L-0.095,-0.55 L0.095,-0.55 L0.105,-0.38 Z M-0.09,-0.72 L-0.085,-0.86 L0.085,-0.86 L0.09,-0.72 Z" fill="${st.lit}" opacity="0.55"/>` +
      `<rect x="-0.12" y="-1.04" width="0.24" height="0.04" fill="${st.fill}"/>` +
      `<rect x="-0.06" y="-1.16" width="0.12" height="0.12" fill="${st.glow}" opacity="${n(0.45 + 0.55 * st.lightsOn)}"/>` +
      `<path d="M-0.085,-1.16 L0,-1.27 L0.085,-1.16 Z" fill="${st.fill}"/>` +
      halo(0, -1.1, 0.32, 0.3 + 0.6 * st.lightsOn)
    );
  },
  tree: (st) => {
    let canopy = '';
    const blobs = 6;
    for (let i = 0; i < blobs; i++) {
      const a = (i / blobs) * Math.PI * 2 + between(st.r, -0.3, 0.3);
      canopy += `<circle cx="${n(Math.cos(a) * 0.17)}" cy="${n(-0.68 + Math.sin(a) * 0.14)}" r="${n(between(st.r, 0.15, 0.22))}"/>`;
    }
    return (
      `<g fill="${st.fill}"><path d="M-0.035,0 Q-0.02,-0.3 -0.012,-0.55 L0.012,-0.55 Q0.02,-0.3 0.035,0 Z"/>` +
      `<circle cx="0" cy="-0.7" r="0.22"/>${canopy}</g>`
    );
  },
  pine: (st) => pine(st.fill, 1, st.winter ? st.lit : undefined),
  forest: (st) => {
    let out = '';
    const trees = 9;
    for (let i = 0; i < trees; i++) {
      const x = -0.9 + (1.8 * i) / (trees - 1) + between(st.r, -0.06, 0.06);
      const h = between(st.r, 0.55, 1);
      out += `<g transform="translate(${n(x)} 0) scale(${n(h)})">${pine(st.fill, 1, st.winter ? st.lit : undefined)}</g>`;
    }
    return out;
  },
  house: (st) => house(st),
  window: (st) => house(st),
  door: (st) =>
    halo(0, -0.35, 0.7, 0.35 + 0.4 * st.lightsOn) +
    `<path d="M-0.26,0 L-0.26,-0.62 Q-0.26,-0.86 0,-0.86 Q0.26,-0.86 0.26,-0.62 L0.26,0 Z" fill="${st.fill}"/>` +
    `<path d="M-0.18,0 L-0.18,-0.6 Q-0.18,-0.77 0,-0.77 Q0.18,-0.77 0.18,-0.6 L0.18,0 Z" fill="${st.glow}"/>`,
  lamp: (st) =>
    `<path d="M0,0 L0,-0.92" stroke="${st.fill}" stroke-width="0.03"/><path d="M-0.05,-0.9 L0.05,-0.9 L0.035,-1 L-0.035,-1 Z" fill="${st.fill}"/>` +
    `<rect x="-0.03" y="-0.98" width="0.06" height="0.07" fill="${st.glow}"/>` +
    halo(0, -0.95, 0.45, 0.35 + 0.6 * st.lightsOn) +
    `<ellipse cx="0" cy="0" rx="0.5" ry="0.07" fill="${st.glow}" opacity="${n(0.1 + 0.25 * st.lightsOn)}"/>`,
  candle: (st) =>
    halo(0, -0.3, 0.5, 0.5 + 0.4 * st.lightsOn) +
    `<rect x="-0.04" y="-0.22" width="0.08" height="0.22" fill="${st.lit}"/><ellipse cx="0" cy="-0.27" rx="0.025" ry="0.05" fill="${st.glow}"/>`,
  bench: (st) =>
    `<g fill="${st.fill}"><rect x="-0.45" y="-0.16" width="0.9" height="0.035"/><rect x="-0.45" y="-0.32" width="0.9" height="0.03"/>` +
    `<rect x="-0.42" y="-0.32" width="0.03" height="0.32"/><rect x="0.39" y="-0.32" width="0.03" height="0.32"/></g>`,
  table: (st) =>
    `<g fill="${st.fill}"><rect x="-0.5" y="-0.3" width="1" height="0.04"/><rect x="-0.44" y="-0.28" width="0.035" height="0.28"/><rect x="0.4" y="-0.28" width="0.035" height="0.28"/></g>`,
  mountain: (st) =>
    `<path d="M-1.5,0 L-0.75,-0.72 L-0.6,-0.62 L-0.22,-1 L-0.1,-0.93 L0.05,-1.08 L0.5,-0.6 L0.68,-0.7 L1.5,0 Z" fill="${st.fill}"/>` +
    `<path d="M-0.22,-1 L-0.1,-0.93 L0.05,-1.08 L0.2,-0.92 L0.08,-0.86 L-0.05,-0.9 L-0.3,-0.9 Z" fill="${st.lit}" opacity="${st.winter ? 0.9 : 0.35}"/>`,
  rock: (st) =>
    `<path d="M-0.4,0 Q-0.38,-0.2 -0.18,-0.26 Q0.02,-0.34 0.2,-0.22 Q0.38,-0.14 0.42,0 Z" fill="${st.fill}"/>` +
    `<path d="M-0.16,-0.24 Q0.02,-0.32 0.18,-0.21 Q0.02,-0.25 -0.16,-0.24 Z" fill="${st.lit}" opacity="0.4"/>`,
  flowers: (st, count) => {
    // A loose drift of stems and small blooms, some still in bud.
    let stems = '';
    let blooms = '';
    const k = Math.max(6, count * 3);
    for (let i = 0; i < k; i++) {
      const x = between(st.r, -0.55, 0.55);
      const h = between(st.r, 0.45, 1.1);
      const tip = x + between(st.r, -0.08, 0.08);
      stems += `M${n(x)},0 Q${n(x + 0.03)},${n(-h / 2)} ${n(tip)},${n(-h)} `;
      blooms += `<circle cx="${n(tip)}" cy="${n(-h)}" r="${n(between(st.r, 0.025, 0.05))}" opacity="${n(between(st.r, 0.7, 1))}"/>`;
    }
    return `<path d="${stems}" stroke="${st.fill}" stroke-width="0.018" fill="none"/><g fill="${st.accent}">${blooms}</g>`;
  },
  grass: (st, count) => {
    let d = '';
    const k = Math.max(6, count * 4);
    for (let i = 0; i < k; i++) {
      const x = between(st.r, -0.6, 0.6);
      d += `M${n(x)},0 Q${n(x + 0.02)},-0.5 ${n(x + between(st.r, -0.18, 0.18))},${n(-between(st.r, 0.7, 1.2))} `;
    }
    return `<path d="${d}" stroke="${st.fill}" stroke-width="0.025" fill="none"/>`;
  },
  train: (st) => {
    let out = '';
    for (let c = 0; c < 3; c++) {
      const x0 = -1.4 + c * 0.95;
      out += `<rect x="${n(x0)}" y="-0.42" width="0.9" height="0.36" rx="0.05" fill="${st.fill}"/>`;
      for (let w = 0; w < 4; w++) {
        out += `<rect x="${n(x0 + 0.08 + w * 0.2)}" y="-0.34" width="0.13" height="0.1" fill="${st.glow}" opacity="${n(0.3 + 0.6 * st.lightsOn)}"/>`;
      }
    }
    return out + `<rect x="-1.45" y="-0.07" width="2.9" height="0.07" fill="${st.fill}"/>`;
  },
  building: (st) => {
    let out = '';
    const widths = [0.32, 0.4, 0.28];
    let x = -0.5;
    for (let b = 0; b < 3; b++) {
      const w = widths[b]!;
      const h = between(st.r, 0.6, 1.4);
      out += `<rect x="${n(x)}" y="${n(-h)}" width="${n(w)}" height="${n(h)}" fill="${st.fill}"/>`;
      for (let row = 0.1; row < h - 0.1; row += 0.14) {
        for (let col = 0.06; col < w - 0.08; col += 0.1) {
          if (st.r() < 0.25 + 0.35 * st.lightsOn) {
            out += `<rect x="${n(x + col)}" y="${n(-h + row)}" width="0.045" height="0.06" fill="${st.glow}" opacity="${n(0.35 + 0.55 * st.lightsOn)}"/>`;
          }
        }
      }
      x += w + 0.02;
    }
    return out;
  },
  bridge: (st) =>
    `<path d="M-1.5,-0.5 L1.5,-0.5 L1.5,-0.44 L-1.5,-0.44 Z M-1.2,0 Q0,-0.9 1.2,0" fill="${st.fill}" stroke="${st.fill}" stroke-width="0.05"/>`,
  wave: (st) =>
    `<path d="M-0.9,0 C-0.6,-0.05 -0.35,-0.3 -0.05,-0.48 C0.25,-0.62 0.5,-0.5 0.42,-0.34 C0.36,-0.25 0.22,-0.3 0.24,-0.38 C0.1,-0.3 0.2,-0.1 0.9,0 Z" fill="${st.fill}"/>` +
    `<path d="M-0.05,-0.48 C0.25,-0.62 0.5,-0.5 0.42,-0.34" stroke="${st.lit}" stroke-width="0.014" fill="none" opacity="0.5"/>`,
  kite: (st) =>
    `<path d="M0,-0.5 L0.12,-0.32 L0,-0.1 L-0.12,-0.32 Z" fill="${st.accent}"/><path d="M0,-0.1 Q0.2,0.4 -0.1,0.9 T0.1,2" stroke="${st.fill}" stroke-width="0.012" fill="none"/>`,
  umbrella: (st) =>
    DRAW.figure!(st, 1) +
    `<path d="M-0.3,-0.92 Q0,-1.2 0.3,-0.92 Z" fill="${st.accent}"/><path d="M0,-1.05 L0,-0.7" stroke="${st.fill}" stroke-width="0.02"/>`,
  fence: (st) => {
    let d = 'M-0.8,-0.2 L0.8,-0.2 M-0.8,-0.1 L0.8,-0.1 ';
    for (let x = -0.8; x <= 0.81; x += 0.2) d += `M${n(x)},0 L${n(x)},-0.26 `;
    return `<path d="${d}" stroke="${st.fill}" stroke-width="0.03" fill="none"/>`;
  },
  animal: (st) =>
    `<g fill="${st.fill}"><ellipse cx="0" cy="-0.2" rx="0.24" ry="0.09"/><circle cx="0.26" cy="-0.3" r="0.07"/>` +
    `<path d="M-0.18,-0.15 L-0.19,0 M-0.1,-0.15 L-0.1,0 M0.12,-0.15 L0.12,0 M0.18,-0.15 L0.19,0" stroke="${st.fill}" stroke-width="0.03"/></g>`,
  birds: (st, count) => {
    // Birds at rest on the ground: small round bodies with a tail and a head.
    let out = '';
    for (let i = 0; i < count; i++) {
      const x = (i - (count - 1) / 2) * 0.22 + between(st.r, -0.04, 0.04);
      out += `<path d="M${n(x - 0.08)},-0.03 Q${n(x - 0.02)},-0.13 ${n(x + 0.05)},-0.07 L${n(x + 0.06)},-0.11 L${n(x + 0.09)},-0.09 L${n(x + 0.06)},-0.05 Q${n(x + 0.04)},0 ${n(x - 0.08)},-0.03 Z" fill="${st.fill}"/>`;
    }
    return out;
  },
  wader: (st) =>
    `<ellipse cx="0" cy="-0.27" rx="0.12" ry="0.05" fill="${st.fill}" transform="rotate(-12 0 -0.27)"/>` +
    `<path d="M0.08,-0.3 Q0.16,-0.38 0.09,-0.44 Q0.05,-0.5 0.1,-0.54" stroke="${st.fill}" stroke-width="0.025" fill="none"/>` +
    `<path d="M0.1,-0.555 L0.2,-0.54 L0.1,-0.525 Z" fill="${st.fill}"/><circle cx="0.1" cy="-0.545" r="0.02" fill="${st.fill}"/>` +
    `<path d="M-0.01,-0.23 L-0.02,0 M0.03,-0.23 L0.04,0" stroke="${st.fill}" stroke-width="0.012"/>`,
  bush: (st) => {
    let out = '';
    for (let i = 0; i < 6; i++) {
      out += `<circle cx="${n(between(st.r, -0.28, 0.28))}" cy="${n(-between(st.r, 0.08, 0.2))}" r="${n(between(st.r, 0.08, 0.14))}"/>`;
    }
    return `<g fill="${st.fill}">${out}<ellipse cx="0" cy="-0.05" rx="0.36" ry="0.06"/></g>`;
  },
  tent: (st) =>
    `<path d="M-0.32,0 L0,-0.36 L0.32,0 Z" fill="${st.fill}"/><path d="M-0.05,0 L0,-0.14 L0.05,0 Z" fill="${st.glow}" opacity="${n(0.3 + 0.6 * st.lightsOn)}"/>` +
    halo(0, -0.05, 0.25, 0.1 + 0.5 * st.lightsOn),
  box: (st) =>
    `<rect x="-0.14" y="-0.16" width="0.28" height="0.16" rx="0.02" fill="${st.fill}"/><rect x="-0.14" y="-0.16" width="0.28" height="0.02" fill="${st.lit}" opacity="0.5"/>`,
  ripples: (st) =>
    `<g fill="none" stroke="${st.lit}" stroke-width="0.012" opacity="0.7"><ellipse cx="0" cy="0" rx="0.3" ry="0.04"/><ellipse cx="0" cy="0" rx="0.55" ry="0.075" opacity="0.7"/><ellipse cx="0" cy="0" rx="0.85" ry="0.11" opacity="0.45"/></g>`,
  car: (st) =>
    `<path d="M-0.5,-0.06 L-0.5,-0.16 Q-0.48,-0.2 -0.4,-0.2 L-0.26,-0.2 L-0.16,-0.3 L0.16,-0.3 L0.26,-0.2 L0.44,-0.19 Q0.5,-0.18 0.5,-0.12 L0.5,-0.06 Z" fill="${st.fill}"/>` +
    `<circle cx="-0.3" cy="-0.05" r="0.06" fill="${st.fill}"/><circle cx="0.3" cy="-0.05" r="0.06" fill="${st.fill}"/>` +
    `<circle cx="0.48" cy="-0.14" r="0.02" fill="${st.glow}" opacity="${n(0.3 + 0.7 * st.lightsOn)}"/>` +
    halo(0.5, -0.14, 0.25, 0.3 * st.lightsOn),
  chair: (st) =>
    `<path d="M-0.2,0 L-0.2,-0.22 L-0.24,-0.22 L-0.24,-0.5 Q-0.24,-0.56 -0.17,-0.56 L0.17,-0.56 Q0.24,-0.56 0.24,-0.5 L0.24,-0.22 L0.2,-0.22 L0.2,0 L0.16,0 L0.16,-0.12 L-0.16,-0.12 L-0.16,0 Z" fill="${st.fill}"/>` +
    `<path d="M-0.17,-0.52 L0.17,-0.52 L0.17,-0.3 L-0.17,-0.3 Z" fill="${st.lit}" opacity="0.2"/>`,
  puddle: (st, count) => {
    let out = '';
    for (let i = 0; i < Math.min(4, count + 1); i++) {
      out += `<ellipse cx="${n(between(st.r, -0.5, 0.5))}" cy="${n(between(st.r, -0.02, 0.04))}" rx="${n(between(st.r, 0.12, 0.3))}" ry="${n(between(st.r, 0.02, 0.035))}"/>`;
    }
    return `<g fill="${st.lit}" opacity="0.75">${out}</g>`;
  },
  sign: (st) =>
    `<g fill="${st.fill}"><rect x="-0.015" y="-0.7" width="0.03" height="0.7"/><path d="M-0.02,-0.66 L0.26,-0.66 L0.31,-0.62 L0.26,-0.58 L-0.02,-0.58 Z"/><path d="M0.02,-0.52 L-0.24,-0.52 L-0.29,-0.48 L-0.24,-0.44 L0.02,-0.44 Z"/></g>`,
  orb: (st) =>
    halo(0, -0.17, 0.55, 0.25 + 0.55 * st.lightsOn) +
    `<path d="M-0.12,0 Q-0.16,-0.22 -0.06,-0.32 Q0,-0.36 0.06,-0.32 Q0.16,-0.22 0.12,0 Z" fill="${st.fill}"/>` +
    `<circle cx="0" cy="-0.42" r="0.07" fill="${st.glow}" opacity="${n(0.5 + 0.5 * st.lightsOn)}"/>`,
};

function pine(fill: string, h: number, snow?: string): string {
  let out = `<rect x="-0.02" y="-0.15" width="0.04" height="0.15" fill="${fill}"/>`;
  for (let i = 0; i < 4; i++) {
    const top = -1.05 * h + i * 0.2;
    const w = 0.1 + i * 0.065;
    out += `<path d="M0,${n(top)} L${n(w)},${n(top + 0.33)} L${n(-w)},${n(top + 0.33)} Z" fill="${fill}"/>`;
    if (snow) out += `<path d="M0,${n(top)} L${n(w * 0.5)},${n(top + 0.12)} L${n(-w * 0.5)},${n(top + 0.12)} Z" fill="${snow}" opacity="0.8"/>`;
  }
  return out;
}

function house(st: MotifStyle): string {
  return (
    `<g fill="${st.fill}"><rect x="-0.3" y="-0.36" width="0.6" height="0.36"/><path d="M-0.37,-0.34 L0,-0.62 L0.37,-0.34 Z"/><rect x="0.14" y="-0.6" width="0.07" height="0.16"/></g>` +
    `<rect x="0.06" y="-0.25" width="0.12" height="0.11" fill="${st.glow}" opacity="${n(0.2 + 0.75 * st.lightsOn)}"/>` +
    halo(0.12, -0.2, 0.3, 0.15 + 0.5 * st.lightsOn)
  );
}

/** SVG for a motif at a place and scale (pixels per unit); sky and ground features are painted elsewhere. */
export function drawMotif(kind: MotifKind, x: number, y: number, scale: number, count: number, style: MotifStyle, mirror = false): string {
  const draw = DRAW[kind];
  if (!draw) return '';
  return `<g transform="translate(${n(x)} ${n(y)}) scale(${n(mirror ? -scale : scale)} ${n(scale)})">${draw(style, count)}</g>`;
}
