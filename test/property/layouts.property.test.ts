/**
 * Issue #9, property: one table read the same whatever its dress. Two base tables — one row per
 * indicator (まちづくり指標 table) and two rows per indicator (進行管理表: 目標値 / 実績値 rows, years
 * across) — hold the same four indicators. Each run permutes the columns other than the name (year
 * columns included), inserts blank rows and columns, swaps header words for synonyms (実績値↔実績,
 * 目標値↔目標, 指標名↔まちづくり指標, 基準値↔現状値), removes merges, moves the legend and puts text after
 * the table. The engine (in process) must read the same indicators (name, current, previous, target,
 * mark, rate) and `planFill` must touch the same logical cells (indicator × mark/rate) with the same
 * values.
 *
 * The oracle is hand-worked (never computed by the engine):
 *   P1 相談件数    b 348 (R3)  p 356  c 404  t 450 (R8) → c < t, c > p → ○; 404/450 = 0.89777… → 0.898
 *   P2 訪問件数    b 429       p 431  c 421  t 470      → c < p → ▼;           421/470 = 0.89574… → 0.896
 *   P3 居場所の数  b 24        p 30   c 36   t 35       → c ≥ t → ◎;           36/35   = 1.02857… → 1.029
 *   P4 孤独を感じる市民の割合 b 38.4 p 37.0 c 35.2 t 30.0: lower is better (t < b); c > t, c better
 *      than p → ○; 30/35.2 = 0.85227… → 0.852
 * Written: P1 mark empty, rate empty; P2 mark ○ (wrong), rate 0.896; P3 mark ◎, rate empty; P4 ○, 0.852.
 * So fill writes exactly: P1 mark ○, P1 rate 0.898, P2 mark ▼, P3 rate 1.029.
 */
import fc from "fast-check";
import { analyzeWorkbook, planFill } from "../../src/engine";
import type { CellValue, RangeRef, SheetSnapshot, WorkbookSnapshot } from "../../src/engine/model/snapshot";

const RUNS = 30;
const SEED = 20261209;

const LEGEND =
  "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）";

interface Oracle {
  name: string;
  unit: string;
  current: number;
  previous: number;
  target: number;
  mark: string;
  rate: number;
}

const ORACLE: Oracle[] = [
  { name: "相談件数", unit: "件", current: 404, previous: 356, target: 450, mark: "○", rate: 0.898 },
  { name: "訪問件数", unit: "件", current: 421, previous: 431, target: 470, mark: "▼", rate: 0.896 },
  { name: "居場所の数", unit: "箇所", current: 36, previous: 30, target: 35, mark: "◎", rate: 1.029 },
  { name: "孤独を感じる市民の割合", unit: "%", current: 35.2, previous: 37.0, target: 30.0, mark: "○", rate: 0.852 },
];
/** What fill must write: indicator | kind | value. */
const FILL = ["相談件数|mark|○", "相談件数|rate|0.898", "訪問件数|mark|▼", "居場所の数|rate|1.029"].sort();

/** The values written in the sheet, per indicator (one-row layout). */
const ONE_ROW = [
  { b: 348, p: 356, c: 404, t: 450, mark: null, rate: null },
  { b: 429, p: 431, c: 421, t: 470, mark: "○", rate: 0.896 },
  { b: 24, p: 30, c: 36, t: 35, mark: "◎", rate: null },
  { b: 38.4, p: 37.0, c: 35.2, t: 30.0, mark: "○", rate: 0.852 },
];
/** Two-row layout: per-year targets (令和4〜6) and actuals (令和3 = baseline, 令和4〜6). */
const TWO_ROW = [
  { tg: [380, 400, 420], fin: 450, ac: [348, 352, 356, 404] },
  { tg: [440, 450, 460], fin: 470, ac: [429, 430, 431, 421] },
  { tg: [26, 28, 30], fin: 35, ac: [24, 27, 30, 36] },
  { tg: [37.0, 36.0, 35.0], fin: 30.0, ac: [38.4, 37.5, 37.0, 35.2] },
];

// ───────────────────────────────────────────────────────────────── a grid with roles per cell ──

class Grid {
  values: CellValue[][] = [];
  formats: (string | null)[][] = [];
  merges: RangeRef[] = [];
  /** Logical name of a cell: "indicator|mark" or "indicator|rate" for the cells fill may write. */
  logical = new Map<string, string>();
  set(r: number, c: number, v: CellValue, fmt?: string) {
    (this.values[r] ??= [])[c] = v;
    if (fmt) (this.formats[r] ??= [])[c] = fmt;
  }
  snapshot(name: string): SheetSnapshot {
    const rowCount = this.values.length;
    const colCount = this.values.reduce((m, r) => Math.max(m, r ? r.length : 0), 0);
    for (let r = 0; r < rowCount; r++) this.values[r] ??= [];
    return { name, values: this.values, numberFormats: this.formats, merges: this.merges, rowCount, colCount };
  }
}

function a1(r: number, c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${r + 1}`;
}

// ─────────────────────────────────────────────────────────────────────────────── the dress ──

interface Dress {
  /** Order of the non-name column groups (indices into the base list). */
  order: number[];
  /** Swap the two columns inside a two-column group (実績値 R5/R6), one-row layout. */
  swapInner: boolean;
  /** Blank columns inserted before group i (i = 0 … groups). */
  blankCols: boolean[];
  /** Blank rows: between title and header, after the header, before each indicator (i ≥ 1). */
  blankAbove: number;
  blankAfterHeader: boolean;
  blankBetween: boolean[];
  synonyms: { name: boolean; actual: boolean; target: boolean; base: boolean };
  /** One-row layout: 0 = one header row (years in the header), 1 = two rows merged, 2 = two rows not merged. */
  header: 0 | 1 | 2;
  /** Two-row layout: No/name/unit/mark/rate merged over the pair. */
  merged: boolean;
  legend: "above" | "below" | "below-blank";
  after: "none" | "sentence" | "blank-sentence" | "heading";
}

const dressArb = (groups: number): fc.Arbitrary<Dress> =>
  fc.record({
    order: fc.shuffledSubarray([...Array(groups).keys()], { minLength: groups, maxLength: groups }),
    swapInner: fc.boolean(),
    blankCols: fc.array(fc.integer({ min: 0, max: 3 }).map((n) => n === 0), { minLength: groups + 1, maxLength: groups + 1 }),
    blankAbove: fc.integer({ min: 0, max: 2 }),
    blankAfterHeader: fc.boolean(),
    blankBetween: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }).map((a) => a.map((x, i) => i > 0 && x)),
    synonyms: fc.record({ name: fc.boolean(), actual: fc.boolean(), target: fc.boolean(), base: fc.boolean() }),
    header: fc.constantFrom(0 as const, 1 as const, 2 as const),
    merged: fc.boolean(),
    legend: fc.constantFrom("above" as const, "below" as const, "below-blank" as const),
    after: fc.constantFrom("none" as const, "sentence" as const, "blank-sentence" as const, "heading" as const),
  });

function writeTrailer(g: Grid, row: number, d: Dress): void {
  let r = row;
  if (d.legend !== "above") {
    if (d.legend === "below-blank") r++;
    g.set(r++, 0, LEGEND);
  }
  if (d.after === "blank-sentence") r++;
  if (d.after === "sentence" || d.after === "blank-sentence") g.set(r, 0, "計画書の全文は市ホームページに掲載");
  if (d.after === "heading") {
    g.set(r + 1, 0, "３　施策を構成する基本計画事業等の取組実績／今後の方向");
    g.set(r + 2, 0, "■06-1　地域におけるトータルケアの推進");
  }
}

/** Title, blank rows and (maybe) the legend above the header; returns the header row. */
function writeTop(g: Grid, d: Dress, titles: string[]): number {
  titles.forEach((t, i) => g.set(i, 0, t));
  let r = titles.length + d.blankAbove;
  if (d.legend === "above") g.set(r++, 0, LEGEND);
  return r;
}

// ─────────────────────────────────────────────────────────────────── one row per indicator ──

type OneGroup = "unit" | "baseline" | "actuals" | "target" | "trend" | "rate" | "remarks";
const ONE_GROUPS: OneGroup[] = ["unit", "baseline", "actuals", "target", "trend", "rate", "remarks"];

function oneRowSheet(d: Dress): SheetSnapshot {
  const g = new Grid();
  const hr = writeTop(g, d, ["施策・事務事業マネジメントシート【令和７年度】"]);
  const two = d.header !== 0;
  const W = {
    name: d.synonyms.name ? "まちづくり指標" : "指標名",
    actual: d.synonyms.actual ? "実績" : "実績値",
    target: d.synonyms.target ? "目標" : "目標値",
    base: d.synonyms.base ? "現状値" : "基準値",
  };
  // columns: name at the first column, then the groups in the dress's order, blank columns between
  type Col = { group: OneGroup | "name"; sub?: 23 | 24 };
  const cols: (Col | null)[] = [{ group: "name" }];
  d.order.forEach((gi, k) => {
    if (d.blankCols[k]) cols.push(null);
    const group = ONE_GROUPS[gi];
    if (group === "actuals") {
      const subs: (23 | 24)[] = d.swapInner ? [24, 23] : [23, 24];
      for (const sub of subs) cols.push({ group, sub });
    } else cols.push({ group });
  });
  const header1 = (c: Col): string | null => {
    const yearIn = (s: string, y: string) => (two ? s : `${s}（${y}）`);
    switch (c.group) {
      case "name": return W.name;
      case "unit": return "単位";
      case "baseline": return two ? `${W.base}\n（基準年度）` : `${W.base}（基準年度）`;
      case "actuals": return two ? null : yearIn(W.actual, c.sub === 23 ? "令和5年度" : "令和6年度");
      case "target": return two ? `${W.target}\n（目標年度）` : `${W.target}（目標年度）`;
      case "trend": return "指標の推移（※）";
      case "rate": return "達成率";
      case "remarks": return "考察";
    }
  };
  cols.forEach((c, j) => {
    if (!c) return;
    const h = header1(c);
    if (h !== null) g.set(hr, j, h);
    if (two && c.group === "actuals") {
      const firstOfPair = cols[j - 1]?.group !== "actuals";
      if (firstOfPair) g.set(hr, j, W.actual);
      g.set(hr + 1, j, c.sub === 23 ? "（令和5年度）" : "（令和6年度）");
      if (firstOfPair && d.header === 1) g.merges.push({ top: hr, left: j, bottom: hr, right: j + 1 });
    } else if (d.header === 1) g.merges.push({ top: hr, left: j, bottom: hr + 1, right: j });
  });
  let r = hr + (two ? 2 : 1) + (d.blankAfterHeader ? 1 : 0);
  ONE_ROW.forEach((v, i) => {
    if (d.blankBetween[i]) r++;
    const o = ORACLE[i];
    cols.forEach((c, j) => {
      if (!c) return;
      switch (c.group) {
        case "name": g.set(r, j, o.name); break;
        case "unit": g.set(r, j, o.unit); break;
        case "baseline": g.set(r, j, `${v.b}\n令和3年度`); break;
        case "actuals": g.set(r, j, c.sub === 23 ? v.p : v.c); break;
        case "target": g.set(r, j, `${v.t}\n令和8年度`); break;
        case "trend": g.set(r, j, v.mark); g.logical.set(a1(r, j), `${o.name}|mark`); break;
        case "rate": g.set(r, j, v.rate, "0.0%"); g.logical.set(a1(r, j), `${o.name}|rate`); break;
        case "remarks": g.set(r, j, "・前年度の取組を継続した。"); break;
      }
    });
    r++;
  });
  writeTrailer(g, r, d);
  const s = g.snapshot("マネジメントシート");
  (s as SheetSnapshot & { logical?: Map<string, string> }).logical = g.logical;
  return s;
}

// ──────────────────────────────────────────────────────────────── two rows per indicator ──

type TwoGroup = "unit" | "category" | "y2021" | "y2022" | "y2023" | "y2024" | "y2026" | "trend" | "rate";
const TWO_GROUPS: TwoGroup[] = ["unit", "category", "y2021", "y2022", "y2023", "y2024", "y2026", "trend", "rate"];

function twoRowSheet(d: Dress): SheetSnapshot {
  const g = new Grid();
  const hr = writeTop(g, d, ["第６次総合計画　進行管理表", "【令和７年度】"]);
  const W = {
    name: d.synonyms.name ? "まちづくり指標" : "指標名",
    actual: d.synonyms.actual ? "実績" : "実績値",
    target: d.synonyms.target ? "目標" : "目標値",
    base: d.synonyms.base ? "現状値" : "基準",
  };
  const cols: (TwoGroup | "no" | "name" | null)[] = ["no", "name"];
  d.order.forEach((gi, k) => {
    if (d.blankCols[k]) cols.push(null);
    cols.push(TWO_GROUPS[gi]);
  });
  const headers: Record<string, string> = {
    no: "No", name: W.name, unit: "単位", category: "区分",
    y2021: `令和3年度（${W.base}）`, y2022: "令和4年度", y2023: "令和5年度", y2024: "令和6年度",
    y2026: `令和8年度（${d.synonyms.target ? "目標" : "目標値"}）`, trend: "指標の推移", rate: "達成率",
  };
  cols.forEach((c, j) => c && g.set(hr, j, headers[c]));
  let r = hr + 1 + (d.blankAfterHeader ? 1 : 0);
  TWO_ROW.forEach((v, i) => {
    if (d.blankBetween[i]) r++;
    const o = ORACLE[i];
    const w = ONE_ROW[i];
    cols.forEach((c, j) => {
      if (!c) return;
      const top = (x: CellValue, fmt?: string) => {
        g.set(r, j, x, fmt);
        if (d.merged) g.merges.push({ top: r, left: j, bottom: r + 1, right: j });
      };
      switch (c) {
        case "no": top(i + 1); break;
        case "name": top(o.name); break;
        case "unit": top(o.unit); break;
        case "category": g.set(r, j, W.target); g.set(r + 1, j, W.actual); break;
        case "y2021": g.set(r, j, "―"); g.set(r + 1, j, v.ac[0]); break;
        case "y2022": g.set(r, j, v.tg[0]); g.set(r + 1, j, v.ac[1]); break;
        case "y2023": g.set(r, j, v.tg[1]); g.set(r + 1, j, v.ac[2]); break;
        case "y2024": g.set(r, j, v.tg[2]); g.set(r + 1, j, v.ac[3]); break;
        case "y2026": g.set(r, j, v.fin); g.set(r + 1, j, "―"); break;
        case "trend": top(w.mark); g.logical.set(a1(r, j), `${o.name}|mark`); break;
        case "rate": top(w.rate, "0.0%"); g.logical.set(a1(r, j), `${o.name}|rate`); break;
      }
    });
    r += 2;
  });
  writeTrailer(g, r, d);
  const s = g.snapshot("進行管理表");
  (s as SheetSnapshot & { logical?: Map<string, string> }).logical = g.logical;
  return s;
}

// ───────────────────────────────────────────────────────────────────────────── the property ──

function readAndFill(sheet: SheetSnapshot) {
  const logical = (sheet as SheetSnapshot & { logical: Map<string, string> }).logical;
  const wb: WorkbookSnapshot = { name: "layout.xlsx", sheets: [sheet] };
  const a = analyzeWorkbook(wb);
  const indicators = a.indicators
    .filter((i) => i.name !== "")
    .map((i) => ({
      name: i.name,
      current: i.current.value,
      previous: i.previous.value,
      target: i.target.value,
      mark: i.trendMark,
      rate: i.achievementRate,
    }));
  const plan = planFill(wb);
  const fill = plan.changes
    .map((c) => {
      const what = logical.get(c.cell) ?? `(not an indicator's mark or rate cell) ${c.cell}`;
      const after = typeof c.after === "number" ? String(Math.round(c.after * 1000) / 1000) : String(c.after);
      return `${what}|${after}`;
    })
    .sort();
  return { indicators, fill };
}

const WANT_INDICATORS = ORACLE.map((o) => ({ name: o.name, current: o.current, previous: o.previous, target: o.target, mark: o.mark, rate: o.rate }));

function show(sheet: SheetSnapshot): string {
  return sheet.values.map((row, r) => `${r + 1}: ${(row ?? []).map((v) => (v === null || v === undefined ? "" : String(v).replace(/\n/g, "⏎"))).join(" | ")}`).join("\n");
}

describe("one table, any dress: the same indicators and the same filled cells", () => {
  test.each([
    ["one row per indicator (まちづくり指標)", oneRowSheet, ONE_GROUPS.length] as const,
    ["two rows per indicator (進行管理表)", twoRowSheet, TWO_GROUPS.length] as const,
  ])("%s", (_label, make, groups) => {
    // the undressed table reads as the oracle says (so a failure below is about the dress)
    const plain: Dress = {
      order: [...Array(groups).keys()], swapInner: false, blankCols: Array(groups + 1).fill(false), blankAbove: 0,
      blankAfterHeader: false, blankBetween: [false, false, false, false], synonyms: { name: false, actual: false, target: false, base: false },
      header: 1, merged: true, legend: "below", after: "none",
    };
    expect(readAndFill(make(plain))).toEqual({ indicators: WANT_INDICATORS, fill: FILL });
    fc.assert(
      fc.property(dressArb(groups), (d) => {
        const sheet = make(d);
        const got = readAndFill(sheet);
        if (JSON.stringify(got) !== JSON.stringify({ indicators: WANT_INDICATORS, fill: FILL })) {
          throw new Error(`read differently in this dress:\n${show(sheet)}\n\ngot: ${JSON.stringify(got, null, 1)}`);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
