/**
 * Fuzz: seed-like tables with random cells overwritten, random merges and random sheets of header
 * words, values and any text. Whatever arrives, analyzeWorkbook and planFill answer without
 * throwing, every address they give lies on the sheet and inside the table it belongs to, Fill
 * writes only 指標の推移 / 達成率 cells, and filling twice changes nothing the second time.
 */
import fc from "fast-check";
import { analyzeWorkbook, parseA1, parseRange, planFill, type FillPlan } from "../../src/engine";
import type { CellValue, RangeRef, SheetSnapshot } from "../../src/engine/model/snapshot";
import { anyText, RUNS } from "./arbitraries";
import { EVAL_LEGEND, Grid, indicatorBlock, indicatorTableSpec, place, progressBlock, progressTableSpec, TREND_LEGEND, type Block } from "./sheetgen";

const HEADER_WORDS = [
  "指標", "指標名", "まちづくり指標", "単位", "基準値", "基準値\n（基準年度）", "現状値", "実績値", "実績値（令和5年度）", "（令和6年度）",
  "目標値", "目標", "指標の推移", "推移", "達成率", "評価", "項目", "説明(進捗状況)", "基本施策", "計画の記載", "担当", "区分",
  "考察", "基本計画事業名", "取組実績", "今後の方向", "計画どおり", "現状継続", "会議名", "開催頻度", "事業名", "内容", "所管課", "No",
];
const VALUES: CellValue[] = [
  "348\n令和3年度", "450（令和8年度）", "86%（令和7年度）", "－", "―", "上昇", "減少", "維持", "未把握", "調査未実施", "令和8年度以降に記載予定",
  "１，４４０件", "年4回（令和11年度）", "△5", "1,120件", "25.6%", { error: "#DIV/0!" }, { error: "#N/A" }, { error: "#REF!" }, true, false,
  "◎", "○", "▼", "⇒", "－", "〇", "☆", "△", "□", "×", "【再掲】", "(1)", "1 市民の主体的な地域福祉活動の促進", "■06-1 地域におけるトータルケアの推進",
  TREND_LEGEND, EVAL_LEGEND, "※ 達成率＝実績値÷目標値", "資料３",
];

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom(...HEADER_WORDS) },
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 3, arbitrary: fc.oneof(fc.integer({ min: -1000, max: 100000 }), fc.double({ noNaN: true })) },
  { weight: 2, arbitrary: anyText },
);

interface Mutation {
  x: number;
  y: number;
  value: CellValue;
}
interface MergeSpec {
  x: number;
  y: number;
  h: number;
  w: number;
}

const mutations = fc.array(fc.record({ x: fc.nat(), y: fc.nat(), value: cellValue }), { maxLength: 12 });
const mergeSpecs = fc.array(fc.record({ x: fc.nat(), y: fc.nat(), h: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 4 }) }), { maxLength: 4 });

function build(block: Block | null, dr: number, dc: number, muts: Mutation[], merges: MergeSpec[], rows = 12, cols = 10): SheetSnapshot {
  const g = new Grid();
  if (block) place(g, block, dr, dc, true);
  const H = Math.max(rows, block ? dr + block.rows.length + 2 : 0);
  const W = Math.max(cols, block ? dc + block.width + 2 : 0);
  for (const m of merges) {
    const top = m.y % H;
    const left = m.x % W;
    const range = { top, left, bottom: Math.min(H - 1, top + m.h - 1), right: Math.min(W - 1, left + m.w - 1) };
    if ((range.top === range.bottom && range.left === range.right) || g.overlaps(range)) continue;
    g.merge(range);
  }
  for (const m of muts) {
    const r = m.y % H;
    const c = m.x % W;
    const row = (g.values[r] ??= []);
    row[c] = m.value;
  }
  return g.snapshot("F");
}

const sheets: fc.Arbitrary<SheetSnapshot> = fc.oneof(
  // a seed-like table with cells overwritten and merges added
  fc
    .tuple(fc.oneof(indicatorTableSpec.map(indicatorBlock), progressTableSpec.map(progressBlock)), fc.nat({ max: 4 }), fc.nat({ max: 3 }), mutations, mergeSpecs)
    .map(([b, dr, dc, m, mg]) => build(b, dr, dc, m, mg)),
  // a sheet of random header words, values and text
  fc
    .tuple(
      fc.integer({ min: 1, max: 14 }),
      fc.integer({ min: 1, max: 10 }),
      fc.array(fc.record({ x: fc.nat(), y: fc.nat(), value: cellValue }), { maxLength: 80 }),
      mergeSpecs,
    )
    .map(([rows, cols, m, mg]) => build(null, 0, 0, m, mg, rows, cols)),
);

function inside(r: RangeRef, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/** Apply a fill plan's edits to a copy of the sheet, as the workbook port would. */
function applied(sheet: SheetSnapshot, plan: FillPlan): SheetSnapshot {
  const values = sheet.values.map((r) => (r ? [...r] : r));
  const numberFormats = (sheet.numberFormats ?? []).map((r) => (r ? [...r] : r));
  for (const e of plan.batch.cells) {
    const { row, col } = parseA1(e.cell);
    (values[row] ??= [])[col] = e.value === undefined ? null : e.value;
    if (e.numberFormat !== undefined) (numberFormats[row] ??= [])[col] = e.numberFormat;
  }
  return { ...sheet, values, numberFormats, rowCount: Math.max(sheet.rowCount, values.length) };
}

describe("fuzz: damaged and random sheets", () => {
  test("analyzeWorkbook answers, and every address lies on the sheet and in its table", () => {
    let withIndicators = 0;
    fc.assert(
      fc.property(sheets, (sheet) => {
        const a = analyzeWorkbook({ name: "fuzz.xlsx", sheets: [sheet] });
        if (a.indicators.length > 0) withIndicators++;
        const tables = a.sheets[0].tables.map((t) => parseRange(t.range));
        for (const t of tables) {
          expect(t.top).toBeGreaterThanOrEqual(0);
          expect(t.left).toBeGreaterThanOrEqual(0);
          expect(t.bottom).toBeLessThan(sheet.rowCount);
          expect(t.right).toBeLessThan(sheet.colCount);
          expect(t.top).toBeLessThanOrEqual(t.bottom);
          expect(t.left).toBeLessThanOrEqual(t.right);
        }
        for (const ind of a.indicators) {
          const t = parseRange(ind.table);
          expect(a.sheets[0].tables.map((x) => x.range)).toContain(ind.table);
          expect(ind.row - 1).toBeGreaterThan(t.top);
          expect(ind.row - 1).toBeLessThanOrEqual(t.bottom);
          for (const c of [ind.markCell, ind.rateCell]) {
            if (c === null) continue;
            const p = parseA1(c);
            expect(inside(t, p.row, p.col)).toBe(true);
          }
          for (const v of [ind.baseline.value, ind.current.value, ind.previous.value, ind.target.value]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
          if (ind.achievementRate !== null) expect(Number.isFinite(ind.achievementRate)).toBe(true);
          expect(["◎", "○", "▼", "⇒", "－"]).toContain(ind.trendMark);
        }
        for (const f of a.issues) {
          const p = parseA1(f.cell);
          expect(p.row).toBeGreaterThanOrEqual(0);
          expect(p.row).toBeLessThan(sheet.rowCount);
          expect(p.col).toBeLessThan(sheet.colCount);
          expect(f.message.length).toBeGreaterThan(0);
          expect(/^[a-z]+(-[a-z]+)*$/.test(f.rule)).toBe(true);
        }
        for (const p of a.progressItems) expect(tables.some((t) => p.row - 1 > t.top && p.row - 1 <= t.bottom)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    // the fuzz reaches the interesting part: many sheets still hold an indicator table
    expect(withIndicators).toBeGreaterThan(RUNS / 10);
  });

  test("Fill writes only the 指標の推移 / 達成率 cells of the indicators it found, and a second Fill changes nothing", () => {
    let withChanges = 0;
    fc.assert(
      fc.property(sheets, (sheet) => {
        const a = analyzeWorkbook({ sheets: [sheet] });
        // merged areas on indicator rows included: a mark/rate cell shared with another column or
        // another indicator's row is not written
        const plan = planFill({ sheets: [sheet] });
        const allowed = new Set(a.indicators.flatMap((i) => [i.markCell, i.rateCell]).filter((c): c is string => c !== null));
        expect(plan.batch.cells.map((c) => c.cell)).toEqual(plan.changes.map((c) => c.cell));
        for (const c of plan.changes) expect(allowed.has(c.cell)).toBe(true);
        expect(new Set(plan.changes.map((c) => c.cell)).size).toBe(plan.changes.length);
        if (plan.changes.length > 0) withChanges++;
        const again = planFill({ sheets: [applied(sheet, plan)] });
        expect(again.changes).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(withChanges).toBeGreaterThan(RUNS / 10);
  });
});
