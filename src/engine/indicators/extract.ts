/** From a recognized indicator table to the indicator model (one per record). */
import { cellText, compactText, normalizeText, parseYear, readValueCell, type CellReading } from "../cell/read";
import { getNumberFormat, toA1 } from "../model/grid";
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
}

function read(sheet: SheetSnapshot, rec: TableRecord, col: ColumnInfo | undefined, writable = false): ReadCell | null {
  if (!col) return null;
  const v = recordValue(sheet, rec, col.col);
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

function directionFrom(dirCell: ReadCell | null, baseline: number | null, target: number | null, q: Qualitative | null): Direction {
  if (dirCell) {
    const s = compactText(cellText(dirCell.value));
    if (/減|低|↓|下げ|下降|少な|小さ/.test(s)) return "decrease";
    if (/増|高|↑|上げ|多|大き/.test(s)) return "increase";
  }
  if (q === "減少") return "decrease";
  if (q === null && baseline !== null && target !== null && target < baseline) return "decrease";
  return "increase";
}

export interface ExtractOptions {
  /**
   * The table's 評価 column holds the trend marks (the sheet prints the ◎○▼⇒－ legend and the table
   * has no 指標の推移 column).
   */
  evaluationAsTrend?: boolean;
}

export function extractIndicators(sheet: SheetSnapshot, table: RecognizedTable, options: ExtractOptions = {}): IndicatorRow[] {
  const byRole = (role: string) => table.columns.find((c) => c.role === role);
  const actualCols = table.columns.filter((c) => c.role === "actual");
  // order the actual columns: by the year in the header, else as they stand
  const ordered = [...actualCols].sort((a, b) =>
    a.year !== null && b.year !== null ? a.year - b.year : a.col - b.col,
  );
  const prevWord = ordered.find((c) => /前年度|昨年度/.test(compactText(c.header)));
  const curWord = ordered.find((c) => /今年度|当年度|本年度|今回/.test(compactText(c.header)));
  const out: IndicatorRow[] = [];
  for (const rec of table.records) {
    const name = read(sheet, rec, byRole("name"));
    const unitCell = read(sheet, rec, byRole("unit"));
    const baseline = read(sheet, rec, byRole("baseline"));
    const target = read(sheet, rec, byRole("target"));
    const trendCol = byRole("trend") ?? (options.evaluationAsTrend ? byRole("evaluation") : undefined);
    const trend = read(sheet, rec, trendCol, true);
    const evaluation = trendCol && trendCol.role === "evaluation" ? null : read(sheet, rec, byRole("evaluation"), true);
    const rate = read(sheet, rec, byRole("rate"), true);
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
    } else if (actuals.length > 0) {
      currentCell = actuals[actuals.length - 1];
      previousCell = actuals.length > 1 ? actuals[actuals.length - 2] : null;
    }
    const q: Qualitative | null = target && target.reading.kind === "qualitative" ? target.reading.qualitative : null;
    const b = numberOf(baseline);
    const t = numberOf(target);
    let unit: string | null = unitCell ? normalizeText(cellText(unitCell.value)) || null : null;
    if (!unit) {
      for (const c of [baseline, target, ...actuals]) {
        if (c && c.reading.kind === "number" && c.reading.unit) {
          unit = c.reading.unit;
          break;
        }
      }
    }
    const nameText = name ? indicatorName(name.value) : "";
    const hasAnyValue = [baseline, target, ...actuals].some((c) => c && c.reading.kind !== "empty");
    if (!nameText && !hasAnyValue) continue;
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
      target: { ...withYear(yv(target), targetYearCell), qualitative: q },
    };
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
    });
  }
  return out;
}
