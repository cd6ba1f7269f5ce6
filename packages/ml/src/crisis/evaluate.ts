/**
 * Per-source evaluation of the whole gate (rules + classifier + thresholds), as the product runs it:
 * - journal dev: one decision per entry; hard-negative FPR overall and per kind; category confusion;
 * - C-SSRS dev: one decision per post, a user flagged when any post is (see ./data); also the share of posts
 *   flagged per C-SSRS level;
 * - SDCNL train (research only, out of domain, never trained on): one decision per post, r/SuicideWatch positive.
 *   Its negatives are r/depression posts, which often speak of wanting to die, so its precision is a floor.
 * The pooled row (journal dev + C-SSRS dev) is the one the targets are stated on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRISIS_CATEGORIES, type CrisisAssessment, type CrisisCategory } from '@studio/core';
import { CSSRS_LEVELS } from '../data/cssrs';
import { writeHeatmap } from '../report/charts';
import { loadCssrsSplit, loadGoEmotionsTexts, loadJournalCrisisSplit, loadSdcnl } from './data';
import { addCounts, countBinary, report, TARGETS, type BinaryReport } from './metrics';
import type { CrisisModel, CrisisThresholds } from './model';

export interface SourceEvaluation {
  source: string;
  unit: string;
  report: BinaryReport;
  hardNegativeFpr: number | null;
  hardNegatives: number;
}

export interface GateEvaluation {
  sources: SourceEvaluation[];
  pooled: BinaryReport;
  hardNegativeByKind: Record<string, { n: number; flagged: number }>;
  journalCategoryRecall: Record<CrisisCategory, { n: number; caught: number; rightCategory: number }>;
  cssrsPostsFlaggedByLevel: Record<string, { posts: number; flagged: number }>;
  /** GoEmotions dev comments have no crisis labels; nearly all are safe, so this is a chat-like false-alarm rate. */
  goemotionsDevFlagged: { n: number; flagged: number };
  thresholds: CrisisThresholds;
  model: string;
}

const CATEGORY_ROWS = ['none', ...CRISIS_CATEGORIES] as const;

function topCategory(a: CrisisAssessment): CrisisCategory {
  return CRISIS_CATEGORIES.reduce((x, y) => (a.categories[y] > a.categories[x] ? y : x));
}

function binaryHeatmap(path: string, title: string, r: BinaryReport): void {
  writeHeatmap(path, {
    title,
    rows: ['crisis', 'not crisis'],
    cols: ['flagged', 'not flagged'],
    matrix: [
      [r.tp, r.fn],
      [r.fp, r.tn],
    ],
    xLabel: 'gate',
    yLabel: 'gold',
  });
}

/**
 * Runs the gate on every dev source; writes confusion matrices (PNG) and metrics.json into `outDir` when given.
 * `journalSplit` names the journal id list read as "journal dev" (an earlier dev set, e.g. dev-round1, for comparison).
 */
export function evaluateGate(model: CrisisModel, datasets: string, outDir?: string, journalSplit = 'dev'): GateEvaluation {
  const sources: SourceEvaluation[] = [];

  // Journal dev.
  const journal = loadJournalCrisisSplit(journalSplit);
  const jAssess = journal.map((item) => model.assess(item.text));
  const jCounts = countBinary(
    journal.map((x) => x.crisis),
    jAssess.map((a) => a.is_crisis),
  );
  const hardNegativeByKind: GateEvaluation['hardNegativeByKind'] = {};
  const journalCategoryRecall = Object.fromEntries(CRISIS_CATEGORIES.map((c) => [c, { n: 0, caught: 0, rightCategory: 0 }])) as GateEvaluation['journalCategoryRecall'];
  const categoryMatrix = CATEGORY_ROWS.map(() => CATEGORY_ROWS.map(() => 0));
  journal.forEach((item, i) => {
    const a = jAssess[i] as CrisisAssessment;
    if (item.hardNegative) {
      const k = (hardNegativeByKind[item.hardNegative] ??= { n: 0, flagged: 0 });
      k.n++;
      if (a.is_crisis) k.flagged++;
    }
    if (item.category) {
      const c = journalCategoryRecall[item.category];
      c.n++;
      if (a.is_crisis) c.caught++;
      if (a.is_crisis && topCategory(a) === item.category) c.rightCategory++;
    }
    const row = CATEGORY_ROWS.indexOf(item.category ?? 'none');
    const col = CATEGORY_ROWS.indexOf(a.is_crisis ? topCategory(a) : 'none');
    (categoryMatrix[row] as number[])[col]! += 1;
  });
  const hnItems = journal.filter((x) => x.hardNegative);
  const hnFlagged = hnItems.filter((x) => jAssess[journal.indexOf(x)]?.is_crisis).length;
  sources.push({
    source: 'journal dev',
    unit: 'entry',
    report: report(jCounts),
    hardNegativeFpr: hnItems.length ? hnFlagged / hnItems.length : null,
    hardNegatives: hnItems.length,
  });

  // C-SSRS dev, user level.
  const cssrs = loadCssrsSplit(datasets, 'dev');
  const cssrsPostsFlaggedByLevel = Object.fromEntries(CSSRS_LEVELS.map((l) => [l, { posts: 0, flagged: 0 }]));
  const userFlags = cssrs.map((u) => {
    let any = false;
    const level = cssrsPostsFlaggedByLevel[u.level] as { posts: number; flagged: number };
    for (const p of u.posts) {
      const flagged = model.assess(p).is_crisis;
      level.posts++;
      if (flagged) level.flagged++;
      any ||= flagged;
    }
    return any;
  });
  const cCounts = countBinary(
    cssrs.map((u) => u.atRisk),
    userFlags,
  );
  sources.push({ source: 'C-SSRS dev', unit: 'user', report: report(cCounts), hardNegativeFpr: null, hardNegatives: 0 });
  const levelMatrix = CSSRS_LEVELS.map((l) => {
    const users = cssrs.map((u, i) => ({ u, f: userFlags[i] })).filter((x) => x.u.level === l);
    return [users.filter((x) => x.f).length, users.filter((x) => !x.f).length];
  });

  // SDCNL (evaluation only).
  const sdcnl = loadSdcnl(datasets);
  if (sdcnl.length > 0) {
    const sCounts = countBinary(
      sdcnl.map((x) => x.crisis),
      sdcnl.map((x) => model.assess(x.text).is_crisis),
    );
    sources.push({ source: 'SDCNL train (OOD, eval only)', unit: 'post', report: report(sCounts), hardNegativeFpr: null, hardNegatives: 0 });
  }

  const comments = loadGoEmotionsTexts(datasets, 'dev');
  const goemotionsDevFlagged = { n: comments.length, flagged: comments.filter((t) => model.assess(t).is_crisis).length };

  const pooled = report(addCounts(jCounts, cCounts));
  const evaluation: GateEvaluation = {
    sources,
    pooled,
    hardNegativeByKind,
    journalCategoryRecall,
    cssrsPostsFlaggedByLevel,
    goemotionsDevFlagged,
    thresholds: model.meta.thresholds,
    model: model.id,
  };

  if (outDir) {
    for (const s of sources) {
      const slug = s.source.split(' ')[0]!.toLowerCase().replace(/[^a-z]/g, '');
      binaryHeatmap(join(outDir, `confusion-${slug}.png`), `${s.source}: per ${s.unit}`, s.report);
    }
    writeHeatmap(join(outDir, 'confusion-journal-categories.png'), {
      title: 'journal dev: crisis category',
      rows: [...CATEGORY_ROWS],
      cols: [...CATEGORY_ROWS],
      matrix: categoryMatrix,
      xLabel: 'gate',
      yLabel: 'gold',
    });
    writeHeatmap(join(outDir, 'confusion-cssrs-levels.png'), {
      title: 'C-SSRS dev: users flagged per level',
      rows: [...CSSRS_LEVELS],
      cols: ['flagged', 'not flagged'],
      matrix: levelMatrix,
      xLabel: 'gate',
      yLabel: 'C-SSRS level',
    });
    writeFileSync(join(outDir, 'metrics.json'), `${JSON.stringify(evaluation, null, 2)}\n`);
  }
  return evaluation;
}

const pct = (x: number | null) => (x === null ? '-' : x.toFixed(3));

export function printEvaluation(e: GateEvaluation): void {
  const t = e.thresholds;
  console.log(
    `\n${e.model}  thresholds: model ${t.model.toFixed(3)}, mitigated ${t.mitigated.toFixed(3)}, ` +
      `short (< ${t.shortTokens} tokens) ${Math.max(t.short, t.model).toFixed(3)}`,
  );
  const rows = [
    ...e.sources.map((s) => ({ source: s.source, unit: s.unit, ...s.report, hnFpr: s.hardNegativeFpr, hn: s.hardNegatives })),
    { source: 'POOLED journal+C-SSRS dev', unit: '', ...e.pooled, hnFpr: e.sources[0]?.hardNegativeFpr ?? null, hn: e.sources[0]?.hardNegatives ?? 0 },
  ];
  console.table(
    rows.map((r) => ({
      source: r.source,
      unit: r.unit,
      n: r.n,
      recall: pct(r.recall),
      precision: pct(r.precision),
      F1: pct(r.f1),
      'HN FPR': pct(r.hnFpr),
      'HN n': r.hn,
    })),
  );
  console.log(`targets: recall ≥ ${TARGETS.recall}, precision ≥ ${TARGETS.precision}, hard-negative FPR ≤ ${TARGETS.hardNegativeFpr}`);
  console.log('\nconfusion matrices (rows gold, columns gate):');
  for (const s of [...e.sources, { source: 'POOLED', report: e.pooled }]) {
    console.log(`  ${s.source}`);
    console.table({ crisis: { flagged: s.report.tp, 'not flagged': s.report.fn }, 'not crisis': { flagged: s.report.fp, 'not flagged': s.report.tn } });
  }
  console.log('hard negatives flagged, by kind (journal dev):');
  console.table(e.hardNegativeByKind);
  console.log('journal dev crisis entries, by category:');
  console.table(e.journalCategoryRecall);
  const g = e.goemotionsDevFlagged;
  console.log(`GoEmotions dev comments flagged (no crisis labels; chat-like false alarms): ${g.flagged}/${g.n} = ${(g.flagged / Math.max(1, g.n)).toFixed(4)}`);
  console.log('C-SSRS dev posts flagged, by level:');
  console.table(e.cssrsPostsFlaggedByLevel);
}
