/** From a recognized indicator table to the indicator model (one per record). */
import { cellText, compactText, normalizeText, parseYear, readValueCell, type CellReading } from "../cell/read";
import { rowLabel } from "../tables/headers";
import { getCell, getNumberFormat, mergeAt, toA1 } from "../model/grid";
import type { CellValue, SheetSnapshot } from "../model/snapshot";
import type { Direction, Indicator, Qualitative, YearValue } from "../model/indicator";
import { recordValue, type ColumnInfo, type RecognizedTable, type TableRecord } from "../tables/recognize";

export interface ReadCell {
  /** A1 address of the cell the value was read from. */
  cell: string;
  value: CellValue;
  reading: CellReading;
  column: ColumnInfo;
}

export interface IndicatorRow {
  indicator: Indicator;
  table: RecognizedTable;
  record: TableRecord;
  name: ReadCell | null;
  unit: ReadCell | null;
  baseline: ReadCell | null;
  actuals: ReadCell[];
  previousCell: ReadCell | null;
  currentCell: ReadCell | null;
  target: ReadCell | null;
  trend: ReadCell | null;
  rate: ReadCell | null;
  /** The 期待値評価 (pace grade) cell, when the table has that column. */
  pace: ReadCell | null;
  /** A 評価 cell that is not the trend mark (checked against the sheet's evaluation legend). */
  evaluation: ReadCell | null;
  direction: ReadCell | null;
  /** Where each year came from (the value cell, or the header when the cell has none). */
  yearCells: { baseline: string | null; previous: string | null; current: string | null; target: string | null };
  /** The yearly series: per year, the target, the actual and the rate cell (where the layout has them). */
  points: SeriesPoint[];
  /** The 評価 cell graded by the sheet's band legend (Ａ：達成率100％以上 …), when the table has one. */
  grade: ReadCell | null;
  /** Why the marks, rates and grades of this indicator are not checked or written (null: they are). */
  uncertain: Uncertainty | null;
}

/** One year of an indicator's series. */
export interface SeriesPoint {
  year: number;
  target: ReadCell | null;
  actual: ReadCell | null;
  /** The 達成率 cell of that year (a row-group table's 達成率 row); written by Fill. */
  rate: ReadCell | null;
  /** The 評価 cell of that year (a 評価 row), graded by the band legend. */
  grade: ReadCell | null;
}

/** Why a table (or a record) is not understood well enough to write into. */
export interface Uncertainty {
  cell: string;
  /** Message key of the reason. */
  reason:
    | "uncertain.sameYear"
    | "uncertain.twoTargets"
    | "uncertain.yearColumns"
    | "uncertain.noActualRow"
    | "uncertain.noYear";
  params?: Record<string, string | number>;
}

function read(sheet: SheetSnapshot, rec: TableRecord, col: ColumnInfo | undefined, writable = false): ReadCell | null {
  if (!col) return null;
  const v = recordValue(sheet, rec, col.col);
  return readAt(sheet, v, col, writable);
}

function readAt(sheet: SheetSnapshot, v: { value: CellValue; row: number; col: number; own: boolean }, col: ColumnInfo, writable: boolean): ReadCell | null {
  // a mark/rate cell shared with another column or record is not this indicator's to check or write
  if (writable && !v.own) return null;
  let reading = readValueCell(v.value);
  // a number shown with a percent format (0.31 shown as 31%) is read as it is shown, like "31%"
  if (!writable && reading.kind === "number" && typeof v.value === "number" && isPercentFormat(getNumberFormat(sheet, v.row, v.col))) {
    reading = { ...reading, value: Number((v.value * 100).toPrecision(12)), unit: "%" };
  }
  return { cell: toA1(v.row, v.col), value: v.value, reading, column: col };
}

/** A number format that shows a percentage (`0%`, `0.0%`; not a quoted "%" or an escaped \%). */
export function isPercentFormat(fmt: string | null): boolean {
  if (!fmt) return false;
  const unquoted = fmt.replace(/"[^"]*"/g, "").replace(/\\./g, "");
  return unquoted.includes("%");
}

function numberOf(c: ReadCell | null): number | null {
  return c && c.reading.kind === "number" ? c.reading.value : null;
}

function yearOf(c: ReadCell | null): number | null {
  if (!c) return null;
  const r = c.reading;
  const y = r.kind === "number" || r.kind === "missing" || r.kind === "qualitative" || r.kind === "text" ? r.year : null;
  return y ?? c.column.year;
}

function yearCell(c: ReadCell | null, table: RecognizedTable): string | null {
  if (!c) return null;
  const r = c.reading;
  const own = r.kind === "number" || r.kind === "missing" || r.kind === "qualitative" || r.kind === "text" ? r.year : null;
  if (own !== null) return c.cell;
  if (c.column.year !== null) return toA1(table.headerBottom, c.column.col);
  return null;
}

/** The year a 年度 column's cell names: 令和3年度, R3, 2021, 2021年度. */
function yearIn(c: ReadCell | null): number | null {
  if (!c) return null;
  if (typeof c.value === "number" && Number.isInteger(c.value) && c.value >= 1950 && c.value <= 2100) return c.value;
  return parseYear(cellText(c.value));
}

function withYear(v: YearValue, yearCell: ReadCell | null): YearValue {
  return v.year === null && yearIn(yearCell) !== null ? { ...v, year: yearIn(yearCell) } : v;
}

function yv(c: ReadCell | null): YearValue {
  return { value: numberOf(c), year: yearOf(c) };
}

/** The name as written (trimmed; line breaks and marks such as 【新規】 kept). */
export function indicatorName(v: CellValue): string {
  return cellText(v).replace(/\r\n?/g, "\n").trim();
}

function directionFrom(
  dirCell: ReadCell | null,
  baseline: number | null,
  target: number | null,
  q: Qualitative | null,
  hint: { firstActual: number | null; targets: number[] } | null = null,
): Direction {
  if (dirCell) {
    const s = compactText(cellText(dirCell.value));
    if (/減|低|↓|下げ|下降|少な|小さ/.test(s)) return "decrease";
    if (/増|高|↑|上げ|多|大き/.test(s)) return "increase";
  }
  if (q === "減少") return "decrease";
  if (q === null && baseline !== null && target !== null && target < baseline) return "decrease";
  if (q === null && baseline === null && hint) {
    // no baseline (a series starting with a bare year): targets that fall year by year, or a final
    // target below the first actual, mean lower is better
    const ts = hint.targets;
    if (ts.length >= 2 && ts[ts.length - 1] < ts[0] && ts.every((x, i) => i === 0 || x <= ts[i - 1])) return "decrease";
    if (hint.firstActual !== null && target !== null && target < hint.firstActual) return "decrease";
  }
  return "increase";
}

/** What a series without a baseline says of its direction: its first actual and its per-year targets. */
function seriesHint(points: SeriesPoint[]): { firstActual: number | null; targets: number[] } {
  const first = points.find((p) => numberOf(p.actual) !== null);
  return {
    firstActual: first ? numberOf(first.actual) : null,
    targets: points.map((p) => numberOf(p.target)).filter((x): x is number => x !== null),
  };
}

export interface ExtractOptions {
  /**
   * The table's 評価 column holds the trend marks (the sheet prints the ◎○▼⇒－ legend and the table
   * has no 指標の推移 column).
   */
  evaluationAsTrend?: boolean;
  /** The year the sheet is written for (【令和７年度】 → 2025): it reports the year before. */
  titleYear?: number | null;
  /** The sheet prints a band legend (Ａ：達成率100％以上 …): its 評価 column holds grades. */
  gradeLegend?: boolean;
}

/** What was read of a table: its indicators and what could not be placed. */
export interface TableReading {
  rows: IndicatorRow[];
  /** The table as a whole is not understood well enough to write into. */
  uncertain: Uncertainty | null;
  /** The year read as this year (null when no column names one). */
  currentYear: number | null;
  /** Roles the table lacks for computing marks and rates. */
  missing: ("target" | "actual")[];
}

/** The columns of an indicator table sorted into the series' parts. */
interface ColumnPlan {
  baseline: ColumnInfo[];
  actual: ColumnInfo[];
  /** Targets of single years (a year that also has an actual). */
  yearTargets: ColumnInfo[];
  final: ColumnInfo[];
  rates: ColumnInfo[];
  /** Year columns whose meaning comes from the row label (row-group tables). */
  years: ColumnInfo[];
  uncertain: Uncertainty | null;
}

function headerCell(table: RecognizedTable, col: number): string {
  return toA1(table.headerTop, col);
}

function planColumns(table: RecognizedTable): ColumnPlan {
  const of = (role: string) => table.columns.filter((c) => c.role === role);
  const plan: ColumnPlan = { baseline: [], actual: [], yearTargets: [], final: [], rates: of("rate"), years: [], uncertain: null };
  const yearCols = of("year");
  if (table.shape === "row-group") {
    // the row label says what a year column holds, whatever its header's word (`実績` over the years)
    const dated = (c: ColumnInfo) => c.year !== null && !/最終|目標年度|基準/.test(compactText(c.header));
    const actualYears = of("actual").filter(dated);
    plan.years = [...yearCols, ...actualYears].sort((a, b) => a.col - b.col);
    plan.baseline = of("baseline");
    plan.actual = of("actual").filter((c) => !actualYears.includes(c));
    plan.final = of("target");
    return plan;
  }
  plan.baseline = [...of("baseline"), ...yearCols.filter((c) => c.yearTag === "baseline")];
  const actual = of("actual");
  const bareYears = yearCols.filter((c) => c.yearTag === null || c.yearTag === "actual");
  if (actual.length > 0 && bareYears.some((c) => c.yearTag === null)) {
    // 実績値 columns and bare year columns side by side: what the year columns hold is a guess
    const c = bareYears.find((x) => x.yearTag === null)!;
    plan.uncertain = { cell: headerCell(table, c.col), reason: "uncertain.yearColumns", params: { header: c.header } };
  }
  plan.actual = [...actual, ...bareYears].sort((a, b) => a.col - b.col);
  const targets = [...of("target"), ...yearCols.filter((c) => c.yearTag === "target")];
  const actualYears = new Set(plan.actual.map((c) => c.year).filter((y): y is number => y !== null));
  for (const t of targets) {
    if (t.year !== null && actualYears.has(t.year) && t.yearTag !== "target" && !/最終|目標年度/.test(compactText(t.header))) plan.yearTargets.push(t);
    else plan.final.push(t);
  }
  // targets of single years only: the latest one is also the target the marks are measured against
  if (plan.final.length === 0 && plan.yearTargets.length > 0) {
    plan.final = [[...plan.yearTargets].sort((a, b) => b.year! - a.year!)[0]];
  }
  if (plan.final.length > 1) {
    // an earlier target kept beside the current one (当初目標値, 旧目標, 変更前) is not the target
    const former = plan.final.filter((c) => /当初|旧|変更前|参考|前回/.test(compactText(c.header)));
    if (former.length > 0 && former.length < plan.final.length) plan.final = plan.final.filter((c) => !former.includes(c));
  }
  if (plan.final.length > 1) {
    // the latest-year target is the final one when the others are of earlier years
    const withYear = plan.final.filter((c) => c.year !== null).sort((a, b) => (b.year! - a.year!));
    if (withYear.length === plan.final.length && withYear[0].year! > withYear[1].year!) {
      plan.final = [withYear[0]];
    } else {
      plan.uncertain ??= { cell: headerCell(table, plan.final[1].col), reason: "uncertain.twoTargets" };
      plan.final = [plan.final[0]];
    }
  }
  // two actual columns of one year: which is this year's is a guess
  const seen = new Map<number, ColumnInfo>();
  for (const c of plan.actual) {
    if (c.year === null) continue;
    if (seen.has(c.year)) {
      plan.uncertain ??= { cell: headerCell(table, c.col), reason: "uncertain.sameYear", params: { year: c.year } };
    }
    seen.set(c.year, c);
  }
  if (plan.baseline.length > 1) plan.baseline = [plan.baseline[0]];
  return plan;
}

/** The non-empty years of the table's actuals, to pick this year: the sheet's year − 1, else the latest filled. */
function pickCurrentYear(years: number[], filled: Set<number>, titleYear: number | null | undefined): number | null {
  if (years.length === 0) return null;
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (titleYear && sorted.includes(titleYear - 1)) return titleYear - 1;
  for (let i = sorted.length - 1; i >= 0; i--) if (filled.has(sorted[i])) return sorted[i];
  return sorted[sorted.length - 1];
}

function filledReading(c: ReadCell | null): boolean {
  return c !== null && c.reading.kind !== "empty";
}

export function extractIndicators(sheet: SheetSnapshot, table: RecognizedTable, options: ExtractOptions = {}): IndicatorRow[] {
  return readIndicatorTable(sheet, table, options).rows;
}

export function readIndicatorTable(sheet: SheetSnapshot, table: RecognizedTable, options: ExtractOptions = {}): TableReading {
  const plan = planColumns(table);
  if (table.shape === "row-group") return readRowGroups(sheet, table, plan, options);
  return readRows(sheet, table, plan, options);
}

function unitOf(unitCell: ReadCell | null, cells: (ReadCell | null)[]): string | null {
  let unit: string | null = unitCell ? normalizeText(cellText(unitCell.value)) || null : null;
  if (!unit) {
    for (const c of cells) {
      if (c && c.reading.kind === "number" && c.reading.unit) {
        unit = c.reading.unit;
        break;
      }
    }
  }
  return unit;
}

function readRows(sheet: SheetSnapshot, table: RecognizedTable, plan: ColumnPlan, options: ExtractOptions): TableReading {
  const byRole = (role: string) => table.columns.find((c) => c.role === role);
  // order the actual columns: by the year in the header, else as they stand
  const ordered = [...plan.actual].sort((a, b) => (a.year !== null && b.year !== null ? a.year - b.year : a.col - b.col));
  const prevWord = ordered.find((c) => /前年度|昨年度/.test(compactText(c.header)));
  const curWord = ordered.find((c) => /今年度|当年度|本年度|今回/.test(compactText(c.header)));
  const allYears = ordered.every((c) => c.year !== null) && ordered.length > 0;
  // this year: by the sheet's year (a 【令和７年度】 sheet reports 令和6年度), else the latest year filled
  let currentYear: number | null = null;
  if (allYears && !curWord && !prevWord) {
    // one row per indicator: two columns are last year and this year (the latest is this year's,
    // even empty); a row of years (令和4 … 令和8) runs into years not yet reported: the latest filled
    const years = ordered.map((c) => c.year!);
    let filled = new Set(years);
    if (ordered.length > 2) {
      filled = new Set<number>();
      for (const rec of table.records) for (const c of ordered) if (filledReading(read(sheet, rec, c))) filled.add(c.year!);
    }
    currentYear = pickCurrentYear(years, filled, options.titleYear);
  }
  const missing: TableReading["missing"] = [];
  if (plan.final.length === 0 && plan.yearTargets.length === 0) missing.push("target");
  if (ordered.length === 0) missing.push("actual");
  const out: IndicatorRow[] = [];
  for (const rec of table.records) {
    const name = read(sheet, rec, byRole("name"));
    const unitCell = read(sheet, rec, byRole("unit"));
    const baseline = read(sheet, rec, plan.baseline[0]);
    const target = read(sheet, rec, plan.final[0]);
    const trendCol = byRole("trend") ?? (options.evaluationAsTrend ? byRole("evaluation") : undefined);
    const trend = read(sheet, rec, trendCol, true);
    const evalCol = trendCol && trendCol.role === "evaluation" ? undefined : byRole("evaluation");
    const evaluation = options.gradeLegend ? null : read(sheet, rec, evalCol, true);
    const grade = options.gradeLegend ? read(sheet, rec, evalCol, true) : null;
    const rateCol = plan.rates.find((c) => c.year === null || c.year === currentYear) ?? plan.rates[0];
    const rate = read(sheet, rec, rateCol, true);
    const dir = read(sheet, rec, byRole("direction"));
    const paceCell = read(sheet, rec, byRole("pace"), true);
    // years in their own columns (基準年度 | 目標年度)
    const baselineYearCell = read(sheet, rec, byRole("baselineYear"));
    const targetYearCell = read(sheet, rec, byRole("targetYear"));
    const actuals = ordered.map((c) => read(sheet, rec, c)!);
    let currentCell: ReadCell | null = null;
    let previousCell: ReadCell | null = null;
    if (curWord || prevWord) {
      currentCell = curWord ? actuals[ordered.indexOf(curWord)] : actuals[actuals.length - 1] ?? null;
      previousCell = prevWord ? actuals[ordered.indexOf(prevWord)] : null;
    } else if (currentYear !== null) {
      const ci = ordered.findIndex((c) => c.year === currentYear);
      const pi = ordered.findIndex((c) => c.year === currentYear! - 1);
      currentCell = ci >= 0 ? actuals[ci] : null;
      previousCell = pi >= 0 ? actuals[pi] : null;
    } else if (actuals.length > 0) {
      currentCell = actuals[actuals.length - 1];
      previousCell = actuals.length > 1 ? actuals[actuals.length - 2] : null;
    }
    const q: Qualitative | null = target && target.reading.kind === "qualitative" ? target.reading.qualitative : null;
    const b = numberOf(baseline);
    const t = numberOf(target);
    const unit = unitOf(unitCell, [baseline, target, ...actuals]);
    const nameText = name ? indicatorName(name.value) : "";
    const hasAnyValue = [baseline, target, ...actuals].some((c) => c && c.reading.kind !== "empty");
    if (!nameText && !hasAnyValue) continue;
    const points: SeriesPoint[] = [];
    ordered.forEach((c, i) => {
      const year = yearOf(actuals[i]);
      if (year === null) return;
      const yt = plan.yearTargets.find((x) => x.year === year);
      points.push({ year, actual: actuals[i], target: yt ? read(sheet, rec, yt) : null, rate: null, grade: null });
    });
    const targetValue = withYear(yv(target), targetYearCell);
    const indicator: Indicator = {
      sheet: sheet.name,
      row: rec.row + 1,
      name: nameText,
      unit,
      direction: directionFrom(dir, b, t, q),
      baseline: withYear(yv(baseline), baselineYearCell),
      actuals: actuals.map(yv),
      previous: yv(previousCell),
      current: yv(currentCell),
      // written out: a spread here was the slowest line of the engine
      target: { value: targetValue.value, year: targetValue.year, qualitative: q },
    };
    if (currentYear !== null) {
      // the year comes from the series, even where the cell is empty
      if (indicator.current.year === null) indicator.current = { ...indicator.current, year: currentYear };
      if (indicator.previous.year === null && previousCell) indicator.previous = { ...indicator.previous, year: currentYear - 1 };
    }
    const uncertain = plan.uncertain;
    out.push({
      indicator,
      table,
      record: rec,
      name,
      unit: unitCell,
      baseline,
      actuals,
      previousCell,
      currentCell,
      target,
      trend,
      rate,
      pace: paceCell,
      evaluation,
      direction: dir,
      yearCells: {
        baseline: yearCell(baseline, table) ?? (yearIn(baselineYearCell) !== null ? baselineYearCell!.cell : null),
        previous: yearCell(previousCell, table),
        current: yearCell(currentCell, table),
        target: yearCell(target, table) ?? (yearIn(targetYearCell) !== null ? targetYearCell!.cell : null),
      },
      points,
      grade,
      uncertain,
    });
  }
  return { rows: out, uncertain: plan.uncertain, currentYear, missing };
}

/** A cell of a record of several rows, on the row of the given label. */
function cellOnRow(sheet: SheetSnapshot, row: number, col: ColumnInfo, writable: boolean): ReadCell | null {
  const m = mergeAt(sheet, row, col.col);
  if (m) {
    // a merged cell belongs to one row's label only when it does not reach into the other rows
    const own = m.top === row && m.bottom === row && m.left === col.col;
    if (writable && !own) return null;
    return readAt(sheet, { value: getCell(sheet, m.top, m.left), row: m.top, col: m.left, own }, col, writable);
  }
  return readAt(sheet, { value: getCell(sheet, row, col.col), row, col: col.col, own: true }, col, writable);
}

/**
 * A cell that belongs to the whole record (name, unit, mark, rate, 評価): merged over the record's
 * rows, or written on one of them (the first when all are empty).
 */
function recordCell(sheet: SheetSnapshot, rec: TableRecord, col: ColumnInfo | undefined, writable: boolean): ReadCell | null {
  if (!col) return null;
  const m = mergeAt(sheet, rec.row, col.col);
  if (m) {
    const own = m.left === col.col && m.right === col.col && m.top === rec.row && m.bottom <= rec.lastRow;
    if (writable && !own) return null;
    return readAt(sheet, { value: getCell(sheet, m.top, m.left), row: m.top, col: m.left, own }, col, writable);
  }
  let at = -1;
  for (let r = rec.row; r <= rec.lastRow; r++) {
    if (mergeAt(sheet, r, col.col)) continue;
    const v = getCell(sheet, r, col.col);
    if (v !== null && v !== "") {
      if (at >= 0) {
        // values on two rows of one record: not one cell of the record
        if (writable) return null;
        break;
      }
      at = r;
    }
  }
  if (at < 0) at = rec.row;
  return readAt(sheet, { value: getCell(sheet, at, col.col), row: at, col: col.col, own: true }, col, writable);
}

function readRowGroups(sheet: SheetSnapshot, table: RecognizedTable, plan: ColumnPlan, options: ExtractOptions): TableReading {
  const byRole = (role: string) => table.columns.find((c) => c.role === role);
  const labelCol = table.labelCol!;
  const labelOf = (r: number) => {
    const v = getCell(sheet, r, labelCol);
    return typeof v === "string" ? rowLabel(v) : null;
  };
  const yearCols = plan.years.filter((c) => c.year !== null && c.yearTag !== "baseline" && c.yearTag !== "target");
  const baseYearCol = plan.years.find((c) => c.yearTag === "baseline");
  const finalYearCol = plan.years.find((c) => c.yearTag === "target");
  // this year: the sheet's year − 1, else the latest year with an actual anywhere in the table
  const filled = new Set<number>();
  for (const rec of table.records)
    for (let r = rec.row; r <= rec.lastRow; r++)
      if (labelOf(r) === "actual") for (const c of yearCols) if (filledReading(cellOnRow(sheet, r, c, false))) filled.add(c.year!);
  const currentYear = pickCurrentYear(yearCols.map((c) => c.year!), filled, options.titleYear);
  const missing: TableReading["missing"] = [];
  if (plan.final.length === 0 && !finalYearCol && yearCols.length === 0) missing.push("target");
  if (yearCols.length === 0 && plan.actual.length === 0) missing.push("actual");
  const out: IndicatorRow[] = [];
  for (const rec of table.records) {
    const rows: Partial<Record<string, number>> = {};
    for (let r = rec.row; r <= rec.lastRow; r++) {
      const lab = labelOf(r);
      if (lab && rows[lab] === undefined) rows[lab] = r;
    }
    const name = recordCell(sheet, rec, byRole("name"), false);
    const unitCell = recordCell(sheet, rec, byRole("unit"), false);
    const trendCol = byRole("trend") ?? (options.evaluationAsTrend ? byRole("evaluation") : undefined);
    const trend = recordCell(sheet, rec, trendCol, true);
    const evalCol = trendCol && trendCol.role === "evaluation" ? undefined : byRole("evaluation");
    const evaluation = options.gradeLegend ? null : recordCell(sheet, rec, evalCol, true);
    const grade = options.gradeLegend ? recordCell(sheet, rec, evalCol, true) : null;
    const rate = recordCell(sheet, rec, plan.rates[0], true);
    const dir = recordCell(sheet, rec, byRole("direction"), false);
    const paceCell = recordCell(sheet, rec, byRole("pace"), true);
    const on = (lab: string, col: ColumnInfo | undefined, writable = false) =>
      col && rows[lab] !== undefined ? cellOnRow(sheet, rows[lab]!, col, writable) : null;
    // the baseline: the 基準 year column on the 実績値 row, or a 基準値 column
    let baseline = on("actual", baseYearCol) ?? (plan.baseline[0] ? recordCell(sheet, rec, plan.baseline[0], false) : null);
    if (baseline && baseline.reading.kind === "empty" && rows.baseline !== undefined) baseline = on("baseline", baseYearCol) ?? baseline;
    // the final target: the 目標 year column or a 最終目標 column, on the 目標値 row (or the only value)
    let target = on("target", finalYearCol) ?? on("target", plan.final[0]);
    if ((!target || target.reading.kind === "empty") && plan.final[0]) target = recordCell(sheet, rec, plan.final[0], false);
    if ((!target || target.reading.kind === "empty") && finalYearCol) target = recordCell(sheet, rec, finalYearCol, false);
    const points: SeriesPoint[] = yearCols.map((c) => ({
      year: c.year!,
      target: on("target", c),
      actual: on("actual", c),
      rate: on("rate", c, true),
      grade: options.gradeLegend ? on("evaluation", c, true) : null,
    }));
    const cur = points.find((p) => p.year === currentYear) ?? null;
    const prev = currentYear !== null ? points.find((p) => p.year === currentYear - 1) ?? null : null;
    const actuals = points.map((p) => p.actual).filter((c): c is ReadCell => c !== null);
    const q: Qualitative | null = target && target.reading.kind === "qualitative" ? target.reading.qualitative : null;
    const b = numberOf(baseline);
    const t = numberOf(target);
    const nameText = name ? indicatorName(name.value) : "";
    const hasAnyValue = [baseline, target, ...actuals].some((c) => c && c.reading.kind !== "empty");
    if (!nameText && !hasAnyValue) continue;
    const yearFrom = (c: ReadCell | null, col: ColumnInfo | undefined) => yearOf(c) ?? col?.year ?? null;
    const indicator: Indicator = {
      sheet: sheet.name,
      row: rec.row + 1,
      name: nameText,
      unit: unitOf(unitCell, [baseline, target, ...actuals]),
      direction: directionFrom(dir, b, t, q, seriesHint(points)),
      baseline: { value: b, year: yearFrom(baseline, baseYearCol ?? plan.baseline[0]) },
      actuals: points.filter((p) => p.actual).map((p) => ({ value: numberOf(p.actual), year: p.year })),
      previous: { value: numberOf(prev?.actual ?? null), year: prev ? prev.year : null },
      current: { value: numberOf(cur?.actual ?? null), year: currentYear },
      target: { value: t, year: yearFrom(target, finalYearCol ?? plan.final[0]), qualitative: q },
    };
    const uncertain: Uncertainty | null =
      plan.uncertain ?? (rows.actual === undefined ? { cell: name?.cell ?? toA1(rec.row, labelCol), reason: "uncertain.noActualRow" } : null);
    out.push({
      indicator,
      table,
      record: rec,
      name,
      unit: unitCell,
      baseline,
      actuals,
      previousCell: prev?.actual ?? null,
      currentCell: cur?.actual ?? null,
      target,
      trend,
      rate,
      pace: paceCell,
      evaluation,
      direction: dir,
      yearCells: {
        baseline: baseline ? (yearOf(baseline) !== null && baseline.reading.kind !== "empty" && (baseline.reading as { year?: number | null }).year ? baseline.cell : baseYearCol ? headerCell(table, baseYearCol.col) : null) : null,
        previous: prev ? headerCell(table, yearCols.find((c) => c.year === prev.year)!.col) : null,
        current: cur ? headerCell(table, yearCols.find((c) => c.year === cur.year)!.col) : null,
        target: finalYearCol ? headerCell(table, finalYearCol.col) : target && yearOf(target) !== null ? target.cell : null,
      },
      points,
      grade,
      uncertain,
    });
  }
  return { rows: out, uncertain: plan.uncertain, currentYear, missing };
}
