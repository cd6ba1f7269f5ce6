/**
 * Training reports as images: line charts (loss / metric curves), bar charts (per-label F1) and
 * confusion-matrix heatmaps. Each chart is built as SVG and rendered to PNG with @resvg/resvg-js
 * using the system fonts (DejaVu Sans), so the images look the same on every machine we train on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export interface Series {
  name: string;
  /** y values; x is the index (epoch, step) unless `x` is given. */
  values: number[];
  x?: number[];
}

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  width?: number;
  height?: number;
}

export interface BarChartSpec {
  title: string;
  labels: string[];
  /** One or more value sets drawn side by side per label (e.g. precision, recall, F1). */
  series: { name: string; values: number[] }[];
  yLabel?: string;
  /** Draws a dashed horizontal line, e.g. the target macro-F1. */
  reference?: { value: number; label: string };
  yMax?: number;
  width?: number;
  height?: number;
}

export interface HeatmapSpec {
  title: string;
  /** Row labels (true class) and column labels (predicted class). */
  rows: string[];
  cols: string[];
  /** matrix[r][c], e.g. counts; cells are shaded by their share of the row. */
  matrix: number[][];
  xLabel?: string;
  yLabel?: string;
}

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const FONT = 'DejaVu Sans';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return v.toPrecision(2).replace(/\.?0+$/, '');
}

/** About `count` round tick values from at or below `lo` to at or above `hi`. */
function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  const last = Math.ceil(hi / step - 1e-9) * step;
  for (let v = Math.floor(lo / step + 1e-9) * step; v <= last + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

function frame(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="17" font-weight="bold" fill="#111827">${esc(title)}</text>` +
    body +
    `</svg>`
  );
}

export function lineChartSvg(spec: LineChartSpec): string {
  const width = (spec.width ?? 760) + Math.max(0, Math.max(...spec.series.map((x) => x.name.length), 8) * 7 + 50 - 170);
  const height = spec.height ?? 440;
  // The legend sits right of the plot; make room for its longest name (~7 px per character at 12 px).
  const legend = Math.max(...spec.series.map((x) => x.name.length), 8) * 7 + 50;
  const m = { left: 70, right: legend, top: 48, bottom: 56 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const xs = spec.series.flatMap((s) => s.x ?? s.values.map((_, i) => i));
  const ys = spec.series.flatMap((s) => s.values).filter(Number.isFinite);
  const xLo = Math.min(...xs);
  const xHi = Math.max(...xs, xLo + 1);
  let yLo = Math.min(...ys, 0);
  let yHi = Math.max(...ys);
  if (!(yHi > yLo)) yHi = yLo + 1;
  const yt = ticks(yLo, yHi);
  yLo = Math.min(yLo, yt[0] ?? yLo);
  yHi = Math.max(yHi, yt[yt.length - 1] ?? yHi);
  const X = (x: number) => m.left + ((x - xLo) / (xHi - xLo)) * pw;
  const Y = (y: number) => m.top + ph - ((y - yLo) / (yHi - yLo)) * ph;
  let body = '';
  for (const t of yt) {
    body += `<line x1="${m.left}" x2="${m.left + pw}" y1="${Y(t)}" y2="${Y(t)}" stroke="#e5e7eb"/>`;
    body += `<text x="${m.left - 8}" y="${Y(t) + 4}" text-anchor="end" font-size="12" fill="#374151">${fmt(t)}</text>`;
  }
  for (const t of ticks(xLo, xHi, 8)) {
    body += `<text x="${X(t)}" y="${m.top + ph + 18}" text-anchor="middle" font-size="12" fill="#374151">${fmt(t)}</text>`;
  }
  body += `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#9ca3af"/>`;
  spec.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const pts = s.values
      .map((v, i) => [s.x?.[i] ?? i, v] as const)
      .filter(([, v]) => Number.isFinite(v))
      .map(([x, v]) => `${X(x).toFixed(1)},${Y(v).toFixed(1)}`);
    body += `<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`;
    if (pts.length <= 40) for (const p of pts) {
      const [cx, cy] = p.split(',');
      body += `<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`;
    }
    const ly = m.top + 10 + k * 20;
    body += `<line x1="${m.left + pw + 14}" x2="${m.left + pw + 34}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"/>`;
    body += `<text x="${m.left + pw + 40}" y="${ly + 4}" font-size="12" fill="#111827">${esc(s.name)}</text>`;
  });
  body += `<text x="${m.left + pw / 2}" y="${height - 14}" text-anchor="middle" font-size="13" fill="#111827">${esc(spec.xLabel)}</text>`;
  body += `<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="#111827">${esc(spec.yLabel)}</text>`;
  return frame(width, height, spec.title, body);
}

export function barChartSvg(spec: BarChartSpec): string {
  const width = spec.width ?? Math.max(640, 110 + spec.labels.length * (16 + 12 * spec.series.length));
  const height = spec.height ?? 460;
  const m = { left: 64, right: 24, top: 70, bottom: 120 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const all = spec.series.flatMap((s) => s.values).concat(spec.reference ? [spec.reference.value] : []);
  const yTicks = ticks(0, spec.yMax ?? Math.max(...all, 1e-9));
  const yHi = spec.yMax ?? (yTicks[yTicks.length - 1] as number);
  const Y = (v: number) => m.top + ph - (Math.max(0, Math.min(v, yHi)) / yHi) * ph;
  const group = pw / spec.labels.length;
  const barW = (group * 0.8) / spec.series.length;
  let body = '';
  for (const t of yTicks.filter((v) => v <= yHi + 1e-9)) {
    body += `<line x1="${m.left}" x2="${m.left + pw}" y1="${Y(t)}" y2="${Y(t)}" stroke="#e5e7eb"/>`;
    body += `<text x="${m.left - 8}" y="${Y(t) + 4}" text-anchor="end" font-size="12" fill="#374151">${fmt(t)}</text>`;
  }
  spec.labels.forEach((label, i) => {
    const gx = m.left + i * group + group * 0.1;
    spec.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const y = Y(v);
      body += `<rect x="${(gx + k * barW).toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(m.top + ph - y).toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"/>`;
    });
    const lx = m.left + i * group + group / 2;
    body += `<text transform="translate(${lx.toFixed(1)} ${m.top + ph + 10}) rotate(50)" font-size="12" fill="#111827">${esc(label)}</text>`;
  });
  body += `<line x1="${m.left}" x2="${m.left + pw}" y1="${m.top + ph}" y2="${m.top + ph}" stroke="#6b7280"/>`;
  if (spec.reference) {
    const y = Y(spec.reference.value);
    body += `<line x1="${m.left}" x2="${m.left + pw}" y1="${y}" y2="${y}" stroke="#111827" stroke-dasharray="6 4" stroke-width="1.5"/>`;
    body += `<text x="${m.left + pw - 4}" y="${y - 5}" text-anchor="end" font-size="12" fill="#111827">${esc(spec.reference.label)}</text>`;
  }
  spec.series.forEach((s, k) => {
    const lx = m.left + k * 150;
    body += `<rect x="${lx}" y="40" width="14" height="14" fill="${PALETTE[k % PALETTE.length]}"/>`;
    body += `<text x="${lx + 20}" y="52" font-size="12" fill="#111827">${esc(s.name)}</text>`;
  });
  if (spec.yLabel) {
    body += `<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="#111827">${esc(spec.yLabel)}</text>`;
  }
  return frame(width, height, spec.title, body);
}

export function heatmapSvg(spec: HeatmapSpec): string {
  const cell = Math.max(28, Math.min(56, Math.floor(560 / Math.max(spec.cols.length, 1))));
  const m = { left: 130, top: 130, right: 30, bottom: 50 };
  const width = m.left + cell * spec.cols.length + m.right;
  const height = m.top + cell * spec.rows.length + m.bottom;
  let body = '';
  spec.rows.forEach((row, r) => {
    const values = spec.matrix[r] ?? [];
    const total = values.reduce((a, b) => a + b, 0) || 1;
    spec.cols.forEach((_, c) => {
      const v = values[c] ?? 0;
      const share = v / total;
      // White → deep blue by the share of the row; text flips to white on dark cells.
      const shade = Math.round(255 - share * 200);
      const fill = `rgb(${shade},${Math.round(255 - share * 150)},255)`;
      const x = m.left + c * cell;
      const y = m.top + r * cell;
      body += `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ffffff"/>`;
      body += `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="${cell > 36 ? 12 : 10}" fill="${share > 0.55 ? '#ffffff' : '#111827'}">${fmt(v)}</text>`;
    });
    body += `<text x="${m.left - 8}" y="${m.top + r * cell + cell / 2 + 4}" text-anchor="end" font-size="12" fill="#111827">${esc(row)}</text>`;
  });
  spec.cols.forEach((col, c) => {
    body += `<text transform="translate(${m.left + c * cell + cell / 2 + 4} ${m.top - 8}) rotate(-55)" font-size="12" fill="#111827">${esc(col)}</text>`;
  });
  if (spec.xLabel) body += `<text x="${m.left + (cell * spec.cols.length) / 2}" y="${height - 16}" text-anchor="middle" font-size="13" fill="#111827">${esc(spec.xLabel)}</text>`;
  if (spec.yLabel) body += `<text transform="translate(18 ${m.top + (cell * spec.rows.length) / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="#111827">${esc(spec.yLabel)}</text>`;
  return frame(width, height, spec.title, body);
}

/** Renders an SVG string to a PNG file (creating its folder). */
export function writeSvgPng(svg: string, path: string): void {
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    background: '#ffffff',
  })
    .render()
    .asPng();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
}

export function writeLineChart(path: string, spec: LineChartSpec): void {
  writeSvgPng(lineChartSvg(spec), path);
}

export function writeBarChart(path: string, spec: BarChartSpec): void {
  writeSvgPng(barChartSvg(spec), path);
}

export function writeHeatmap(path: string, spec: HeatmapSpec): void {
  writeSvgPng(heatmapSvg(spec), path);
}
