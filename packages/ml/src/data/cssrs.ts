/**
 * Reddit C-SSRS (Gaur et al., WWW'19; CC BY, Zenodo 10.5281/zenodo.2667859): one row per user, the `Post` cell a Python
 * list literal of that user's posts, the `Label` one of five ordinal C-SSRS levels. See the dataset's SOURCE.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CSSRS_LEVELS = ['Supportive', 'Indicator', 'Ideation', 'Behavior', 'Attempt'] as const;
export type CssrsLevel = (typeof CSSRS_LEVELS)[number];

/** The common binary mapping: ideation, behaviour and attempt are "at risk". */
export const CSSRS_AT_RISK: ReadonlySet<CssrsLevel> = new Set(['Ideation', 'Behavior', 'Attempt']);

export interface CssrsUser {
  user: string;
  level: CssrsLevel;
  atRisk: boolean;
  posts: string[];
  /** The cell was cut off at the spreadsheet limit; the broken last post was dropped. */
  truncated: boolean;
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header row. */
export function readCsvRecords(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header) return [];
  return rows
    .filter((r) => r.length === header.length)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/**
 * Parses a Python list literal of strings. An unterminated literal (the 28 cells cut at 32,759 characters) yields the
 * strings that were complete, with `truncated` set, rather than failing.
 */
export function parsePythonStringList(cell: string): { items: string[]; truncated: boolean } {
  const items: string[] = [];
  let i = cell.indexOf('[') + 1;
  if (i === 0) return { items, truncated: true };
  for (;;) {
    while (i < cell.length && (cell[i] === ' ' || cell[i] === ',' || cell[i] === '\n')) i++;
    if (i >= cell.length) return { items, truncated: true };
    if (cell[i] === ']') return { items, truncated: false };
    const quote = cell[i];
    if (quote !== "'" && quote !== '"') return { items, truncated: true };
    let s = '';
    let j = i + 1;
    let closed = false;
    while (j < cell.length) {
      const c = cell[j]!;
      if (c === '\\') {
        const n = cell[j + 1];
        if (n === undefined) break;
        if (n === 'x' || n === 'u') {
          const len = n === 'x' ? 2 : 4;
          const code = Number.parseInt(cell.slice(j + 2, j + 2 + len), 16);
          s += Number.isNaN(code) ? '' : String.fromCharCode(code);
          j += 2 + len;
        } else {
          s += ESCAPES[n] ?? n;
          j += 2;
        }
        continue;
      }
      if (c === quote) {
        closed = true;
        break;
      }
      s += c;
      j++;
    }
    if (!closed) return { items, truncated: true };
    items.push(s);
    i = j + 1;
  }
}

export const CSSRS_DIR = 'reddit-cssrs';

/** Users of one split ('train' or 'dev'; the test split is withheld). Empty when the file is absent. */
export function loadCssrs(datasetsDir: string, split: 'train' | 'dev'): CssrsUser[] {
  const path = join(datasetsDir, CSSRS_DIR, `cssrs_${split}.csv`);
  if (!existsSync(path)) return [];
  return readCsvRecords(path).map((r) => {
    const level = r.Label as CssrsLevel;
    if (!CSSRS_LEVELS.includes(level)) throw new Error(`${path}: unknown label ${r.Label} for ${r.User}`);
    const { items, truncated } = parsePythonStringList(r.Post ?? '');
    return {
      user: r.User ?? '',
      level,
      atRisk: CSSRS_AT_RISK.has(level),
      posts: items.map((p) => p.trim()).filter(Boolean),
      truncated,
    };
  });
}
