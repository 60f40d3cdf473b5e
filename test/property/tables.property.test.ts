/**
 * The table recognizer with random surroundings: a seed-like indicator table (DOMAIN.md sheet 1
 * §2-2) and a progress table (sheet 2) are placed at a random offset, with random junk cells and
 * merges in the rows above and the columns left of them (one blank row/column apart) and random
 * legend rows between their data rows. The same tables must be found, with the same indicators
 * (values, years, marks, rates) and progress items, only moved.
 */
import fc from "fast-check";
import { achievementRate, analyzeWorkbook, planFill, parseA1, parseRange, rangeToA1, resolveSettings, toA1, trendMark, type WorkbookAnalysis } from "../../src/engine";
import { classifyHeader } from "../../src/engine/tables/headers";
import type { Direction } from "../../src/engine/model/indicator";
import type { CellValue, SheetSnapshot } from "../../src/engine/model/snapshot";
import {
  addJunk,
  Grid,
  indicatorBlock,
  indicatorTableSpec,
  INDICATOR_NAMES,
  ITEM_NAMES,
  junkSpec,
  place,
  policyText,
  POLICY_NAMES,
  progressBlock,
  progressTableSpec,
  safeText,
  type Block,
  type IndicatorTableSpec,
  type JunkSpec,
  type ProgressTableSpec,
} from "./sheetgen";
import { RUNS as BASE_RUNS } from "./arbitraries";

/** Runs per table property (each run analyses one or two generated sheets). */
const RUNS = BASE_RUNS;

/**
 * Numbers (and digit-only texts) in the junk left of the table on its header rows are allowed:
 * the recognizer judges the second header row by the table's own columns only.
 */
const LEFT_NUMBERS_ON_HEADER_ROWS_FIXED = true;

function junkAllowed(block: Block, rowOf: number[]) {
  const headerRows = new Set(block.headerRows.map((i) => rowOf[i]));
  return (area: "above" | "left", row: number, _col: number, value: CellValue): boolean => {
    if (LEFT_NUMBERS_ON_HEADER_ROWS_FIXED || area !== "left" || !headerRows.has(row)) return true;
    return !(typeof value === "number" || (typeof value === "string" && /^\s*\d+\s*$/.test(value)));
  };
}

interface Placed {
  analysis: WorkbookAnalysis;
  sheet: SheetSnapshot;
  /** Sheet row (0-based) of each block row, −1 when the row is left out. */
  rowOf: number[];
  dc: number;
}

function analyse(block: Block, junk: JunkSpec | null): Placed {
  const grid = new Grid();
  const dr = junk ? junk.dr : 0;
  const dc = junk ? junk.dc : 0;
  const rowOf = place(grid, block, dr, dc, junk !== null);
  if (junk) addJunk(grid, junk, block.rows.length, block.width, junkAllowed(block, rowOf));
  const sheet = grid.snapshot("表");
  return { analysis: analyzeWorkbook({ name: "prop.xlsx", sheets: [sheet] }), sheet, rowOf, dc };
}

/** Map a 0-based sheet row of the clean sheet to the row of the same block row in the other. */
function rowMapper(clean: Placed, moved: Placed): (row: number) => number {
  const blockRow = new Map<number, number>();
  clean.rowOf.forEach((r, i) => r >= 0 && blockRow.set(r, i));
  return (row) => {
    const i = blockRow.get(row);
    if (i === undefined) throw new Error(`row ${row + 1} of the clean sheet is not a block row`);
    return moved.rowOf[i];
  };
}

function cellMapper(clean: Placed, moved: Placed): (a1: string | null) => string | null {
  const row = rowMapper(clean, moved);
  return (a1) => {
    if (a1 === null) return null;
    const p = parseA1(a1);
    return toA1(row(p.row), p.col + moved.dc - clean.dc);
  };
}

function rangeMapper(clean: Placed, moved: Placed): (a1: string) => string {
  const row = rowMapper(clean, moved);
  return (a1) => {
    const r = parseRange(a1);
    return rangeToA1({ top: row(r.top), bottom: row(r.bottom), left: r.left + moved.dc - clean.dc, right: r.right + moved.dc - clean.dc });
  };
}

/** Where a table is (its kind, sheet and range; the column letters move with it). */
function placeOf(t: { kind: string; sheet: string; range: string }) {
  return { kind: t.kind, sheet: t.sheet, range: t.range };
}

/** The same answer, moved: tables, indicators, progress items, findings. */
function expectSameMoved(clean: Placed, moved: Placed): void {
  const cell = cellMapper(clean, moved);
  const range = rangeMapper(clean, moved);
  const row = rowMapper(clean, moved);
  const a = clean.analysis;
  const b = moved.analysis;
  expect(b.sheets[0].tables.map(placeOf)).toEqual(a.sheets[0].tables.map((t) => ({ ...placeOf(t), range: range(t.range) })));
  expect(b.indicators).toEqual(
    a.indicators.map((i) => ({
      ...i,
      row: row(i.row - 1) + 1,
      markCell: cell(i.markCell),
      rateCell: cell(i.rateCell),
      gradeCell: cell(i.gradeCell),
      series: {
        points: i.series.points.map((p) => ({
          ...p,
          targetCell: cell(p.targetCell),
          actualCell: cell(p.actualCell),
          rateCell: cell(p.rateCell),
          gradeCell: cell(p.gradeCell),
        })),
      },
      table: range(i.table),
    })),
  );
  expect(b.progressItems).toEqual(a.progressItems.map((p) => ({ ...p, row: row(p.row - 1) + 1 })));
  const findings = (x: WorkbookAnalysis, map: (c: string) => string | null) =>
    x.issues.map((f) => [f.rule, f.severity, map(f.cell), f.expected, f.actual].join("|")).sort();
  expect(findings(b, (c) => c)).toEqual(findings(a, (c) => cell(c)));
}

test("the generators spell no header word in the junk, the names or the items", () => {
  fc.assert(fc.property(safeText, (s) => expect(classifyHeader(s)).toBeNull()), { numRuns: 200 });
  for (const n of [...INDICATOR_NAMES, ...ITEM_NAMES, ...POLICY_NAMES]) expect(classifyHeader(n)).toBeNull();
});

describe("indicator table (sheet 1 §2-2) among junk", () => {
  function expectReadsSpec(spec: IndicatorTableSpec, placed: Placed): void {
    const inds = placed.analysis.indicators;
    expect(inds.map((i) => i.name)).toEqual(spec.rows.map((s) => s.name));
    const settings = resolveSettings();
    spec.rows.forEach((s, k) => {
      const ind = inds[k];
      const q = typeof s.target === "number" ? null : s.target;
      const t = typeof s.target === "number" ? s.target : null;
      expect(ind.unit).toBe(s.unit);
      expect(ind.baseline.value).toBe(s.baseline);
      if (s.baseline !== null) expect(ind.baseline.year).toBe(2018 + s.baseYear);
      expect(ind.previous).toEqual({ value: s.previous, year: 2018 + spec.actualYear });
      expect(ind.current).toEqual({ value: s.current, year: 2019 + spec.actualYear });
      expect(ind.target).toEqual({ value: t, year: 2018 + s.targetYear, qualitative: q });
      const direction: Direction = q === "減少" || (q === null && s.baseline !== null && t !== null && t < s.baseline) ? "decrease" : "increase";
      expect(ind.direction).toBe(direction);
      const x = { current: s.current, previous: s.previous, baseline: s.baseline, target: t, qualitative: q, direction };
      expect(ind.trendMark).toBe(trendMark(x));
      expect(ind.achievementRate).toBe(achievementRate(x, settings));
    });
  }

  test("clean, at A1: the table and every indicator as generated", () => {
    fc.assert(
      fc.property(indicatorTableSpec, (spec) => {
        const block = indicatorBlock(spec);
        const clean = analyse(block, null);
        const last = clean.rowOf[block.rows.length - 2];
        expect(clean.analysis.sheets[0].tables.map(placeOf)).toEqual([{ kind: "indicators", sheet: "表", range: `A1:I${last + 1}` }]);
        expectReadsSpec(spec, clean);
        // a formula error (#DIV/0!, #N/A, #REF!) is an unknown value with a finding on its cell
        const isError = (v: unknown) => (typeof v === "object" && v !== null) || v === "#REF!";
        const errorCells = spec.rows.flatMap((s, k) =>
          !isError(s.missing)
            ? []
            : ([["C", s.baseline], ["D", s.previous], ["E", s.current]] as const).filter(([, v]) => v === null).map(([col]) => `${col}${k + 3}`),
        );
        const flagged = clean.analysis.issues.filter((f) => f.rule === "formula-error").map((f) => f.cell);
        expect(flagged.sort()).toEqual(errorCells.sort());
      }),
      { numRuns: RUNS },
    );
  });

  test("moved, with junk above and to the left and legend rows between the data rows: the same answer", () => {
    fc.assert(
      fc.property(indicatorTableSpec, junkSpec(), (spec, junk) => {
        const block = indicatorBlock(spec);
        const clean = analyse(block, null);
        const moved = analyse(block, junk);
        expectSameMoved(clean, moved);
        expectReadsSpec(spec, moved);
        // Fill writes the same marks and rates into the same (moved) cells
        const cell = cellMapper(clean, moved);
        const fill = (p: Placed) => planFill({ sheets: [p.sheet] }).changes;
        expect(fill(moved)).toEqual(fill(clean).map((c) => ({ ...c, cell: cell(c.cell) })));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("progress table (sheet 2) among junk", () => {
  function expectReadsSpec(spec: ProgressTableSpec, placed: Placed): void {
    const items = placed.analysis.progressItems;
    const want = spec.groups.flatMap((g, gi) =>
      g.items.map((it, k) => ({
        policy: policyText(spec, gi),
        number: `(${k + 1})`,
        name: it.name.replace(/（/g, "(").replace(/）/g, ")"),
        evaluation: it.evaluation || null,
        figures: it.figures.map((f) => ({ label: f.label, value: f.value, unit: f.unit, previous: f.previous })),
      })),
    );
    expect(items.map((p) => ({ policy: p.policy, number: p.number, name: p.name, evaluation: p.evaluation, figures: p.figures }))).toEqual(want);
  }

  test("clean, at A1: one table over every printed page, every item as generated", () => {
    fc.assert(
      fc.property(progressTableSpec, (spec) => {
        const block = progressBlock(spec);
        const clean = analyse(block, null);
        const lastRow = clean.rowOf[block.rows.length - 1];
        expect(clean.analysis.sheets[0].tables.map(placeOf)).toEqual([{ kind: "progress", sheet: "表", range: `A3:H${lastRow + 1}` }]);
        expectReadsSpec(spec, clean);
      }),
      { numRuns: RUNS },
    );
  });

  test("moved, with junk above and to the left and legend rows between the items: the same answer", () => {
    fc.assert(
      fc.property(progressTableSpec, junkSpec(), (spec, junk) => {
        const block = progressBlock(spec);
        const clean = analyse(block, null);
        const moved = analyse(block, junk);
        expectSameMoved(clean, moved);
        expectReadsSpec(spec, moved);
      }),
      { numRuns: RUNS },
    );
  });
});
