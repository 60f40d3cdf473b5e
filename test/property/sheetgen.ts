/**
 * Generators of seed-like tables (DOMAIN.md sheet 1 §2-2 and sheet 2) as plain-data blocks, and of
 * random junk around them, for the recognizer's property tests.
 */
import fc from "fast-check";
import type { CellValue, RangeRef, SheetSnapshot } from "../../src/engine/model/snapshot";
import type { Qualitative } from "../../src/engine/model/indicator";
import { toFullWidth, withSeparators } from "./arbitraries";

/** A block of rows; merges are relative to the block; `inserted` rows are the perturbation rows. */
export interface Block {
  rows: CellValue[][];
  merges: RangeRef[];
  inserted: boolean[];
  width: number;
  /** Block row of the table's first header row. */
  headerRow: number;
  /** Block rows of every header row (the first header and its repeats on later printed pages). */
  headerRows: number[];
}

/** A sheet under construction. */
export class Grid {
  values: CellValue[][] = [];
  merges: RangeRef[] = [];
  set(r: number, c: number, v: CellValue): void {
    if (v === null || v === undefined) return;
    (this.values[r] ??= [])[c] = v;
  }
  clear(r: number, c: number): void {
    const row = this.values[r];
    if (row && c < row.length) row[c] = null;
  }
  overlaps(m: RangeRef): boolean {
    return this.merges.some((x) => !(m.right < x.left || m.left > x.right || m.bottom < x.top || m.top > x.bottom));
  }
  merge(m: RangeRef): void {
    this.merges.push(m);
    // Excel keeps only the top-left value of a merged area
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) this.clear(r, c);
  }
  snapshot(name: string): SheetSnapshot {
    let rowCount = this.values.length;
    let colCount = this.values.reduce((m, r) => Math.max(m, r ? r.length : 0), 0);
    for (const m of this.merges) {
      rowCount = Math.max(rowCount, m.bottom + 1);
      colCount = Math.max(colCount, m.right + 1);
    }
    // dense rows (no holes) so that every reader sees the same thing
    const values: CellValue[][] = [];
    for (let r = 0; r < this.values.length; r++) {
      const row = this.values[r];
      if (!row) continue;
      values[r] = Array.from({ length: row.length }, (_, c) => (row[c] === undefined ? null : row[c]));
    }
    return { name, values, merges: this.merges.map((m) => ({ ...m })), rowCount, colCount };
  }
}

/** Place a block at (dr, dc); without the inserted rows when `withInserted` is false. Returns the sheet row of each block row (−1 when left out). */
export function place(grid: Grid, block: Block, dr: number, dc: number, withInserted: boolean): number[] {
  const rowOf: number[] = [];
  let r = dr;
  for (let i = 0; i < block.rows.length; i++) {
    if (block.inserted[i] && !withInserted) {
      rowOf.push(-1);
      continue;
    }
    rowOf.push(r);
    block.rows[i].forEach((v, j) => grid.set(r, dc + j, v));
    r++;
  }
  for (const m of block.merges) {
    if (rowOf[m.top] < 0) continue;
    grid.merge({ top: rowOf[m.top], left: m.left + dc, bottom: rowOf[m.bottom], right: m.right + dc });
  }
  return rowOf;
}

// ----------------------------------------------------------------------------------------------
// Texts

export const TREND_LEGEND =
  "※　◎：目標達成　○：目標値を未達成（前年度より向上した）　▼：目標値を未達成（前年度より低下した）　⇒：目標値を未達成（前年度と同じ又は前年度数値未把握）　－：数値未把握（調査未実施など）";
export const EVAL_LEGEND =
  "※評価：「☆」予定通り進捗かつ特記事項あり、「○」予定通り進捗、「△」進捗あるが遅れ・課題あり、「□」検討中、「×」進捗なし、「◎」完了、「－」中止";

export const INDICATOR_NAMES = [
  "地域福祉コーディネーターの新規相談件数（地域支援）",
  "地域福祉コーディネーターの新規相談件数（個別支援）",
  "ボランティア登録者数",
  "待機児童数",
  "市民満足度",
  "地域ケア会議の開催回数",
  "認知症サポーター養成講座の受講者数",
  "ファミリー・サポート・センターの会員数",
  "見守り協力事業者数",
  "生活困窮者自立相談支援の新規相談件数",
  "孤独であると感じる市民の割合",
  "相談できる体制に満足している市民の割合",
];

export const ITEM_NAMES = [
  "地域社協（福祉の会）をはじめとする地域福祉団体への活動支援の充実",
  "市民社協等財政援助出資団体との連携",
  "シニア支え合いポイント制度の推進",
  "多様な形での就労支援の実施",
  "ひきこもり当事者・家族への支援の充実",
  "地域における見守り活動の推進",
  "成年後見制度の利用促進",
  "再犯防止に向けた地域の理解促進",
  "福祉人材の確保と育成",
];
export const POLICY_NAMES = [
  "市民の主体的な地域福祉活動の促進",
  "地域で支え合う仕組みづくり",
  "生活困窮者への支援",
  "誰もがいきいきと輝けるステージづくりの促進",
];
const PLAN_TEXTS = ["・市民社協の地域担当職員を通じた支援を行う。", "・毎年度、取組を見直す。", "・関係機関と連携して支援する。", "・心身の病気等を抱えた方々を支援する。"];
const OWNERS = ["市民社協", "地域支援課", "生活福祉課", "高齢者支援課", "障害者福祉課"];
const FIGURE_LABELS = ["出席件数", "相談件数", "交換ポイント数", "実利用者数", "登録者数", "開催回数"];

/** Junk text from an alphabet that spells no header word, legend, heading or number. */
const SAFE = [..."あいうえかきくけさしすせたちつてなにぬねまみむめやゆよらりるれわ山川田林森空海花鳥風月"];
export const safeText = fc.string({ unit: fc.constantFrom(...SAFE), minLength: 1, maxLength: 12 });

// ----------------------------------------------------------------------------------------------
// Indicator table (sheet 1 §2-2)

export interface IndicatorSpec {
  name: string;
  unit: string;
  baseline: number | null;
  baseYear: number; // 令和
  previous: number | null;
  current: number | null;
  target: number | Qualitative;
  targetYear: number; // 令和
  /** How the value cells are written. */
  textValues: boolean;
  fullWidth: boolean;
  unitInCells: boolean;
  yearOnSecondLine: boolean;
  /** How an unknown value is written: a dash, a word, empty, or a formula error. */
  missing: CellValue;
  mark: string;
  rate: number | null;
  remark: string;
}

const amount = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 1000 }).map((n) => n / 10));

const indicatorSpec = (name: string): fc.Arbitrary<IndicatorSpec> =>
  fc.record({
    name: fc.constant(name),
    unit: fc.constantFrom("件", "人", "回", "%", "箇所", "団体"),
    baseline: fc.option(amount, { nil: null, freq: 6 }),
    baseYear: fc.integer({ min: 1, max: 4 }),
    previous: fc.option(amount, { nil: null, freq: 5 }),
    current: fc.option(amount, { nil: null, freq: 5 }),
    target: fc.oneof({ weight: 4, arbitrary: amount }, { weight: 1, arbitrary: fc.constantFrom<Qualitative>("上昇", "減少", "維持") }),
    targetYear: fc.integer({ min: 7, max: 12 }),
    textValues: fc.boolean(),
    fullWidth: fc.boolean(),
    unitInCells: fc.boolean(),
    yearOnSecondLine: fc.boolean(),
    missing: fc.constantFrom<CellValue>("－", "―", "‐", "-", "調査未実施", "未把握", "", { error: "#DIV/0!" }, { error: "#N/A" }, "#REF!"),
    mark: fc.constantFrom("", "◎", "○", "▼", "⇒", "－", "〇"),
    rate: fc.option(fc.integer({ min: 0, max: 1500 }).map((n) => n / 1000), { nil: null }),
    remark: fc.oneof(fc.constant(""), safeText.map((s) => "・" + s)),
  });

/** Header words as the seeds and their variants spell them (DOMAIN.md: columns found by synonyms). */
export interface IndicatorHeaderSpec {
  name: string;
  baseline: string;
  target: string;
  trend: string;
  rate: string;
  remark: string;
}
export const indicatorHeaderSpec: fc.Arbitrary<IndicatorHeaderSpec> = fc.record({
  name: fc.constantFrom("まちづくり指標", "指標名", "指標", "成果指標"),
  baseline: fc.constantFrom("基準値\n（基準年度）", "基準値", "現状値", "基準値（基準年度）"),
  target: fc.constantFrom("目標値\n（目標年度）", "目標値", "目標", "目標値（目標年度）"),
  trend: fc.constantFrom("指標の推移\n（※）", "指標の推移", "推移", "指標の推移（※）"),
  rate: fc.constantFrom("達成率", "達成率\n（％）", "達成度"),
  remark: fc.constantFrom("考察", "備考", "コメント"),
});
export const SEED_INDICATOR_HEADER: IndicatorHeaderSpec = {
  name: "まちづくり指標",
  baseline: "基準値\n（基準年度）",
  target: "目標値\n（目標年度）",
  trend: "指標の推移\n（※）",
  rate: "達成率",
  remark: "考察",
};

export interface IndicatorTableSpec {
  header: IndicatorHeaderSpec;
  rows: IndicatorSpec[];
  /** 令和 year of the first 実績値 column (the second is the year after). */
  actualYear: number;
  /** Before each data row (index ≥ 1): insert a legend row (merged across the table or not). */
  legendsBefore: ("none" | "plain" | "merged")[];
}

export const indicatorTableSpec: fc.Arbitrary<IndicatorTableSpec> = fc
  .uniqueArray(fc.constantFrom(...INDICATOR_NAMES), { minLength: 1, maxLength: 6 })
  .chain((names) =>
    fc.record({
      header: fc.oneof(fc.constant(SEED_INDICATOR_HEADER), indicatorHeaderSpec),
      rows: fc.tuple(...names.map(indicatorSpec)),
      actualYear: fc.integer({ min: 4, max: 6 }),
      legendsBefore: fc.array(fc.constantFrom<"none" | "plain" | "merged">("none", "none", "plain", "merged"), { minLength: names.length, maxLength: names.length }),
    }),
  );

function spellNumber(n: number, s: IndicatorSpec, withUnit: boolean): string {
  const [i, d] = String(n).split(".");
  let t = withSeparators(i) + (d ? "." + d : "") + (withUnit && s.unitInCells ? s.unit : "");
  if (s.fullWidth) t = toFullWidth(t);
  return t;
}

function withYear(v: string, reiwa: number, s: IndicatorSpec): string {
  return s.yearOnSecondLine ? `${v}\n令和${reiwa}年度` : `${v}（令和${reiwa}年度）`;
}

/** The table as seed 000 prints it: header over two rows with 実績値 merged over two year columns, legend at the end. */
export function indicatorBlock(spec: IndicatorTableSpec): Block {
  const rows: CellValue[][] = [];
  const inserted: boolean[] = [];
  const merges: RangeRef[] = [];
  const y = spec.actualYear;
  const h = spec.header;
  rows.push([h.name, "単位", h.baseline, "実績値", null, h.target, h.trend, h.rate, h.remark]);
  rows.push([null, null, null, `（令和${y}年度）`, `（令和${y + 1}年度）`, null, null, null, null]);
  inserted.push(false, false);
  for (const c of [0, 1, 2, 5, 6, 7, 8]) merges.push({ top: 0, left: c, bottom: 1, right: c });
  merges.push({ top: 0, left: 3, bottom: 0, right: 4 });
  spec.rows.forEach((s, i) => {
    const legend = spec.legendsBefore[i];
    if (i > 0 && legend !== "none") {
      const r = rows.length;
      rows.push([TREND_LEGEND, null, null, null, null, null, null, null, null]);
      inserted.push(true);
      if (legend === "merged") merges.push({ top: r, left: 0, bottom: r, right: 8 });
    }
    const value = (n: number | null): CellValue => (n === null ? s.missing : s.textValues ? spellNumber(n, s, true) : n);
    const baseline = s.baseline === null ? s.missing : withYear(spellNumber(s.baseline, s, true), s.baseYear, s);
    const target = withYear(typeof s.target === "number" ? spellNumber(s.target, s, true) : s.target, s.targetYear, s);
    rows.push([s.name, s.unit, baseline, value(s.previous), value(s.current), target, s.mark, s.rate, s.remark]);
    inserted.push(false);
  });
  const r = rows.length;
  rows.push([TREND_LEGEND, null, null, null, null, null, null, null, null]);
  inserted.push(false);
  merges.push({ top: r, left: 0, bottom: r, right: 8 });
  return { rows, merges, inserted, width: 9, headerRow: 0, headerRows: [0, 1] };
}

// ----------------------------------------------------------------------------------------------
// Progress table (sheet 2)

export interface ProgressItemSpec {
  name: string;
  plan: string;
  evaluation: string;
  figures: { label: string; value: number; unit: string; previous: number | null }[];
  fullWidth: boolean;
  owner: string;
}
export interface ProgressGroupSpec {
  policy: string;
  items: ProgressItemSpec[];
  /** A printed page ends after this group: title, legend and the two-row header again. */
  pageBreakAfter: boolean;
  legendAfter: "none" | "plain" | "merged";
}
export interface ProgressTableSpec {
  groups: ProgressGroupSpec[];
}

const progressItem: fc.Arbitrary<Omit<ProgressItemSpec, "name">> = fc.record({
  plan: fc.constantFrom(...PLAN_TEXTS),
  evaluation: fc.constantFrom("☆", "○", "△", "□", "×", "◎", "－", ""),
  figures: fc.array(
    fc.record({
      label: fc.constantFrom(...FIGURE_LABELS),
      value: fc.integer({ min: 0, max: 99999 }),
      unit: fc.constantFrom("件", "人", "回", "P"),
      previous: fc.option(fc.integer({ min: 0, max: 99999 }), { nil: null }),
    }),
    { maxLength: 2 },
  ),
  fullWidth: fc.boolean(),
  owner: fc.constantFrom(...OWNERS),
});

export const progressTableSpec: fc.Arbitrary<ProgressTableSpec> = fc
  .uniqueArray(fc.constantFrom(...ITEM_NAMES), { minLength: 1, maxLength: 7 })
  .chain((names) =>
    fc.record({
      cuts: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
      items: fc.tuple(...names.map((n) => progressItem.map((it) => ({ ...it, name: n })))),
      policies: fc.array(fc.constantFrom(...POLICY_NAMES), { minLength: names.length, maxLength: names.length }),
      breaks: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
      legends: fc.array(fc.constantFrom<"none" | "plain" | "merged">("none", "none", "plain", "merged"), { minLength: names.length, maxLength: names.length }),
    }),
  )
  .map(({ cuts, items, policies, breaks, legends }) => {
    const groups: ProgressGroupSpec[] = [];
    items.forEach((it, i) => {
      if (i === 0 || cuts[i]) groups.push({ policy: policies[groups.length], items: [], pageBreakAfter: breaks[groups.length], legendAfter: legends[groups.length] });
      groups[groups.length - 1].items.push(it);
    });
    groups[groups.length - 1].pageBreakAfter = false;
    groups[groups.length - 1].legendAfter = "none";
    return { groups };
  });

const PROGRESS_HEADER_1: CellValue[] = ["基本施策", "項目", null, "計画の記載", "令和６(2024)年度", null, null, "担当"];
const PROGRESS_HEADER_2: CellValue[] = [null, null, null, null, "評価", "説明(進捗状況)", "備考\n（特殊要因等）", null];
const TITLE = "第６期地域福祉計画・再犯防止推進計画進捗状況一覧表　令和７年３月31日現在";

export function figureText(f: ProgressItemSpec["figures"][number], fullWidth: boolean): string {
  const n = (x: number) => (fullWidth ? toFullWidth(withSeparators(String(x))) : withSeparators(String(x)));
  return `・${f.label}：${n(f.value)}${f.unit}` + (f.previous !== null ? `（前年度${n(f.previous)}${f.unit}）` : "");
}

export function policyText(spec: ProgressTableSpec, g: number): string {
  return `${g + 1} ${spec.groups[g].policy}`;
}

/** Seed 004: title, legend, two-row header; groups with the 基本施策 merged down; page breaks repeat the page header. */
export function progressBlock(spec: ProgressTableSpec): Block {
  const rows: CellValue[][] = [];
  const inserted: boolean[] = [];
  const merges: RangeRef[] = [];
  const push = (row: CellValue[], ins = false) => {
    rows.push([...row, ...Array(8 - row.length).fill(null)]);
    inserted.push(ins);
    return rows.length - 1;
  };
  const headerRows: number[] = [];
  const header = () => {
    const h = push(PROGRESS_HEADER_1);
    push(PROGRESS_HEADER_2);
    headerRows.push(h, h + 1);
    for (const m of [
      [0, 0, 1, 0],
      [0, 1, 1, 2],
      [0, 3, 1, 3],
      [0, 4, 0, 6],
      [0, 7, 1, 7],
    ]) merges.push({ top: h + m[0], left: m[1], bottom: h + m[2], right: m[3] });
    return h;
  };
  push([TITLE]);
  push([EVAL_LEGEND]);
  const headerRow = header();
  spec.groups.forEach((g, gi) => {
    const first = rows.length;
    g.items.forEach((it, k) => {
      push([
        k === 0 ? policyText(spec, gi) : null,
        `(${k + 1})`,
        it.name,
        it.plan,
        it.evaluation,
        it.figures.map((f) => figureText(f, it.fullWidth)).join("\n"),
        null,
        it.owner,
      ]);
    });
    if (g.items.length > 1) merges.push({ top: first, left: 0, bottom: rows.length - 1, right: 0 });
    if (g.legendAfter !== "none") {
      const r = push([EVAL_LEGEND], true);
      if (g.legendAfter === "merged") merges.push({ top: r, left: 0, bottom: r, right: 7 });
    }
    if (g.pageBreakAfter) {
      push([]);
      push(["資料３"]);
      push([EVAL_LEGEND]);
      header();
    }
  });
  return { rows, merges, inserted, width: 8, headerRow, headerRows };
}

// ----------------------------------------------------------------------------------------------
// Junk around a table

export interface JunkSpec {
  /** Offset of the block in the sheet. */
  dr: number;
  dc: number;
  cells: { area: "above" | "left"; x: number; y: number; value: CellValue }[];
  merges: { area: "above" | "left"; x: number; y: number; h: number; w: number }[];
  /** Columns of the left area filled on every row (a side column of notes beside a printed table). */
  denseLeft: { cols: number; texts: string[] };
}

export const junkValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: safeText },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10000 }).map((n) => n / 100) },
);

export const junkSpec = (aboveValue: fc.Arbitrary<CellValue> = junkValue, leftValue: fc.Arbitrary<CellValue> = junkValue): fc.Arbitrary<JunkSpec> =>
  fc.record({
    dr: fc.integer({ min: 0, max: 8 }),
    // up to 9 junk columns left of the table (the header-repeat test looks at the table's columns only)
    dc: fc.integer({ min: 0, max: 10 }),
    cells: fc.array(
      fc.oneof(
        fc.record({ area: fc.constant<"above">("above"), x: fc.nat(), y: fc.nat(), value: aboveValue }),
        fc.record({ area: fc.constant<"left">("left"), x: fc.nat(), y: fc.nat(), value: leftValue }),
      ),
      { maxLength: 40 },
    ),
    merges: fc.array(
      fc.record({ area: fc.constantFrom<"above" | "left">("above", "left"), x: fc.nat(), y: fc.nat(), h: fc.integer({ min: 1, max: 3 }), w: fc.integer({ min: 1, max: 3 }) }),
      { maxLength: 4 },
    ),
    denseLeft: fc.record({ cols: fc.constantFrom(0, 0, 1, 2, 4), texts: fc.array(safeText, { minLength: 1, maxLength: 4 }) }),
  });

/**
 * Junk in the rows above the block (rows 0..dr−2, across and beyond the block's columns) and in the
 * columns left of it (columns 0..dc−2, down and beyond the block's rows): one blank row and one
 * blank column always separate the junk from the table.
 */
export function addJunk(
  grid: Grid,
  junk: JunkSpec,
  blockHeight: number,
  blockWidth: number,
  allow: (area: "above" | "left", row: number, col: number, value: CellValue) => boolean = () => true,
): void {
  const area = (a: "above" | "left") =>
    a === "above"
      ? { top: 0, left: 0, rows: junk.dr - 1, cols: junk.dc + blockWidth + 2 }
      : { top: 0, left: 0, rows: junk.dr + blockHeight + 2, cols: junk.dc - 1 };
  for (const m of junk.merges) {
    const ar = area(m.area);
    if (ar.rows <= 0 || ar.cols <= 0) continue;
    const top = m.y % ar.rows;
    const left = m.x % ar.cols;
    const range = { top, left, bottom: Math.min(ar.rows - 1, top + m.h - 1), right: Math.min(ar.cols - 1, left + m.w - 1) };
    if (range.bottom === range.top && range.right === range.left) continue;
    if (grid.overlaps(range)) continue;
    grid.merges.push(range);
  }
  const inMergeTail = (r: number, col: number) =>
    grid.merges.some((m) => r >= m.top && r <= m.bottom && col >= m.left && col <= m.right && (r !== m.top || col !== m.left));
  const left = area("left");
  for (let col = 0; col < Math.min(junk.denseLeft.cols, left.cols); col++) {
    for (let r = 0; r < left.rows; r++) if (!inMergeTail(r, col)) grid.set(r, col, junk.denseLeft.texts[(r + col) % junk.denseLeft.texts.length]);
  }
  for (const c of junk.cells) {
    const ar = area(c.area);
    if (ar.rows <= 0 || ar.cols <= 0) continue;
    const r = c.y % ar.rows;
    const col = c.x % ar.cols;
    // inside a merged area only the top-left cell holds a value
    if (inMergeTail(r, col) || !allow(c.area, r, col, c.value)) continue;
    grid.set(r, col, c.value);
  }
}
