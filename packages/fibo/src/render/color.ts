/** Colour in OKLab/OKLCH (perceptually even mixing and lightness), written out as sRGB hex for SVG. */

export interface Lab {
  L: number;
  a: number;
  b: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** OKLCH → OKLab; hue in degrees. */
export function lch(L: number, C: number, h: number): Lab {
  const r = (h * Math.PI) / 180;
  return { L, a: C * Math.cos(r), b: C * Math.sin(r) };
}

export function mix(x: Lab, y: Lab, t: number): Lab {
  return { L: x.L + (y.L - x.L) * t, a: x.a + (y.a - x.a) * t, b: x.b + (y.b - x.b) * t };
}

export function withL(c: Lab, L: number): Lab {
  return { ...c, L };
}

export function scaleChroma(c: Lab, k: number): Lab {
  return { L: c.L, a: c.a * k, b: c.b * k };
}

function toLinear(c: Lab): [number, number, number] {
  const l = (c.L + 0.3963377774 * c.a + 0.2158037573 * c.b) ** 3;
  const m = (c.L - 0.1055613458 * c.a - 0.0638541728 * c.b) ** 3;
  const s = (c.L - 0.0894841775 * c.a - 1.291485548 * c.b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

const encode = (x: number) => {
  const v = clamp01(x);
  return v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
};

/** sRGB channels 0..255. */
export function rgb(c: Lab): [number, number, number] {
  const [r, g, b] = toLinear(c);
  return [Math.round(encode(r) * 255), Math.round(encode(g) * 255), Math.round(encode(b) * 255)];
}

export function hex(c: Lab): string {
  return `#${rgb(c)
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}
